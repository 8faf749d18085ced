/**
 * The one service seam pages and flow code use: the backend (every call waits for the adapter
 * the first time) and the adapter itself for what is not a call (the cashier, stored-data
 * checks, demo controls). Which adapter is a build-time choice: TARO_APP_BACKEND names a file in
 * ./adapters (config/index.ts defaults it to `mock`), so the build holds that one only.
 *
 * The adapter (zod, the contract's checks, the mock) is an async chunk: in the weapp it sits in
 * the packages/backend subpackage and comes through require.async (config/weappChunkLoading.ts),
 * so the main package carries none of it.
 */
import type { Adapter, CreateAdapter } from './adapter'
import { lazyAdapter } from './lazyAdapter'

export const appClock = () => Date.now()

const adapter = lazyAdapter<Adapter>(() =>
  import(/* webpackChunkName: "packages/backend/adapter" */ `./adapters/${process.env.TARO_APP_BACKEND}`).then(
    ({ createAdapter }: { createAdapter: CreateAdapter }) => createAdapter(appClock),
  ),
)

export const loadAdapter = adapter.load

// Test drivers (tier 2 and 3) load the adapter to reach the demo mock's knobs; test builds only.
if (process.env.TARO_APP_TEST_HOOKS === '1') {
  ;(globalThis as { __yibaoLoadAdapter?: typeof loadAdapter }).__yibaoLoadAdapter = loadAdapter
}

export const backend = adapter.backend

/** 清除本机数据: an adapter never loaded has no session to end. */
export async function endSession(): Promise<void> {
  await (await adapter.loaded())?.endSession()
}
