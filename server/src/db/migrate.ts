/** Plain SQL files in server/migrations, applied in name order, each in its own transaction. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inTransaction, type Db } from './database'

const MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations')
// Any fixed number: two servers starting together take turns instead of both migrating.
const MIGRATION_LOCK = 14_2026

export async function migrate(pool: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  await pool.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())')
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()
  const applied: string[] = []
  for (const name of files) {
    await inTransaction(pool, async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [name])
      if (done.rowCount) return
      await tx.query(readFileSync(join(dir, name), 'utf8'))
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name])
      applied.push(name)
    })
  }
  return applied
}
