/** The app's own HTTP transport (src/services/http) against the real server, over fetch. */
import { createBackend } from '@/contract/schemas'
import { createHttpTransport, type HttpRequest } from '@/services/http/httpTransport'
import { postJson } from './httpClient'
import { serverForThisFile } from './serverProcess'

const server = serverForThisFile()

const fetchRequest: HttpRequest = async ({ url, data, header }) => {
  const response = await fetch(url, { method: 'POST', headers: header, body: JSON.stringify(data) })
  return { statusCode: response.status, data: await response.json() }
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
