/**
 * One query on a stopped server's embedded PGlite, as a script (`tsx tests/server/pgliteQuery.ts
 * <pglite dir>`, the query and its parameters as JSON on stdin, the rows as JSON on stdout): PGlite
 * loads its WebAssembly through a dynamic import, which jest's module system does not run.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '..', '..')
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx')

/** The rows of `sql` in the PGlite folder `dir` (no server may hold it). */
export function pgliteRows<T>(dir: string, sql: string, params: unknown[] = []): T[] {
  const run = spawnSync(TSX, [__filename, dir], { cwd: ROOT, input: JSON.stringify({ sql, params }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (run.status !== 0) throw new Error(`pglite query failed: ${run.stderr}`)
  return JSON.parse(run.stdout) as T[]
}

if (require.main === module) {
  void (async () => {
    const { sql, params } = JSON.parse(readFileSync(0, 'utf8')) as { sql: string; params: unknown[] }
    const { PGlite } = await import('@electric-sql/pglite')
    const db = await PGlite.create(process.argv[2])
    process.stdout.write(JSON.stringify((await db.query(sql, params)).rows))
    await db.close()
  })()
}
