/**
 * For tests: wraps any transport (the mock's, an HTTP one) so a call can be made to fail the
 * ways a network and a backend fail. Only tests and builds made for tests use it.
 */
import type { Method, Transport } from '../contract'

export type FaultKind =
  | 'error' // the call fails before the backend does anything
  | 'timeout' // the call times out before the backend does anything
  | 'lost_response' // the backend does the work, then the answer is lost
  | 'malformed' // the backend answers something outside the contract
  | 'duplicate' // the request arrives twice (a network retry)

export interface Fault {
  method: Method
  kind: FaultKind
}

/** Each injected fault hits the next call of its method, once. */
export function withFaults(inner: Transport) {
  const faults: Fault[] = []
  const take = (method: Method): FaultKind | undefined => {
    const index = faults.findIndex((f) => f.method === method)
    return index < 0 ? undefined : faults.splice(index, 1)[0].kind
  }
  const transport: Transport = {
    async call(method, request) {
      const fault = take(method)
      if (fault === 'error') return { ok: false, error: { code: 'SERVER', message: '服务繁忙，请稍后重试' } }
      if (fault === 'timeout') return { ok: false, error: { code: 'TIMEOUT', message: '请求超时，请稍后重试' } }
      if (fault === 'malformed') return { ok: true, data: { unexpected: true } }
      if (fault === 'duplicate') await inner.call(method, request)
      const response = await inner.call(method, request)
      if (fault === 'lost_response') return { ok: false, error: { code: 'NETWORK', message: '网络异常，未收到服务应答' } }
      return response
    },
  }
  return {
    transport,
    inject: (fault: Fault) => void faults.push(fault),
    clear: () => void (faults.length = 0),
    pending: (): readonly Fault[] => [...faults],
  }
}
