/** Talking to the server as the app will: log in, then the contract over HTTP with the token. */
import type { Method, Transport } from '@/contract'
import { createBackend } from '@/contract/schemas'
import { DEMO_FIXTURES } from '../unit/contract/demoFixtures'
import { rememberSecret } from './logScan'

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  const answer: unknown = await response.json()
  // Session tokens and share tokens handed out: the run's log scan looks for each of them.
  const token = (answer as { token?: unknown; data?: { token?: unknown } } | null)
  for (const t of [token?.token, token?.data?.token]) if (typeof t === 'string') rememberSecret(t)
  return { status: response.status, body: answer }
}

export async function login(baseUrl: string, code: string): Promise<string> {
  const { status, body } = await postJson(`${baseUrl}/v1/session`, { code })
  if (status !== 200) throw new Error(`login failed: ${status} ${JSON.stringify(body)}`)
  return (body as { token: string }).token
}

/**
 * A Transport over fetch. It remembers the prepay id of every attempt it sees started, which is
 * what the demo cashier is driven by.
 */
export function httpTransport(baseUrl: () => string, token: () => string) {
  const prepayIds = new Map<string, string>()
  let calls = 0
  const transport: Transport = {
    async call(method: Method, request: unknown) {
      calls += 1
      const { body } = await postJson(`${baseUrl()}/v1/rpc/${method}`, request, { authorization: `Bearer ${token()}` })
      const data = (body as { ok?: boolean; data?: { attemptId?: string; payParams?: { package?: string } } }).data
      if ((method === 'startPayment' || method === 'startFamilyPayment') && data?.attemptId && data.payParams?.package) prepayIds.set(data.attemptId, data.payParams.package.replace(/^prepay_id=/, ''))
      return body
    },
  }
  return { transport, prepayIds, calls: () => calls }
}

/** A logged-in, checked client for one WeChat user. */
export async function userClient(baseUrl: () => string, code: string) {
  let token = await login(baseUrl(), code)
  const http = httpTransport(baseUrl, () => token)
  return {
    backend: createBackend(http.transport),
    http,
    token: () => token,
    relogin: async () => {
      token = await login(baseUrl(), code)
    },
    /** The user at the demo cashier for one of their attempts. */
    pay: async (attemptId: string, action: 'pay' | 'cancel' | 'fail') => {
      const prepayId = http.prepayIds.get(attemptId)
      if (!prepayId) throw new Error(`no prepay id seen for ${attemptId}`)
      return postJson(`${baseUrl()}/sim/cashier`, { prepayId, action })
    },
  }
}

/** 代他人缴费 lookup of the contract's other person (a resident with a payable year). */
export function lookupOther(backend: Awaited<ReturnType<typeof userClient>>['backend']) {
  const { name, idType, idNumber } = DEMO_FIXTURES.otherDue
  return backend.lookupPayer({ mode: 'other', name, idType, idNumber })
}
