/**
 * Every row of every table in the schema. Run as a script (`tsx tests/server/dump.ts <pglite dir>
 * [sql]`) it runs the SQL on a stopped server's embedded PGlite (planting rows, say) and prints
 * the dump as JSON: PGlite loads its WebAssembly through a dynamic import, which jest's module
 * system does not run.
 */
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'

export type Rows = Record<string, Record<string, unknown>[]>

const ROOT = resolve(__dirname, '..', '..')

export async function dumpAll(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<Rows> {
  const tables = (await query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).map((r) => String(r.tablename))
  const dump: Rows = {}
  for (const t of tables) dump[t] = await query(`SELECT * FROM "${t}"`)
  return dump
}

/** A stopped server's embedded database (its DATA_DIR) through this file run as a script: `sql` run on it, then every row. */
export function dumpPglite(dataDir: string, sql?: string): Rows {
  const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['tests/server/dump.ts', join(dataDir, 'pglite'), ...(sql ? [sql] : [])], { cwd: ROOT, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 })
  if (run.status !== 0) throw new Error(`dump failed: ${run.stderr}`)
  return JSON.parse(run.stdout) as Rows
}

if (require.main === module) {
  void (async () => {
    const { PGlite } = await import('@electric-sql/pglite')
    const db = await PGlite.create(process.argv[2])
    if (process.argv[3]) await db.exec(process.argv[3])
    process.stdout.write(JSON.stringify(await dumpAll(async (sql) => (await db.query<Record<string, unknown>>(sql)).rows)))
    await db.close()
  })()
}
