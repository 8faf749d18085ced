import { BackendError } from '../../contract'
import { createBackend } from '../../contract/schemas'
import { createHttpTransport, HTTP_MESSAGES, type HttpAnswer, type HttpRequest } from './httpTransport'

const ENVELOPE = { ok: false, error: { code: 'ORDER_NOT_FOUND', message: '未找到该订单' } }

/** A fake server: logins hand out numbered tokens; `rpc` answers each call given the token. */
function fakeServer(rpc: (token: string | undefined, url: string) => HttpAnswer | Promise<HttpAnswer>) {
  const sent: Array<{ url: string; data: unknown; auth?: string; method?: string }> = []
  let logins = 0
  const request: HttpRequest = async ({ url, method, data, header }) => {
    sent.push({ url, data, auth: header.authorization, ...(method === 'DELETE' ? { method } : {}) })
    if (method === 'DELETE') return { statusCode: 200, data: { ok: true } }
    if (url.endsWith('/v1/session')) {
      logins += 1
      return { statusCode: 200, data: { token: `tok${logins}`, expiresAt: 1 } }
    }
    return rpc(header.authorization?.replace(/^Bearer /, ''), url)
  }
  return { request, sent, logins: () => logins }
}

const transportOn = (request: HttpRequest) => createHttpTransport({ baseUrl: 'http://127.0.0.1:3000', request, loginCode: async () => 'demo' })

async function errorOf(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(BackendError)
    return error as BackendError
  }
  throw new Error('expected a BackendError')
}

describe('HTTP transport', () => {
  it('logs in once for calls made together, then sends each call with the token to /v1/rpc/<method>', async () => {
    const server = fakeServer(() => ({ statusCode: 200, data: ENVELOPE }))
    const transport = transportOn(server.request)
    await Promise.all([transport.call('queryOrder', { orderId: 'OD_abcdefgh' }), transport.call('listRecords', {})])
    expect(server.logins()).toBe(1)
    expect(server.sent[0]).toEqual({ url: 'http://127.0.0.1:3000/v1/session', data: { code: 'demo' }, auth: undefined })
    const calls = server.sent.slice(1)
    expect(calls.map((c) => c.url).sort()).toEqual(['http://127.0.0.1:3000/v1/rpc/listRecords', 'http://127.0.0.1:3000/v1/rpc/queryOrder'])
    expect(calls.every((c) => c.auth === 'Bearer tok1')).toBe(true)
  })

  it('hands the envelope to the checked client as it came', async () => {
    const server = fakeServer(() => ({ statusCode: 200, data: ENVELOPE }))
    const e = await errorOf(createBackend(transportOn(server.request)).queryOrder({ orderId: 'OD_abcdefgh' }))
    expect(e.code).toBe('ORDER_NOT_FOUND')
  })

  it('logs in again once when the session has gone, and repeats the call', async () => {
    const server = fakeServer((token) => (token === 'tok1' ? { statusCode: 401, data: {} } : { statusCode: 200, data: ENVELOPE }))
    const transport = transportOn(server.request)
    await expect(transport.call('listRecords', {})).resolves.toEqual(ENVELOPE)
    expect(server.logins()).toBe(2)
    expect(server.sent.filter((s) => s.url.endsWith('/listRecords')).map((s) => s.auth)).toEqual(['Bearer tok1', 'Bearer tok2'])
  })

  it('says so when even a new login is refused, and tries a fresh login on the next call', async () => {
    const server = fakeServer(() => ({ statusCode: 401, data: {} }))
    const transport = transportOn(server.request)
    const e = await errorOf(transport.call('listRecords', {}))
    expect(e.code).toBe('SERVER')
    expect(e.message).toBe(HTTP_MESSAGES.session)
    expect(server.logins()).toBe(2)
    await errorOf(transport.call('listRecords', {}))
    expect(server.logins()).toBe(4)
  })

  it.each([
    ['a 5xx answer', 'SERVER', () => ({ statusCode: 502, data: 'Bad Gateway' })],
    ['an unknown method (404)', 'SERVER', () => ({ statusCode: 404, data: {} })],
    ['no answer at all', 'NETWORK', () => Promise.reject({ errMsg: 'request:fail' })],
    ['a timeout', 'TIMEOUT', () => Promise.reject({ errMsg: 'request:fail timeout' })],
  ] as const)('maps %s to %s, which the app can retry', async (_label, code, answer) => {
    const server = fakeServer(answer as () => HttpAnswer)
    const e = await errorOf(createBackend(transportOn(server.request)).listRecords({}))
    expect(e.code).toBe(code)
    expect(e.message.length).toBeGreaterThan(0)
  })

  it('reports a failed login as SERVER and logs in again on the next call', async () => {
    let refuse = true
    const request: HttpRequest = async ({ url }) => {
      if (url.endsWith('/v1/session')) return refuse ? { statusCode: 401, data: { ok: false } } : { statusCode: 200, data: { token: 'fresh', expiresAt: 1 } }
      return { statusCode: 200, data: ENVELOPE }
    }
    const transport = transportOn(request)
    expect((await errorOf(transport.call('listRecords', {}))).message).toBe(HTTP_MESSAGES.login)
    refuse = false
    await expect(transport.call('listRecords', {})).resolves.toEqual(ENVELOPE)
  })
  it('ends the session with DELETE /v1/session and its token, then logs in anew; without a session it sends nothing', async () => {
    const server = fakeServer(() => ({ statusCode: 200, data: ENVELOPE }))
    const transport = transportOn(server.request)
    await transport.endSession()
    expect(server.sent).toEqual([])
    await transport.call('listRecords', {})
    await transport.endSession()
    expect(server.sent[2]).toEqual({ url: 'http://127.0.0.1:3000/v1/session', data: {}, auth: 'Bearer tok1', method: 'DELETE' })
    await transport.call('listRecords', {})
    expect(server.logins()).toBe(2)
    expect(server.sent[4].auth).toBe('Bearer tok2')
  })

  it('ends a session whose login was still under way', async () => {
    const server = fakeServer(() => ({ statusCode: 200, data: ENVELOPE }))
    const transport = transportOn(server.request)
    const call = transport.call('listRecords', {})
    await transport.endSession()
    await call
    expect(server.sent.filter((s) => s.method === 'DELETE').map((s) => s.auth)).toEqual(['Bearer tok1'])
  })
})
