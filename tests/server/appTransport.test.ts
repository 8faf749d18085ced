/** The app's own HTTP transport (src/services/http) against the real server, over fetch. */
import { createBackend } from '@/contract/schemas'
import { createHttpTransport, type HttpRequest } from '@/services/http/httpTransport'
import { postJson } from './httpClient'
import { rememberSecret } from './logScan'
import { serverForThisFile } from './serverProcess'

const server = serverForThisFile()

const fetchRequest: HttpRequest = async ({ url, method, data, header }) => {
  const response = await fetch(url, { method, headers: header, body: JSON.stringify(data) })
  const answer = (await response.json()) as { token?: unknown }
  if (typeof answer.token === 'string') rememberSecret(answer.token) // for the run's log scan
  return { statusCode: response.status, data: answer }
}

it('logs in as the demo user, and logs in again by itself when the session expires', async () => {
  let logins = 0
  const api = createBackend(createHttpTransport({ baseUrl: server.url(), request: fetchRequest, loginCode: async () => (logins++, 'demo') }))
  const self = await api.lookupPayer({ mode: 'self' })
  expect(self.isSelf).toBe(true)
  await postJson(`${server.url()}/sim/clock`, { advanceMs: 8 * 24 * 3_600_000 })
  expect(await api.lookupPayer({ mode: 'ref', payerRef: self.payerRef })).toEqual(self)
  expect(logins).toBe(2)
})

it('清除本机数据 ends the session on the server: the old token is refused, the next call logs in anew', async () => {
  const tokens: string[] = []
  const spying: HttpRequest = async (options) => {
    const answer = await fetchRequest(options)
    const token = (answer.data as { token?: string } | null)?.token
    if (token) tokens.push(token)
    return answer
  }
  const transport = createHttpTransport({ baseUrl: server.url(), request: spying, loginCode: async () => 'demo' })
  const api = createBackend(transport)
  await api.listRecords({})
  await transport.endSession()
  const old = await postJson(`${server.url()}/v1/rpc/listRecords`, {}, { authorization: `Bearer ${tokens[0]}` })
  expect(old.status).toBe(401)
  await api.listRecords({})
  expect(tokens).toHaveLength(2)
  // Nothing to end twice: a transport without a token sends nothing.
  await transport.endSession()
  await transport.endSession()
  expect((await postJson(`${server.url()}/v1/rpc/listRecords`, {}, { authorization: `Bearer ${tokens[1]}` })).status).toBe(401)
})
