/**
 * The embedded mock as an Adapter: the checked client over the mock's transport, the demo
 * cashier, the stored-data checks and 演示后台's reset. Loaded on first use (see ../index.ts) as
 * its own chunk, in the weapp its own subpackage, so neither zod nor the mock weighs on the main
 * package.
 */
import { createBackend } from '../../contract/schemas'
import type { CreateAdapter } from '../adapter'
import { payAtCashier } from '../cashier'
import { createMockBackend } from '../mock/mockBackend'
import { exposeMockToTests } from '../mock/testHooks'
import { storedChecks } from '../storedChecks'
import { taroStore } from '../taroStore'

/** Realistic in the preview; the mock's own tests run with none. */
const PREVIEW_LATENCY_MS = 350

export const createAdapter: CreateAdapter = (clock) => {
  const mock = createMockBackend({ clock, storage: taroStore, latencyMs: PREVIEW_LATENCY_MS })
  // Only a build made for tests (TARO_APP_TEST_HOOKS=1) hands the mock's knobs to the test drivers;
  // in any other build this branch and the hooks' code are dropped.
  const { transport, cashier } = process.env.TARO_APP_TEST_HOOKS === '1' ? exposeMockToTests(mock) : mock
  return {
    backend: createBackend(transport),
    pay: (start) =>
      payAtCashier(start, async (attemptId, action) => {
        const { result, errMsg } = await cashier.complete(attemptId, action)
        return { outcome: result, errMsg }
      }),
    storedChecks,
    // No session to end: the mock knows the device's user without one.
    endSession: async () => undefined,
    demo: { reset: mock.reset },
  }
}
