/**
 * The crash run (./crashRun) on the embedded database, smaller: kill -9 of the server 4 times during
 * 40 journeys, each followed by a restart on the same PGlite folder, then its tables read with the
 * server stopped (the embedded database has one connection, the server's; ./pgliteQuery).
 */
import { join } from 'node:path'
import { runCrashes } from './crashRun'
import { JOURNEY_ENV } from './journeys'
import { pgliteRows } from './pgliteQuery'
import { startServerProcess, type ServerProcess } from './serverProcess'

const on = {} as { server: ServerProcess }

beforeAll(async () => {
  on.server = await startServerProcess({ env: { ...JOURNEY_ENV, TAX_SIM_LATENCY_MS: '60', JOB_PRESUMED_DEAD_MS: '3000' } })
}, 120_000)
afterAll(() => on.server?.stop(), 30_000)

it('settles all 40 journeys on PGlite, none lost or doubled, through 4 kills -9 and restarts', async () => {
  const summary = await runCrashes(on, { journeys: 40, atOnce: 5, kills: 4 }, async () => {
    await on.server.halt()
    return { rows: async <T,>(sql: string, params: unknown[] = []) => pgliteRows<T>(join(on.server.dataDir, 'pglite'), sql, params) }
  })
  console.log(`crashes on PGlite: ${summary}`)
}, 240_000)
