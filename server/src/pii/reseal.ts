/**
 * Key rotation's second half: after PII_KEYS gains a new first key, every value sealed under an
 * older one is sealed again under the new one (and a session_key still in plain text from before
 * sealing is sealed for the first time), so the old key can then be dropped. Runs at start, in
 * batches; each row is a compare-and-set on the value read, so instances starting together
 * neither clash nor lose a newer write. A value under a key no longer configured stops the start.
 */
import type { Db } from '../db/database'
import type { PiiCipher } from './cipher'

/** Every sealed column: table, its primary key, the column. */
const SEALED = [
  ['payers', 'payer_ref', 'name_sealed'],
  ['payers', 'payer_ref', 'id_number_sealed'],
  ['users', 'user_id', 'session_key'],
] as const

const BATCH = 500

export async function resealStale(pool: Db, pii: PiiCipher): Promise<number> {
  const current = pii.currentPrefix
  let resealed = 0
  for (const [table, key, column] of SEALED) {
    for (;;) {
      const { rows } = await pool.query<{ id: string; value: string }>(
        `SELECT ${key} AS id, ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL AND left(${column}, $1) <> $2 LIMIT ${BATCH}`,
        [current.length, current],
      )
      for (const { id, value } of rows) {
        const plain = pii.isSealed(value) ? pii.open(value) : value
        resealed += (await pool.query(`UPDATE ${table} SET ${column} = $1 WHERE ${key} = $2 AND ${column} = $3`, [pii.seal(plain), id, value])).rowCount ?? 0
      }
      if (rows.length < BATCH) break
    }
  }
  return resealed
}
