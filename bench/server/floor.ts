/**
 * The floor: what PostgreSQL alone allows for a journey. One journey's SQL is recorded from the
 * server (log_statement = all on the bench's own cluster), then replayed straight through `pg` by
 * N replayers at once over a pool as large as the server's: every recorded identifier (ids,
 * hashes, tokens, sealed values, anything 12+ characters that is not a small number) made unique
 * per replay, so each replay is a new user paying a new person, as a journey is.
 */
import { readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { PreparedClient } from '../../server/src/db/preparedClient'

interface Statement {
  pid: string
  sql: string
  params?: (string | null)[]
}

/** A statement or one transaction (BEGIN … COMMIT of one connection): what runs on one client. */
export type Unit = Statement[]

const ENTRY = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \w+ \[(\d+)\] (LOG|DETAIL|ERROR|STATEMENT|WARNING|HINT|CONTEXT): {2}(.*)$/
const PARAM = /\$(\d+) = (?:NULL|'((?:[^']|'')*)')/g

/** The log file of the bench's cluster (tests/server/postgres.ts starts it with `-l <dir>/log`). */
async function logFileOf(pool: pg.Pool): Promise<string> {
  return join(dirname((await pool.query<{ data_directory: string }>('SHOW data_directory')).rows[0].data_directory), 'log')
}

/**
 * Runs `work` with every statement logged, and gives back what the server sent meanwhile, and how
 * many statements came in before each `mark(name)` since the one before (jobs running behind a
 * call land in the call they ran during).
 */
export async function recordStatements(pool: pg.Pool, work: (mark: (name: string) => void) => Promise<void>): Promise<{ units: Unit[]; perCall: Record<string, number> }> {
  const log = await logFileOf(pool)
  await pool.query("ALTER SYSTEM SET log_statement = 'all'")
  await pool.query('SELECT pg_reload_conf()')
  await new Promise((r) => setTimeout(r, 300))
  const from = statSync(log).size
  const marks: { name: string; at: number }[] = []
  try {
    await work((name) => marks.push({ name, at: statSync(log).size }))
  } finally {
    await pool.query('ALTER SYSTEM RESET log_statement')
    await pool.query('SELECT pg_reload_conf()')
  }
  const bytes = readFileSync(log)
  const mine = String((await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid)
  const statementsIn = (start: number, end: number) => parse(bytes.subarray(start, end).toString('utf8')).filter((s) => s.pid !== mine && !OURS.test(s.sql))
  const perCall: Record<string, number> = {}
  marks.forEach((m, i) => (perCall[m.name] = (perCall[m.name] ?? 0) + statementsIn(i === 0 ? from : marks[i - 1].at, m.at).length))
  return { units: unitsOf(statementsIn(from, bytes.length)), perCall }
}

/** The recording's own statements. */
const OURS = /^(SELECT pg_reload_conf|ALTER SYSTEM|SHOW data_directory|SELECT pg_backend_pid)/

function parse(text: string): Statement[] {
  const statements: Statement[] = []
  let last: { kind: string; statement?: Statement } | undefined
  for (const line of text.split('\n')) {
    const m = ENTRY.exec(line)
    if (!m) {
      if (last?.kind === 'LOG' && last.statement) last.statement.sql += `\n${line}`
      continue
    }
    const [, pid, kind, message] = m
    if (kind === 'LOG') {
      const sql = /^(?:statement|execute [^:]+): ([\s\S]*)$/.exec(message)?.[1]
      const statement = sql === undefined ? undefined : { pid, sql }
      if (statement) statements.push(statement)
      last = { kind, statement }
    } else if (kind === 'DETAIL' && last?.statement && /^parameters: /i.test(message)) {
      last.statement.params = [...message.matchAll(PARAM)].map((p) => (p[2] === undefined ? null : p[2].replace(/''/g, "'")))
      last = { kind }
    } else last = { kind }
  }
  return statements
}

/** Groups each connection's BEGIN … COMMIT into one unit, in the order they were sent. */
function unitsOf(statements: Statement[]): Unit[] {
  const units: Unit[] = []
  const open = new Map<string, Unit>()
  for (const s of statements) {
    const tx = open.get(s.pid)
    if (tx) {
      tx.push(s)
      if (/^(COMMIT|ROLLBACK)/i.test(s.sql)) open.delete(s.pid)
    } else if (/^BEGIN/i.test(s.sql)) {
      const unit = [s]
      open.set(s.pid, unit)
      units.push(unit)
    } else units.push([s])
  }
  return units
}

/** Identifiers to make unique per replay: long, and not a number (times, amounts stay). */
const isIdentifier = (v: string) => v.length >= 12 && !/^-?\d{1,14}$/.test(v) && !/^[[{]/.test(v)

/** The value of a JSON text; undefined for anything else (a PostgreSQL array literal such as {a,b}). */
const jsonOr = (v: string): unknown => {
  try {
    return JSON.parse(v)
  } catch {
    return undefined
  }
}

function deepMapStrings(value: unknown, map: (s: string) => string): unknown {
  if (typeof value === 'string') return map(value)
  if (Array.isArray(value)) return value.map((v) => deepMapStrings(v, map))
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepMapStrings(v, map)]))
  return value
}

export function statementCount(units: Unit[]): number {
  return units.reduce((n, u) => n + u.length, 0)
}

/** Replays the journey `count` times, `concurrency` at once, over a pool of `poolSize`; `run` tells replays of different calls apart. */
export async function replay(url: string, units: Unit[], count: number, concurrency: number, poolSize: number, run: string) {
  // Statements prepared once per connection, as the server's are.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, Client: PreparedClient })
  pool.on('error', () => undefined)
  let next = 0
  let done = 0
  let errors = 0
  let queueCollisions = 0
  const samples = new Set<string>()
  const one = async (k: number) => {
    const unique = (v: string) => (isIdentifier(v) ? `${v}~${run}.${k}` : v)
    // JSON parameters (pg-boss's batch of jobs, say) carry identifiers inside.
    const fresh = (v: string | null) => {
      const json = v === null || !/^[[{]/.test(v) ? undefined : jsonOr(v)
      return json === undefined ? v && unique(v) : JSON.stringify(deepMapStrings(json, unique))
    }
    for (const unit of units) {
      const client = await pool.connect()
      let sql = ''
      try {
        for (const s of unit) await client.query((sql = s.sql), s.params?.map(fresh))
      } catch (error) {
        // A replayed pg-boss fetch takes whatever jobs other replays queued (it names none), so two
        // can collide on the stately index: bookkeeping that does not replay faithfully, not an error of the floor.
        if (/pgboss\.job/.test(sql) && (error as { code?: string }).code === '23505') queueCollisions += 1
        else errors += 1
        samples.add(`${String((error as Error).message).slice(0, 120)} (${sql.replace(/\s+/g, ' ').slice(0, 60)})`)
        await client.query('ROLLBACK').catch(() => undefined)
      } finally {
        client.release()
      }
    }
    done += 1
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await one(next++)
  }))
  const ms = performance.now() - started
  await pool.end()
  return { journeys: done, journeysPerSecond: Math.round((done / ms) * 10_000) / 10, errors, queueCollisions, errorSamples: [...samples].slice(0, 3) }
}
