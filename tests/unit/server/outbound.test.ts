/** The server's outbound HTTP: kept-alive sockets, a stale one retried once, deadlines. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { OutboundError, send } from '../../../server/src/http/outbound'

let server: Server
let url: URL
/** How the peer treats the n-th request on one connection (1-based): answer it, or cut the connection. */
let onRequest: (nthOnConnection: number) => 'answer' | 'cut' | 'hang'
const seen: number[] = []

beforeAll(async () => {
  const counts = new WeakMap<Socket, number>()
  server = createServer((req, res) => {
    const n = (counts.get(req.socket) ?? 0) + 1
    counts.set(req.socket, n)
    seen.push(n)
    const what = onRequest(n)
    if (what === 'cut') return void req.socket.destroy()
    if (what === 'answer') res.writeHead(200, { 'content-type': 'application/json', 'x-answer': String(n) }).end('{"ok":true}')
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`)
})
afterAll(() => {
  server.closeAllConnections()
  return new Promise<void>((ok) => server.close(() => ok()))
})
beforeEach(() => {
  seen.length = 0
  server.closeAllConnections()
})

it('keeps the socket alive between calls', async () => {
  onRequest = () => 'answer'
  for (let i = 0; i < 3; i++) expect((await send(url, { method: 'GET', timeoutMs: 2_000 })).status).toBe(200)
  expect(seen).toEqual([1, 2, 3])
})

it('sends once more on a new socket when a kept-alive one was closed under it', async () => {
  onRequest = (n) => (n === 1 ? 'answer' : 'cut')
  await send(url, { method: 'GET', timeoutMs: 2_000 })
  const again = await send(url, { method: 'POST', body: '{"a":1}', timeoutMs: 2_000 })
  expect([again.status, again.header('X-Answer'), again.body.toString()]).toEqual([200, '1', '{"ok":true}'])
  expect(seen).toEqual([1, 2, 1])
})

it('does not repeat a call cut on a new socket, and gives up at the deadline', async () => {
  onRequest = () => 'cut'
  await expect(send(url, { method: 'GET', timeoutMs: 2_000 })).rejects.toMatchObject({ timedOut: false })
  expect(seen).toEqual([1])
  onRequest = () => 'hang'
  const started = Date.now()
  const late = await send(url, { method: 'GET', timeoutMs: 200 }).catch((error: unknown) => error)
  expect(late).toBeInstanceOf(OutboundError)
  expect((late as OutboundError).timedOut).toBe(true)
  expect(Date.now() - started).toBeLessThan(1_500)
})
