/** The embedded mock through the backend contract: memory storage, no latency, a pinned clock. */
import type { Transport } from '@/contract'
import { createBackend } from '@/contract/schemas'
import { createTestMock } from '@/services/mock/testMock'
import { DEFAULT_DELAYS } from '@/services/mock/orders'
import { DEMO_PEOPLE, findPersonById, SELF_PERSON_ID, type DemoPerson } from '@/services/mock/registry'
import { createMemoryStore } from '@/services/storage'
import { describeBackendContract, type ContractFixtures, type PersonFixture } from './backendContract'

const fixture = (id: string): PersonFixture => {
  const p = findPersonById(id)
  if (!p) throw new Error(`no demo person ${id}`)
  return { name: p.name, idType: p.idType, idNumber: p.idNumber }
}

/** Picks the demo person for a role by what the registry says about them, so the roles stay honest. */
const only = (what: string, test: (p: DemoPerson) => boolean): PersonFixture => {
  const found = DEMO_PEOPLE.filter(test)
  if (found.length === 0) throw new Error(`no demo person is ${what}`)
  return fixture(found[0].id)
}

const fixtures: ContractFixtures = {
  selfDue: fixture(SELF_PERSON_ID),
  otherDue: fixture('p08'),
  alreadyPaid: only('already paid', (p) => p.status === 'resident' && p.residentPaidThrough === 0),
  flexible: only('flexible with arrears', (p) => p.status === 'flexible' && (p.flexiblePaidMonthsAgo ?? 0) >= 2),
  unregistered: only('unregistered', (p) => p.status === 'unregistered'),
  employee: only('an employee', (p) => p.status === 'employee'),
  subsidised: only('subsidised', (p) => p.status === 'resident' && p.subsidy !== 'none' && p.subsidy !== 'tekun'),
  insufficientFunds: only('short of funds', (p) => p.behaviour === 'insufficient_funds'),
  lateResult: only('confirmed late', (p) => p.behaviour === 'late'),
}

describeBackendContract('embedded mock', () => {
  let now = Date.UTC(2026, 10, 23, 2, 0) // 2026-11-23 10:00 Asia/Shanghai
  const mock = createTestMock({ clock: () => now, storage: createMemoryStore(), latencyMs: 0 })
  let calls = 0
  const counting: Transport = {
    call: (method, request) => {
      calls += 1
      return mock.transport.call(method, request)
    },
  }
  return {
    backend: createBackend(counting),
    fixtures,
    advance: (ms) => {
      now += ms
    },
    payAttempt: async (attemptId, action) => {
      await mock.cashier.complete(attemptId, action)
    },
    timing: { lateConfirmWithinMs: DEFAULT_DELAYS.lateConfirmMs * 2, settleWithinMs: DEFAULT_DELAYS.settleMs * 2, stepMs: 2_000 },
    transportCalls: () => calls,
  }
})
