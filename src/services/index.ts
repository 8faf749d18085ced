/**
 * The one service seam pages use. The embedded mock is the default backend; a real adapter is a
 * second Transport for the same contract (see README "Replacing the mock").
 *
 * The adapter (zod, the contract's checks, the mock) is an async chunk: in the weapp it sits in
 * the packages/backend subpackage and comes through require.async (config/weappChunkLoading.ts),
 * so the main package carries none of it.
 */
import { lazyAdapter } from './lazyAdapter'

export const appClock = () => Date.now()

const adapter = lazyAdapter(() =>
  import(/* webpackChunkName: "packages/backend/adapter" */ './adapters/mock').then(({ createAdapter }) => createAdapter(appClock)),
)

/** The adapter itself, for what is not a backend call: the mock's cashier, the stored-data checks. */
export const loadAdapter = adapter.load

// Test drivers (tier 2 and 3) load it to reach the demo mock's knobs (globalThis.__yibaoMock).
;(globalThis as { __yibaoLoadAdapter?: typeof loadAdapter }).__yibaoLoadAdapter = loadAdapter

export const backend = adapter.backend
