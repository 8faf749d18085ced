/**
 * One model-based payment session: a WeChat user of its own paying for one or two synthetic
 * people of its own (each with a payment behaviour of the tax simulator's population), through
 * actions fast-check draws in rounds. Between rounds the run moves the server's one clock for
 * every session at once (./paymentModel.test.ts), so a session never moves time itself.
 * Business refusals are answers; anything else (a 5xx, an answer outside the contract, an order
 * the app sees going backwards) fails the session.
 */
import fc from 'fast-check'
import { BackendError, type ErrorCode, type OrderView } from '@/contract'
import { canTransition, ORDER_STATES, type OrderState } from '@/domain/orderState'
import type { PaymentBehaviour } from '@/services/mock/registry'
import { populationMember, populationStarts, type PopulationMix } from '../../server/src/tax/population'
import { postJson, userClient } from './httpClient'
import type { SheetKnobs } from './wechatpayWorld'

export const ROUNDS = 3
/** The population a wave's server is started with (TAX_SIM_POPULATION): enough of each behaviour for 250 sessions of up to two people. */
export const MODEL_POPULATION: PopulationMix = [
  { behaviour: 'normal', count: 500 },
  { behaviour: 'late', count: 300 },
  { behaviour: 'debit_reversed', count: 300 },
  { behaviour: 'insufficient_funds', count: 300 },
]
export const populationEnv = (mix: PopulationMix) => mix.map((p, i) => (i === 0 ? String(p.count) : `${p.behaviour}:${p.count}`)).join(',')

/** How WeChat Pay delivers the notify of a payment: once, again, at once from several machines, late (real time, across the next clock move), or never. */
export interface NotifyPlan {
  deliveries: number
  concurrent: boolean
  delayMs: number
  lost: boolean
}

export type Action =
  | { t: 'create'; who: number; sameKey: boolean }
  | { t: 'start'; who: number }
  /**
   * The payer at WeChat Pay's own payment sheet (as with a real 商户号: the notify follows on its
   * own), then the app (`tell`) sends cashierReturned after a cancel or a failure. Not the
   * server's development cashier: it waits for every job of the server to finish, which under
   * hundreds of sessions at once is never.
   */
  | { t: 'sheet'; who: number; action: 'pay' | 'cancel' | 'fail'; notify: NotifyPlan; tell: boolean }
  /** The oldest attempt of the order paid after the server closed it, its notify racing the newer attempt's. */
  | { t: 'stale'; who: number; delayMs: number }
  | { t: 'returned'; who: number; result: 'cancel' | 'fail' }
  | { t: 'poll'; who: number }

export interface SessionPlan {
  behaviours: PaymentBehaviour[]
  rounds: Action[][]
}

/** The longest real-time delay a notify is given: the run waits this long before its final look. */
export const LATE_NOTIFY_MS = 1_500

const notifyPlan: fc.Arbitrary<NotifyPlan> = fc.record({
  deliveries: fc.integer({ min: 1, max: 3 }),
  concurrent: fc.boolean(),
  delayMs: fc.constantFrom(0, 0, 0, 40, LATE_NOTIFY_MS),
  lost: fc.constantFrom(false, false, true),
})

function actionOf(people: number): fc.Arbitrary<Action> {
  const who = fc.nat(people - 1)
  return fc.oneof(
    { weight: 2, arbitrary: fc.record({ t: fc.constant('create' as const), who, sameKey: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('start' as const), who }) },
    {
      weight: 6,
      arbitrary: fc.record({
        t: fc.constant('sheet' as const),
        who,
        action: fc.constantFrom('pay' as const, 'pay' as const, 'cancel' as const, 'fail' as const),
        notify: notifyPlan,
        tell: fc.constantFrom(true, true, false),
      }),
    },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('stale' as const), who, delayMs: fc.constantFrom(0, 40, LATE_NOTIFY_MS) }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('returned' as const), who, result: fc.constantFrom('cancel' as const, 'fail' as const) }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('poll' as const), who }) },
  )
}

const behaviour = fc.constantFrom<PaymentBehaviour>('normal', 'normal', 'normal', 'late', 'debit_reversed', 'insufficient_funds')

export const sessionPlan: fc.Arbitrary<SessionPlan> = fc
  .array(behaviour, { minLength: 1, maxLength: 2 })
  .chain((behaviours) => fc.record({ behaviours: fc.constant(behaviours), rounds: fc.array(fc.array(actionOf(behaviours.length), { minLength: 1, maxLength: 4 }), { minLength: ROUNDS, maxLength: ROUNDS }) }))

