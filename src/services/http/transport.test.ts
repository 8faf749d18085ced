import { BackendError } from '../contract'
import { createHttpTransport, type HttpRequest, type HttpResponse } from './transport'

const ok = (data: unknown): HttpResponse => ({ statusCode: 200, data: { ok: true, data } })

/** A fake merchant server: sessions by token, answers scripted per rpc call. */
function fakeServer(answers: Array<HttpResponse | Error> = []) {
  const seen: Array<{ url: string; data: unknown; auth?: string }> = []
  let issued = 0
  const valid = new Set<string>()
  const request: HttpRequest = async ({ url, data, header }) => {
    seen.push({ url, data, auth: header.authorization })
    if (url.endsWith('/v1/session')) {
      const token = `tok${++issued}`
      valid.add(token)
      return ok({ token, expiresAt: 0 })
    }
    if (!header.authorization || !valid.has(header.authorization.slice('Bearer '.length))) return { statusCode: 401, data: { ok: false, error: { code: 'SERVER', message: '登录已失效' } } }
    const next = answers.shift() ?? ok({ fine: true })
    if (next instanceof Error) throw next
    return next
  }
  return { request, seen, expireAll: () => valid.clear() }
}

const make = (server: ReturnType<typeof fakeServer>) =>
  createHttpTransport({ baseUrl: 'https://srv.test', request: server.request, loginCode: async () => 'demo' })

test('logs in once with the login code, then posts each call to /v1/rpc/<method> with the token', async () => {
  const server = fakeServer()
  const transport = make(server)
  await Promise.all([transport.call('listRecords', {}), transport.call('listDueItems', { payerRef: 'ref123' })])
  const logins = server.seen.filter((s) => s.url === 'https://srv.test/v1/session')
  expect(logins).toEqual([{ url: 'https://srv.test/v1/session', data: { code: 'demo' }, auth: undefined }])
  const rpcs = server.seen.filter((s) => s.url.includes('/v1/rpc/'))
  expect(rpcs.map((s) => [s.url, s.auth])).toEqual([
    ['https://srv.test/v1/rpc/listRecords', 'Bearer tok1'],
    ['https://srv.test/v1/rpc/listDueItems', 'Bearer tok1'],
  ])
  expect(rpcs[1].data).toEqual({ payerRef: 'ref123' })
})

test('the envelope comes back as the server sent it (createBackend checks it)', async () => {
  const envelope = { ok: false, error: { code: 'NAME_MISMATCH', message: '姓名与证件号码不一致' } }
  const server = fakeServer([{ statusCode: 200, data: envelope }])
  expect(await make(server).call('lookupPayer', {})).toEqual(envelope)
})

test('an expired session logs in again once and repeats the call', async () => {
  const server = fakeServer()
  const transport = make(server)
  await transport.call('listRecords', {})
  server.expireAll()
  expect(await transport.call('listRecords', {})).toEqual({ ok: true, data: { fine: true } })
  expect(server.seen.filter((s) => s.url.endsWith('/v1/session'))).toHaveLength(2)
  expect(server.seen.at(-1)?.auth).toBe('Bearer tok2')
})

test('no answer is NETWORK, a timeout is TIMEOUT, a 5xx is SERVER: errors the pages explain', async () => {
  const codes: string[] = []
  for (const answer of [new Error('request:fail'), Object.assign(new Error('x'), { errMsg: 'request:fail timeout' }), { statusCode: 502, data: '<html>' }]) {
    const error = await make(fakeServer([answer as HttpResponse | Error]))
      .call('listRecords', {})
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BackendError)
    codes.push((error as BackendError).code)
  }
  expect(codes).toEqual(['NETWORK', 'TIMEOUT', 'SERVER'])
})

test('a failed login is not kept: the next call logs in again', async () => {
  let down = true
  const server = fakeServer()
  const request: HttpRequest = async (options) => {
    if (down && options.url.endsWith('/v1/session')) throw new Error('request:fail')
    return server.request(options)
  }
  const transport = createHttpTransport({ baseUrl: 'https://srv.test', request, loginCode: async () => 'demo' })
  await expect(transport.call('listRecords', {})).rejects.toMatchObject({ code: 'NETWORK' })
  down = false
  await expect(transport.call('listRecords', {})).resolves.toEqual({ ok: true, data: { fine: true } })
})
