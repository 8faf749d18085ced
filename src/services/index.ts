/**
 * The one service seam pages use. The embedded mock is the default backend; a real adapter is a
 * second Transport for the same contract (see README "Replacing the mock").
 */
import { BackendError, METHOD_NAMES, type Backend } from './contract'
import type { Adapter } from './adapter'

export const appClock = () => Date.now()

let loading: Promise<Adapter> | undefined

/** The adapter, fetched once (in the weapp: its subpackage, downloaded if need be). */
export function loadAdapter(): Promise<Adapter> {
  loading ??= import(/* webpackChunkName: "packages/backend/adapter" */ './adapter').then(
    ({ createAdapter }) => createAdapter(appClock),
    () => {
      // Not fetched (offline on first use): the next call tries again.
      loading = undefined
      throw new BackendError({ code: 'NETWORK', message: '网络连接不稳定，请检查网络后重试' })
    },
  )
  return loading
}

/** Each call waits for the adapter the first time, then goes straight through. */
export const backend = Object.fromEntries(
  METHOD_NAMES.map((method) => [method, async (request: never) => (await loadAdapter()).backend[method](request)]),
) as Backend
