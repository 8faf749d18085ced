/**
 * The HTTP edge over real HTTP: bodies that are too big, not JSON or broken JSON, unknown routes,
 * the security headers on every answer, and a session ended by the app (清除本机数据).
 */
import { lookupOther, postJson, userClient } from './httpClient'
import { startServerProcess, type ServerProcess } from './serverProcess'

let server: ServerProcess
beforeAll(async () => {
  // As behind a load balancer on this host, which reports https in X-Forwarded-Proto.
  server = await startServerProcess({ env: { TRUST_PROXY: 'loopback' } })
}, 60_000)
afterAll(() => server?.stop())

const raw = (path: string, init: RequestInit) => fetch(`${server.url()}${path}`, init)

async function refusal(response: Response) {
  const text = await response.text()
  return { status: response.status, text, body: JSON.parse(text) as { ok: boolean; error: { code: string; message: string } } }
}

function expectSecurityHeaders(response: Response) {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  expect(response.headers.get('x-frame-options')).toBe('DENY')
  expect(response.headers.get('referrer-policy')).toBe('no-referrer')
  expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'")
}

describe('requests a route cannot take', () => {
  let token: string
  beforeAll(async () => {
    token = (await userClient(server.url, 'demo')).token()
  })
  const json = () => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` })

  const cases: [string, string, () => RequestInit, number, RegExp][] = [
    ['an oversized body', '/v1/rpc/lookupPayer', () => ({ method: 'POST', headers: json(), body: JSON.stringify({ mode: 'other', name: 'x'.repeat(70_000) }) }), 413, /过大/],
    ['an oversized login', '/v1/session', () => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'x'.repeat(70_000) }) }), 413, /过大/],
    ['text/plain', '/v1/rpc/listRecords', () => ({ method: 'POST', headers: { ...json(), 'content-type': 'text/plain' }, body: '{}' }), 415, /application\/json/],
    ['a form post', '/v1/session', () => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'code=demo' }), 415, /application\/json/],
    ['malformed JSON', '/v1/rpc/listRecords', () => ({ method: 'POST', headers: json(), body: '{"mode": ' }), 400, /JSON/],
    ['a prototype-poisoning body', '/v1/rpc/listRecords', () => ({ method: 'POST', headers: json(), body: '{"__proto__": {"admin": true}}' }), 400, /JSON/],
    ['malformed JSON at the cashier', '/sim/cashier', () => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }), 400, /JSON/],
    ['an unknown method', '/v1/rpc/dropTables', () => ({ method: 'POST', headers: json(), body: '{}' }), 404, /没有这个接口/],
    ['a GET of a POST route', '/v1/rpc/listRecords', () => ({ method: 'GET', headers: { authorization: `Bearer ${token}` } }), 404, /没有这个接口/],
    ['an unknown path', '/v1/admin', () => ({ method: 'PUT', headers: json(), body: '{}' }), 404, /没有这个接口/],
  ]

  it.each(cases)('%s: the envelope error with its status, headers, and nothing of the internals', async (_name, path, init, status, message) => {
    const response = await raw(path, init())
    const { text, body } = await refusal(response)
    expect(response.status).toBe(status)
    expect(body).toEqual({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringMatching(message) } })
    expect(text).not.toMatch(/FST_|stack|at .*\.js|node_modules|statusCode/)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expectSecurityHeaders(response)
  })
})

describe('security headers', () => {
  it('are on every answer; HSTS only when the request came over https', async () => {
    const plain = await raw('/healthz', { method: 'GET' })
    expect(plain.status).toBe(200)
    expectSecurityHeaders(plain)
    expect(plain.headers.get('cache-control')).toBe('no-store')
    expect(plain.headers.get('strict-transport-security')).toBeNull()
    const tls = await raw('/healthz', { method: 'GET', headers: { 'x-forwarded-proto': 'https' } })
    expect(tls.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}/)
    const login = await raw('/v1/session', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body: '{"code":"demo"}' })
    expect(login.status).toBe(200)
    expectSecurityHeaders(login)
    expect(login.headers.get('strict-transport-security')).not.toBeNull()
  })
})

describe('sessions', () => {
  it('are ended by DELETE /v1/session: that token is refused, the same user’s other session goes on', async () => {
    const phone = await userClient(server.url, 'demo')
    const tablet = await userClient(server.url, 'demo')
    const family = await lookupOther(phone.backend)
    expect(phone.token()).not.toBe(tablet.token())
    const ended = await raw('/v1/session', { method: 'DELETE', headers: { authorization: `Bearer ${phone.token()}` } })
    expect(ended.status).toBe(200)
    expectSecurityHeaders(ended)
    const after = await postJson(`${server.url()}/v1/rpc/listRecords`, {}, { authorization: `Bearer ${phone.token()}` })
    expect(after).toEqual({ status: 401, body: { ok: false, error: expect.objectContaining({ code: 'SESSION_EXPIRED' }) } })
    // The user's data stays (it is theirs, on the server); another device's session is untouched.
    expect((await tablet.backend.lookupPayer({ mode: 'ref', payerRef: family.payerRef })).payerRef).toBe(family.payerRef)
    // Ending it again, or a token nobody holds, says the same: no oracle for tokens.
    for (const bearer of [phone.token(), 'not-a-token']) {
      expect((await raw('/v1/session', { method: 'DELETE', headers: { authorization: `Bearer ${bearer}` } })).status).toBe(200)
    }
  })
})
