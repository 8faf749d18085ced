/**
 * The adapter-agnostic contract suite against the server over HTTP: one server process per
 * file, reset to the demo's first day before each test, the demo user (张建国) logged in.
 */
import { DEFAULT_TAX_SIM } from '../../server/src/tax/simulator'
import { describeBackendContract } from '../unit/contract/backendContract'
import { DEMO_FIXTURES } from '../unit/contract/demoFixtures'
import { postJson, userClient } from './httpClient'
import { startServerProcess, type ServerProcess } from './serverProcess'

export function describeServerContract(name: string, database: () => Promise<{ url?: string; stop(): Promise<void> }>): void {
  let server: ServerProcess
  let db: { url?: string; stop(): Promise<void> }

  beforeAll(async () => {
    db = await database()
    server = await startServerProcess({ databaseUrl: db.url })
  }, 60_000)

  afterAll(async () => {
    await server?.stop()
    await db?.stop()
  }, 30_000)

  describeBackendContract(name, async () => {
    await postJson(`${server.url()}/sim/reset`, {})
    const user = await userClient(server.url, 'demo')
    return {
      backend: user.backend,
      fixtures: DEMO_FIXTURES,
      advance: async (ms) => {
        await postJson(`${server.url()}/sim/clock`, { advanceMs: ms })
      },
      payAttempt: async (attemptId, action) => {
        await user.pay(attemptId, action)
      },
      timing: { lateConfirmWithinMs: DEFAULT_TAX_SIM.lateConfirmMs * 2, settleWithinMs: DEFAULT_TAX_SIM.settleMs * 2, stepMs: 2_000 },
      transportCalls: user.http.calls,
    }
  })
}
