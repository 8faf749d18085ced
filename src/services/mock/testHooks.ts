/**
 * For builds made for tests only (TARO_APP_TEST_HOOKS=1; see ../adapters/mock.ts): the tier-2
 * and tier-3 drivers reach the mock's fault knobs, cashier and inspection through globals. A
 * production build contains none of this (scripts/checkTestHooks.mjs checks the built files).
 */
import type { Transport } from '../../contract'
import type { MockBackend } from './mockBackend'

export function exposeMockToTests(mock: MockBackend): Transport {
  ;(globalThis as { __yibaoMock?: MockBackend }).__yibaoMock = mock
  return mock.transport
}
