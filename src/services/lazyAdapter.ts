/**
 * A backend whose code arrives later: every call waits for the adapter the first time, then goes
 * straight through. A failed fetch (offline while the subpackage downloads) is a NETWORK error
 * the page already knows how to explain, and the next call fetches again.
 */
import { BackendError, GENERIC_MESSAGES, METHOD_NAMES, type Backend } from '../contract'

export function lazyAdapter<A extends { backend: Backend }>(fetchAdapter: () => Promise<A>) {
  let loading: Promise<A> | undefined
  const load = (): Promise<A> =>
    (loading ??= fetchAdapter().catch(() => {
      loading = undefined
      throw new BackendError({ code: 'NETWORK', message: GENERIC_MESSAGES.NETWORK })
    }))
  const backend = Object.fromEntries(
    METHOD_NAMES.map((method) => [method, async (request: never) => (await load()).backend[method](request)]),
  ) as Backend
  /** The adapter if something has loaded it already (no download just to ask). */
  const loaded = (): Promise<A> | undefined => loading
  return { load, loaded, backend }
}
