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
  import(/* webpackChunkName: "packages/backend/adapter" */ './adapter').then(({ createAdapter }) => createAdapter(appClock)),
)

/** The adapter itself, for what is not a backend call: the mock's cashier, the stored-data checks. */
export const loadAdapter = adapter.load

export const backend = adapter.backend
