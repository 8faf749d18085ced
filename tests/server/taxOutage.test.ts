/** The tax simulator's faults reach the app as a typed, retryable outage, never a crash. */
import { isRetryable } from '@/contract'
import { expectBackendError } from '../unit/contract/backendContract'
import { DEMO_FIXTURES } from '../unit/contract/demoFixtures'
import { userClient } from './httpClient'
import { startServerProcess, type ServerProcess } from './serverProcess'

let server: ServerProcess
beforeAll(async () => {
  server = await startServerProcess({ env: { TAX_SIM_FAULT_RATE: '1', TAX_SIM_LATENCY_MS: '20' } })
}, 60_000)
afterAll(() => server?.stop())

it('answers SERVER (retry) while the tax system is down; login does not depend on it', async () => {
  const user = await userClient(server.url, 'demo')
  const p = DEMO_FIXTURES.otherDue
  for (const call of [() => user.backend.lookupPayer({ mode: 'self' }), () => user.backend.lookupPayer({ mode: 'other', name: p.name, idType: p.idType, idNumber: p.idNumber })]) {
    const e = await expectBackendError(call(), ['SERVER'])
    expect(isRetryable(e)).toBe(true)
    expect(e.message).toContain('税务系统')
  }
  expect((await user.backend.listRecords({})).records).toEqual([])
})