/** Hands out population members of each behaviour, each once per server. */
export function peopleOf(mix: PopulationMix) {
  const starts = populationStarts(mix)
  const used = mix.map(() => 0)
  return (wanted: PaymentBehaviour): number => {
    const part = mix.findIndex((p) => p.behaviour === wanted)
    if (used[part] >= mix[part].count) throw new Error(`population of ${wanted} used up: raise MODEL_POPULATION`)
    return starts[part] + used[part]++
  }
}

/** Business refusals a session may meet; anything else is a failure. */
const REFUSALS: ErrorCode[] = ['NOTHING_DUE', 'ALREADY_PAID', 'PAYMENT_LOCKED', 'ORDER_NOT_PAYABLE']

/** Every state an order can reach from each state, by the domain's transitions. */
const REACHABLE = new Map<OrderState, Set<OrderState>>(
  ORDER_STATES.map((from) => {
    const seen = new Set<OrderState>([from])
    for (let size = 0; size < seen.size; ) {
      size = seen.size
      for (const a of [...seen]) for (const b of ORDER_STATES) if (canTransition(a, b)) seen.add(b)
    }
    return [from, seen]
  }),
)

interface PersonSlot {
  index: number
  behaviour: PaymentBehaviour
  payerRef?: string
  /** The coverage year due when the person was first looked at: later orders ask for it again. */
  year?: number
  keys: string[]
  orderIds: string[]
}

export type Session = Awaited<ReturnType<typeof openSession>>
let opened = 0

/** Where a session goes: the server, and the WeChat Pay (simulator) it uses, whose sheet the payer sees. */
export interface SessionUrls {
  server: () => string
  wechatPay: () => string
}

