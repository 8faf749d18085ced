/**
 * Bench only (`node --import` into the server and the simulator process, never part of a start):
 * counts RSA signatures, RSA verifications and SQL statements sent through `pg`, and writes the
 * counts (and the statements by their first words) as JSON to BENCH_COUNTERS_FILE when the process exits.
 */
import crypto from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import pg from 'pg'

const counts = { rsaSign: 0, rsaVerify: 0, sql: 0, bySql: {} as Record<string, number> }
const file = process.env.BENCH_COUNTERS_FILE

const { sign, verify } = crypto
crypto.sign = ((...args: Parameters<typeof sign>) => ((counts.rsaSign += 1), sign(...args))) as typeof sign
crypto.verify = ((...args: Parameters<typeof verify>) => ((counts.rsaVerify += 1), verify(...args))) as typeof verify
syncBuiltinESMExports()

const { query } = pg.Client.prototype
pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
  counts.sql += 1
  // Statements told apart by their first words: what the journeys spend their round trips on.
  const text = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string } | null)?.text ?? '?')
  const key = text.replace(/\s+/g, ' ').trim().slice(0, 90)
  counts.bySql[key] = (counts.bySql[key] ?? 0) + 1
  return (query as (...a: unknown[]) => unknown).apply(this, args)
} as typeof query

if (file) process.on('exit', () => writeFileSync(file, JSON.stringify(counts)))
