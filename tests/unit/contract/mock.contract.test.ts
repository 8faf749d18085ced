/** The embedded mock through the backend contract: memory storage, no latency, a pinned clock. */
import type { Transport } from '@/contract'
import { createBackend } from '@/contract/schemas'
import { createTestMock } from '@/services/mock/testMock'
import { DEFAULT_DELAYS } from '@/services/mock/orders'
import { createMemoryStore } from '@/services/storage'
import { DEMO_FIXTURES } from './demoFixtures'
import { describeBackendContract } from './backendContract'

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
    fixtures: DEMO_FIXTURES,
    advance: (ms) => {
      now += ms
    },
    payAttempt: async (attemptId, action) => {
      await mock.cashier.complete(attemptId, action)
    },
    timing: { lateConfirmWithinMs: DEFAULT_DELAYS.lateConfirmMs * 2, settleWithinMs: DEFAULT_DELAYS.settleMs * 2, refundWithinMs: DEFAULT_DELAYS.refundMs * 2, stepMs: 2_000 },
    transportCalls: () => calls,
  }
})