/** Logs the session's user in and gives it its people; `round(r)` then plays round r of the plan. */
export async function openSession(urls: SessionUrls, id: string, plan: SessionPlan, personFor: (b: PaymentBehaviour) => number) {
  const url = urls.server
  const user = await userClient(url, `model-${id}-${opened++}`)
  const api = user.backend
  const slots: PersonSlot[] = plan.behaviours.map((b) => ({ index: personFor(b), behaviour: b, keys: [], orderIds: [] }))
  const lastSeen = new Map<string, OrderState>()
  const attemptsOf = new Map<string, string[]>()
  const stats = { refusals: 0 }
  /** Orders WeChat Pay took money for (its sheet said ok): the money must reach them, by notify or query. */
  const paidAtWechat = new Set<string>()
  const refused = (error: unknown): undefined => {
    if (!(error instanceof BackendError && REFUSALS.includes(error.code))) throw error
    stats.refusals += 1
  }

  /** The app never sees an order go back (paid → pending, say). */
  const seen = (order: Pick<OrderView, 'orderId' | 'state'> | undefined) => {
    if (!order) return order
    const before = lastSeen.get(order.orderId)
    if (before && !REACHABLE.get(before)!.has(order.state)) throw new Error(`order ${order.orderId} went ${before} → ${order.state}`)
    lastSeen.set(order.orderId, order.state)
    return order
  }
  const currentOrder = (slot: PersonSlot) => slot.orderIds.at(-1)
  /** An order that is over for good: paying again needs a new one. */
  const over = (orderId: string | undefined) => orderId === undefined || ['closed', 'refunded'].includes(lastSeen.get(orderId) ?? '')

  async function create(slot: PersonSlot, sameKey: boolean): Promise<string | undefined> {
    slot.payerRef ??= (await api.lookupPayer({ mode: 'other', ...populationMember(slot.index) })).payerRef
    slot.year ??= (await api.listDueItems({ payerRef: slot.payerRef }).catch(refused))?.resident?.years[0]?.coverageYear
    if (slot.year === undefined) return undefined
    if (!sameKey || slot.keys.length === 0) slot.keys.push(`model_${id}_${slot.index}_${slot.keys.length}`)
    const order = seen(await api.createOrder({ idempotencyKey: slot.keys.at(-1)!, payerRef: slot.payerRef, selection: { kind: 'resident', coverageYear: slot.year } }).catch(refused))
    if (order && !slot.orderIds.includes(order.orderId)) slot.orderIds.push(order.orderId)
    return order?.orderId
  }

  async function start(slot: PersonSlot): Promise<string | undefined> {
    const orderId = over(currentOrder(slot)) ? await create(slot, false) : currentOrder(slot)
    if (!orderId) return undefined
    const started = await api.startPayment({ orderId }).catch(refused)
    if (!started) return undefined
    seen(started.order)
    const attempts = attemptsOf.get(orderId) ?? []
    if (!attempts.includes(started.attemptId)) attemptsOf.set(orderId, [...attempts, started.attemptId])
    return started.attemptId
  }

  /** WeChat Pay's own sheet: it answers at once (a refused one, such as a closed attempt, with 400), the notify follows on its own. */
  const wechatSheet = async (attemptId: string, action: 'pay' | 'cancel' | 'fail', knobs: SheetKnobs): Promise<'ok' | 'cancel' | 'fail'> => {
    const answer = await postJson(`${urls.wechatPay()}/sim/cashier`, { prepayId: user.http.prepayIds.get(attemptId), action, ...knobs })
    const { errMsg } = answer.body as { errMsg: string }
    if (answer.status !== 200 && answer.status !== 400) throw new Error(`WeChat Pay's sheet answered ${answer.status}: ${errMsg}`)
    return errMsg === 'requestPayment:ok' ? 'ok' : errMsg === 'requestPayment:fail cancel' ? 'cancel' : 'fail'
  }

  async function play(a: Action): Promise<void> {
    const slot = slots[a.who]
    const orderId = currentOrder(slot)
    if (a.t === 'create') await create(slot, a.sameKey)
    if (a.t === 'start') await start(slot)
    if (a.t === 'poll' && orderId) seen(await api.queryOrder({ orderId }))
    if (a.t === 'returned' && orderId) seen(await api.cashierReturned({ orderId, result: a.result }))
    if (a.t === 'stale' && orderId) {
      const oldest = attemptsOf.get(orderId)?.[0]
      if (oldest && (await wechatSheet(oldest, 'pay', { evenIfClosed: true, delayMs: a.delayMs })) === 'ok') paidAtWechat.add(orderId)
    }
    if (a.t === 'sheet') {
      const attemptId = await start(slot)
      if (!attemptId) return
      const { deliveries, concurrent, delayMs, lost } = a.notify
      const knobs = { deliveries, concurrent, delayMs, notify: !lost }
      // The bank refuses a payer without the money at the sheet.
      const result = await wechatSheet(attemptId, slot.behaviour === 'insufficient_funds' ? 'fail' : a.action, knobs)
      if (result !== 'ok' && a.tell) seen(await api.cashierReturned({ orderId: currentOrder(slot)!, result }))
      // Once WeChat Pay took the money, 继续支付 opens no new attempt: it is refused, or hands back one already seen.
      if (result === 'ok') {
        paidAtWechat.add(currentOrder(slot)!)
        const again = await api.startPayment({ orderId: currentOrder(slot)! }).catch(refused)
        if (again && !attemptsOf.get(currentOrder(slot)!)!.includes(again.attemptId)) throw new Error(`paid, yet a new attempt ${again.attemptId} was opened`)
        seen(again?.order)
      }
    }
  }

  return {
    id,
    plan,
    stats,
    /** The session's people (population indexes) and every order it saw, for the books. */
    people: () => slots.map((s) => ({ index: s.index, behaviour: s.behaviour, orderIds: [...s.orderIds] })),
    /**
     * Waits (up to `ms`) until every order WeChat Pay took money for reads it: the notify of a
     * closed attempt paid after all comes only with WeChat Pay's retries (1 s … 30 s apart here)
     * when its first try was not answered within 5 s.
     */
    async heard(ms: number): Promise<string[]> {
      const until = Date.now() + ms
      for (const orderId of paidAtWechat) {
        for (let state = ''; ; await new Promise((r) => setTimeout(r, 500))) {
          state = seen(await api.queryOrder({ orderId }))!.state
          if (!['pending', 'failed', 'closed'].includes(state)) break
          if (Date.now() > until) return [`WeChat Pay took money for ${orderId}, which still reads ${state}`]
        }
      }
      return []
    },
    async round(r: number): Promise<void> {
      for (const a of plan.rounds[r]) {
        try {
          await play(a)
        } catch (error) {
          throw new Error(`round ${r}, ${JSON.stringify(a)}: ${(error as Error).message}`)
        }
      }
    },
  }
}
