/** One simulated WeChat user's whole journey, every call timed under its name. */
import { Agent, request } from 'node:http'
import { performance } from 'node:perf_hooks'
import { populationMember } from '../../server/src/tax/population'

export type Timings = Record<string, number[]>

const POLL_FOR_MS = 60_000

export class JourneyError extends Error {}

// node:http on kept-alive sockets, as WeChat's client keeps its connections: fetch cost the driver
// about 1 ms of CPU a call (measured), which on 2 cores was taken from the server under test.
const agent = new Agent({ keepAlive: true, maxSockets: 256 })

function post(url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const payload = JSON.stringify(body)
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(token ? { authorization: `Bearer ${token}` } : {}) }
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'POST', agent, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', reject)
      response.on('end', () => {
        try {
          const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
          if (response.statusCode !== 200) reject(new JourneyError(`${url.split('/').pop()}: HTTP ${response.statusCode} ${JSON.stringify(answer).slice(0, 120)}`))
          else resolve(answer)
        } catch (error) {
          reject(error)
        }
      })
    })
    sent.on('error', reject)
    sent.end(payload)
  })
}

export interface JourneyTarget {
  base: string
  /** The payment sheet: the server's /sim/cashier (simulators inside it) or the simulator process's own. */
  cashierUrl: string
}

/**
 * login → 代他人缴费 lookup → due items → create → start → the sheet pays → queryOrder until paid
 * → receipt, for person i. `after` hears each call's name once it answered.
 */
export async function journey(target: JourneyTarget, user: number, i: number, timings: Timings, recording: () => boolean, after: (name: string) => void = () => undefined): Promise<string> {
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now()
    const result = await work()
    if (recording()) (timings[name] ??= []).push(performance.now() - started)
    after(name)
    return result
  }
  const { base } = target
  const { token } = (await timed('login', () => post(`${base}/v1/session`, { code: `bench-user-${user}` }))) as { token: string }
  const rpc = (method: string, request: unknown) =>
    timed(method, async () => {
      const envelope = await post(`${base}/v1/rpc/${method}`, request, token)
      if (!envelope.ok) throw new JourneyError(`${method}: ${JSON.stringify(envelope.error)}`)
      return envelope.data as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
    })
  const payer = await rpc('lookupPayer', { mode: 'other', ...populationMember(i) })
  const due = await rpc('listDueItems', { payerRef: payer.payerRef })
  const selection = { kind: 'resident', coverageYear: due.resident.years[0].coverageYear }
  const order = await rpc('createOrder', { idempotencyKey: `bench_${i}_${Date.now().toString(36)}`, payerRef: payer.payerRef, selection })
  const started = await rpc('startPayment', { orderId: order.orderId })
  const prepayId = String(started.payParams.package).replace(/^prepay_id=/, '')
  const sheet = await timed('cashier', () => post(target.cashierUrl, { prepayId, action: 'pay' }))
  if (sheet.errMsg !== 'requestPayment:ok') throw new JourneyError(`cashier: ${JSON.stringify(sheet)}`)
  // Polled every 20 ms until paid; given up (an error) after a minute, however slow the machine made each poll.
  for (const until = performance.now() + POLL_FOR_MS; ; ) {
    const state = (await rpc('queryOrder', { orderId: order.orderId })).state
    if (state === 'paid' || state === 'settled') break
    if (performance.now() > until) throw new JourneyError(`order still ${state} after ${POLL_FOR_MS / 1000} s of polls`)
    await new Promise((r) => setTimeout(r, 20))
  }
  await rpc('getReceipt', { orderId: order.orderId })
  return order.orderId as string
}
