/**
 * Whole payment journeys over raw HTTP (login → 代他人缴费 lookup → due items → createOrder →
 * startPayment → /sim/cashier pays → queryOrder until paid), one synthetic person each, written to
 * ride out the server or its database going away: every step is idempotent (the order's
 * idempotency key, 继续支付's same attempt), so a journey cut off anywhere is resumed where it was.
 */
import { populationMember } from '../../server/src/tax/population'
import type { SheetKnobs, tables } from './wechatpayWorld'

/** The server's variables for a run of journeys: a population to pay for, and no lookup rationing (one client address). */
export const JOURNEY_ENV = { TAX_SIM_POPULATION: '1000', LOOKUP_LIMIT_USER: '100000,100000', LOOKUP_LIMIT_ADDRESS: '100000,100000' }
/** The app's own request timeout (src/services/http/httpTransport.ts). */
export const CLIENT_TIMEOUT_MS = 15_000

/** Nothing answered: connection refused or cut. */
export class Unreachable extends Error {}

/** The server answered 5xx (its envelope in `answer`): the caller decides whether to try again. */
export class ServerFailed extends Error {
  constructor(readonly answer: Answer) {
    super(`HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`)
  }
}

export interface Answer {
  status: number
  body: { ok?: boolean; data?: Record<string, unknown>; error?: { code: string; message: string }; [key: string]: unknown }
  ms: number
}

export async function post(url: string, body: unknown, token?: string): Promise<Answer> {
  const started = Date.now()
  let response: Response
  try {
    const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }
    response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) })
    return { status: response.status, body: (await response.json()) as Answer['body'], ms: Date.now() - started }
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') throw error
    throw new Unreachable(`${(error as Error).message}: ${String((error as { cause?: unknown }).cause)}`)
  }
}

export type Step = 'created' | 'started' | 'paying'
/** What a journey asks before it goes on: at 'paying', knobs for the sheet and work to do while it is at the cashier. */
export type Hooks = (step: Step, journey: Journey) => { knobs?: SheetKnobs; whilePaying?: () => void } | void

export interface Journey {
  i: number
  token?: string
  payerRef?: string
  orderId?: string
  /** Times the server was unreachable under it. */
  cutOff: number
  outcome?: 'paid' | 'settled'
}

export const newJourney = (i: number): Journey => ({ i, cutOff: 0 })

/** Business answers are asserted: anything but ok (or a 5xx the caller handles) fails the run. */
function data(answer: Answer, what: string): Record<string, unknown> {
  if (answer.status >= 500) throw new ServerFailed(answer)
  if (answer.status !== 200 || !answer.body.ok) throw new Error(`journey ${what}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`)
  return answer.body.data ?? {}
}

/**
 * Runs a journey on from where it is until its order is paid, or until `rounds` tries at the
 * cashier did not settle it (a lost notify is found by the attempt query job, later). Throws
 * Unreachable when the server is gone, ServerFailed on a 5xx; call again to resume.
 */
export async function advanceJourney(base: string, j: Journey, hooks: Hooks = () => undefined, rounds = 2): Promise<void> {
  const rpc = async (method: string, request: unknown) => data(await post(`${base}/v1/rpc/${method}`, request, j.token), method)
  if (!j.token) {
    const login = await post(`${base}/v1/session`, { code: `journey-${j.i}` })
    if (login.status >= 500) throw new ServerFailed(login)
    if (login.status !== 200) throw new Error(`journey login: HTTP ${login.status} ${JSON.stringify(login.body)}`)
    j.token = login.body.token as string
  }
  j.payerRef ??= (await rpc('lookupPayer', { mode: 'other', ...populationMember(j.i) })).payerRef as string
  if (!j.orderId) {
    const due = (await rpc('listDueItems', { payerRef: j.payerRef })) as { resident: { years: { coverageYear: number }[] } }
    const selection = { kind: 'resident', coverageYear: due.resident.years[0].coverageYear }
    j.orderId = (await rpc('createOrder', { idempotencyKey: `journey_${j.i}`, payerRef: j.payerRef, selection })).orderId as string
    hooks('created', j)
  }
  for (let round = 0; round < rounds; round++) {
    if (await settled(j, rpc)) return
    const start = await post(`${base}/v1/rpc/startPayment`, { orderId: j.orderId }, j.token)
    if (start.status >= 500) throw new ServerFailed(start)
    // Refused (the payment is already known, its booking still running): the polls below see it through.
    if (start.body.ok) {
      hooks('started', j)
      const payParams = start.body.data!.payParams as { package: string }
      const paying = hooks('paying', j) ?? {}
      const sheet = post(`${base}/sim/cashier`, { prepayId: payParams.package.replace(/^prepay_id=/, ''), action: 'pay', ...paying.knobs })
      paying.whilePaying?.()
      const answer = await sheet
      if (answer.status >= 500) throw new ServerFailed(answer)
    }
    for (let poll = 0; poll < 20; poll++) {
      if (await settled(j, rpc)) return
      await new Promise((r) => setTimeout(r, 25))
    }
  }
}

async function settled(j: Journey, rpc: (method: string, request: unknown) => Promise<Record<string, unknown>>): Promise<boolean> {
  const { state } = await rpc('queryOrder', { orderId: j.orderId })
  if (state !== 'paid' && state !== 'settled') return false
  await rpc('getReceipt', { orderId: j.orderId })
  j.outcome = state
  return true
}

/**
 * Straight from the tables: one order per journey, each paid, with exactly one paid attempt, one
 * receipt and one booking at the tax system. Answers the orders, for the money check.
 */
export async function expectEachJourneyPaidOnce(db: Pick<ReturnType<typeof tables>, 'rows'>, journeys: Journey[]): Promise<{ order_id: string; amount_fen: number }[]> {
  const orders = await db.rows<{ order_id: string; state: string; amount_fen: number }>('SELECT order_id, state, amount_fen FROM orders')
  expect(orders.map((o) => o.order_id).sort()).toEqual(journeys.map((j) => j.orderId).sort())
  expect(orders.filter((o) => o.state !== 'paid' && o.state !== 'settled')).toEqual([])
  const perOrder = await db.rows<{ order_id: string; paid: number; receipts: number; booked: number }>(
    `SELECT o.order_id,
       (SELECT count(*)::int FROM payment_attempts a WHERE a.order_id = o.order_id AND a.state = 'paid') AS paid,
       (SELECT count(*)::int FROM receipts r WHERE r.order_id = o.order_id) AS receipts,
       (SELECT count(*)::int FROM taxsim_declarations d WHERE d.order_id = o.order_id AND d.state = 'booked') AS booked
     FROM orders o`,
  )
  expect(perOrder.filter((o) => o.paid !== 1 || o.receipts !== 1 || o.booked !== 1)).toEqual([])
  return orders
}
