/**
 * For builds made for tests only (TARO_APP_TEST_HOOKS=1; see ../adapters/mock.ts): the tier-2
 * and tier-3 drivers reach the mock's fault knobs, cashier and inspection through a global. A
 * production build contains none of this (scripts/checkTestHooks.mjs checks the built files).
 */
import type { MockBackend } from './mockBackend'
import { withTestKnobs, type TestMock } from './testMock'

export function exposeMockToTests(mock: MockBackend): TestMock {
  const knobs = withTestKnobs(mock)
  ;(globalThis as { __yibaoMock?: TestMock }).__yibaoMock = knobs
  return knobs
}
