/**
 * Whole payment journeys over raw HTTP (login → 代他人缴费 lookup → due items → createOrder →
 * startPayment → /sim/cashier pays → queryOrder until paid), one synthetic person each, or (a
 * family journey) two people in one family order (全部缴纳: createFamilyOrder, startFamilyPayment,
 * queryFamilyOrder until every item is paid), written to ride out the server or its database
 * going away: every step is idempotent (the order's idempotency key, 继续支付's same attempt), so
 * a journey cut off anywhere is resumed where it was.
 */
import { populationMember } from '../../server/src/tax/population'
import type { SheetKnobs, tables } from './wechatpayWorld'

/** The server's variables for a run of journeys: a population to pay for, and no lookup rationing (one client address). */
export const JOURNEY_ENV = { TAX_SIM_POPULATION: '1000', LOOKUP_LIMIT_USER: '100000,100000', LOOKUP_LIMIT_ADDRESS: '100000,100000' }
/** The app's own request timeout (src/services/http/httpTransport.ts). */
export const CLIENT_TIMEOUT_MS = 15_000
/** A family journey i pays for population members i and i + FAMILY_PARTNER (JOURNEY_ENV's population has 1,000). */
export const FAMILY_PARTNER = 500

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
  /** 全部缴纳 for two people: orderId is then the family order's, itemIds its items'. */
  family: boolean
  token?: string
  payerRefs?: string[]
  orderId?: string
  itemIds?: string[]
  /** Times the server was unreachable under it. */
  cutOff: number
  outcome?: 'paid' | 'settled'
}

export const newJourney = (i: number, family = false): Journey => ({ i, family, cutOff: 0 })

/** The person orders a journey pays: its order, or its family order's items. */
export const ordersOf = (j: Journey): string[] => (j.family ? (j.itemIds ?? []) : j.orderId ? [j.orderId] : [])

/** The calls that pay a journey's order: one person's, or a family order's. */
const payment = (j: Journey) =>
  j.family ? { start: 'startFamilyPayment', query: 'queryFamilyOrder', ref: { familyOrderId: j.orderId } } : { start: 'startPayment', query: 'queryOrder', ref: { orderId: j.orderId } }

type Rpc = (method: string, request: unknown) => Promise<Record<string, unknown>>

/** Its people looked up (代他人缴费), then its order (or family order) for their first due year. */
async function createOrders(j: Journey, rpc: Rpc): Promise<void> {
  const people = j.family ? [j.i, j.i + FAMILY_PARTNER] : [j.i]
  j.payerRefs ??= []
  for (const [k, person] of people.entries()) j.payerRefs[k] ??= (await rpc('lookupPayer', { mode: 'other', ...populationMember(person) })).payerRef as string
  const items = []
  for (const payerRef of j.payerRefs) {
    const due = (await rpc('listDueItems', { payerRef })) as { resident: { years: { coverageYear: number }[] } }
    items.push({ payerRef, selection: { kind: 'resident', coverageYear: due.resident.years[0].coverageYear } })
  }
  const idempotencyKey = `journey_${j.i}`
  if (!j.family) return void (j.orderId = (await rpc('createOrder', { idempotencyKey, ...items[0] })).orderId as string)
  const family = (await rpc('createFamilyOrder', { idempotencyKey, items })) as { familyOrderId: string; items: { orderId: string }[] }
  j.itemIds = family.items.map((item) => item.orderId)
  j.orderId = family.familyOrderId
}

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
  const rpc: Rpc = async (method, request) => data(await post(`${base}/v1/rpc/${method}`, request, j.token), method)
  if (!j.token) {
    const login = await post(`${base}/v1/session`, { code: `journey-${j.i}` })
    if (login.status >= 500) throw new ServerFailed(login)
    if (login.status !== 200) throw new Error(`journey login: HTTP ${login.status} ${JSON.stringify(login.body)}`)
    j.token = login.body.token as string
  }
  if (!j.orderId) {
    await createOrders(j, rpc)
    hooks('created', j)
  }
  for (let round = 0; round < rounds; round++) {
    if (await settled(j, rpc)) return
    const start = await post(`${base}/v1/rpc/${payment(j).start}`, payment(j).ref, j.token)
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

/** Paid (a family order: each item paid), each of its orders with its receipt. */
async function settled(j: Journey, rpc: Rpc): Promise<boolean> {
  const { state, items } = (await rpc(payment(j).query, payment(j).ref)) as { state: string; items?: { state: string }[] }
  const states = j.family ? (items ?? []).map((item) => item.state) : [state]
  if (state !== 'paid' && state !== 'settled') return false
  if (!states.every((s) => s === 'paid' || s === 'settled')) return false
  for (const orderId of ordersOf(j)) await rpc('getReceipt', { orderId })
  j.outcome = states.every((s) => s === 'settled') ? 'settled' : 'paid'
  return true
}

/**
 * Straight from the tables: one order per journey (a family journey: its two items), each paid,
 * with exactly one paid attempt (a family item: its family order's), one receipt and one booking
 * at the tax system; every family order paid. Answers the orders, for the money check.
 */
export async function expectEachJourneyPaidOnce(db: Pick<ReturnType<typeof tables>, 'rows'>, journeys: Journey[]): Promise<{ order_id: string; amount_fen: number }[]> {
  const orders = await db.rows<{ order_id: string; state: string; amount_fen: number }>('SELECT order_id, state, amount_fen FROM orders')
  expect(orders.map((o) => o.order_id).sort()).toEqual(journeys.flatMap(ordersOf).sort())
  expect(orders.filter((o) => o.state !== 'paid' && o.state !== 'settled')).toEqual([])
  const perOrder = await db.rows<{ order_id: string; paid: number; receipts: number; booked: number }>(
    `SELECT o.order_id,
       (SELECT count(*)::int FROM payment_attempts a WHERE (a.order_id = o.order_id OR a.family_order_id = o.family_order_id) AND a.state = 'paid') AS paid,
       (SELECT count(*)::int FROM receipts r WHERE r.order_id = o.order_id) AS receipts,
       (SELECT count(*)::int FROM taxsim_declarations d WHERE d.order_id = o.order_id AND d.state = 'booked') AS booked
     FROM orders o`,
  )
  expect(perOrder.filter((o) => o.paid !== 1 || o.receipts !== 1 || o.booked !== 1)).toEqual([])
  const families = await db.rows<{ family_order_id: string; state: string }>('SELECT family_order_id, state FROM family_orders')
  expect(families.map((f) => f.family_order_id).sort()).toEqual(journeys.filter((j) => j.family).map((j) => j.orderId).sort())
  expect(families.filter((f) => f.state !== 'paid')).toEqual([])
  return orders
}
