/**
 * One model-based payment session: a WeChat user of its own paying for one to three synthetic
 * people of its own (each with a payment behaviour of the tax simulator's population), each in
 * an order of their own and, with two or more, in family orders (全部缴纳) over 2–3 of them
 * (./paymentTargets), through actions fast-check draws in rounds. Between rounds the run moves the server's one clock for
 * every session at once (./paymentModel.test.ts), so a session never moves time itself.
 * Business refusals are answers; anything else (a 5xx, an answer outside the contract, an order
 * the app sees going backwards) fails the session.
 */
import fc from 'fast-check'
import { BackendError, type ErrorCode } from '@/contract'
import { canTransition, ORDER_STATES, type OrderState } from '@/domain/orderState'
import type { PaymentBehaviour } from '@/services/mock/registry'
import { populationStarts, type PopulationMix } from '../../server/src/tax/population'
import { postJson, userClient } from './httpClient'
import { familyTarget, personTarget, type PersonSlot, type Target, type TargetContext } from './paymentTargets'
import type { SheetKnobs } from './wechatpayWorld'

export const ROUNDS = 3
/** The population a wave's server is started with (TAX_SIM_POPULATION): enough of each behaviour for 250 sessions of up to three people. */
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

/** Whom an action is for: one of the session's people (their own order), or the session's family order. */
export type Who = number | 'family'

export type Action =
  | { t: 'create'; who: Who; sameKey: boolean }
  /** 全部缴纳 over 2–3 of the session's people: the family order the later 'family' actions go to. */
  | { t: 'family'; members: number[]; sameKey: boolean }
  | { t: 'start'; who: Who }
  /**
   * The payer at WeChat Pay's own payment sheet (as with a real 商户号: the notify follows on its
   * own), then the app (`tell`) sends cashierReturned after a cancel or a failure. Not the
   * server's development cashier: it waits for every job of the server to finish, which under
   * hundreds of sessions at once is never.
   */
  | { t: 'sheet'; who: Who; action: 'pay' | 'cancel' | 'fail'; notify: NotifyPlan; tell: boolean }
  /** The oldest attempt of the order paid after the server closed it, its notify racing the newer attempt's. */
  | { t: 'stale'; who: Who; delayMs: number }
  | { t: 'returned'; who: Who; result: 'cancel' | 'fail' }
  | { t: 'poll'; who: Who }

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

/** With two people or more, a third of the actions go to the family order. */
function actionOf(people: number): fc.Arbitrary<Action> {
  const who: fc.Arbitrary<Who> = people === 1 ? fc.constant(0) : fc.oneof({ weight: 2, arbitrary: fc.nat(people - 1) }, { weight: 1, arbitrary: fc.constant('family' as const) })
  const family = () => fc.record({ t: fc.constant('family' as const), members: fc.shuffledSubarray(Array.from({ length: people }, (_, i) => i), { minLength: 2 }), sameKey: fc.boolean() })
  return fc.oneof(
    { weight: 2, arbitrary: fc.record({ t: fc.constant('create' as const), who, sameKey: fc.boolean() }) },
    ...(people === 1 ? [] : [{ weight: 1, arbitrary: family() }]),
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
  .array(behaviour, { minLength: 1, maxLength: 3 })
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
const REFUSALS: ErrorCode[] = ['NOTHING_DUE', 'ALREADY_PAID', 'PAYMENT_LOCKED', 'ORDER_NOT_PAYABLE', 'IN_OTHER_ORDER']

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

export type Session = Awaited<ReturnType<typeof openSession>>
let opened = 0

/** Where a session goes: the server, and the WeChat Pay (simulator) it uses, whose sheet the payer sees. */
export interface SessionUrls {
  server: () => string
  wechatPay: () => string
}

/** Logs the session's user in and gives it its people; `round(r)` then plays round r of the plan. */
export async function openSession(urls: SessionUrls, id: string, plan: SessionPlan, personFor: (b: PaymentBehaviour) => number) {
  const user = await userClient(urls.server, `model-${id}-${opened++}`)
  const slots: PersonSlot[] = plan.behaviours.map((b) => ({ index: personFor(b), behaviour: b, orderIds: [] }))
  const lastSeen = new Map<string, OrderState>()
  const attemptsOf = new Map<string, string[]>()
  const stats = { refusals: 0 }
  /** Orders (and family orders) WeChat Pay took money for (its sheet said ok): the money must reach them, by notify or query. */
  const paidAtWechat = new Map<string, Target>()
  const ctx: TargetContext = {
    api: user.backend,
    id,
    refused: (error: unknown): undefined => {
      if (!(error instanceof BackendError && REFUSALS.includes(error.code))) throw error
      stats.refusals += 1
    },
    // The app never sees an order go back (paid → pending, say).
    seen: (order) => {
      const before = lastSeen.get(order.orderId)
      if (before && !REACHABLE.get(before)!.has(order.state)) throw new Error(`order ${order.orderId} went ${before} → ${order.state}`)
      lastSeen.set(order.orderId, order.state)
    },
  }
  const people = slots.map((slot) => personTarget(ctx, slot))
  const family = familyTarget(ctx, slots)
  /** An order that is over for good: paying again needs a new one. */
  const over = (orderId: string | undefined) => orderId === undefined || ['closed', 'refunded'].includes(lastSeen.get(orderId) ?? '')

  /** Opens (or is handed back) an attempt of the target's order, a new order if that one is over; a refusal is read up (another order may have taken the period). */
  async function start(target: Target): Promise<string | undefined> {
    const orderId = over(target.current()) ? await target.create(false) : target.current()
    if (!orderId) return undefined
    const attemptId = await target.start(orderId)
    if (!attemptId) return void (await target.query(orderId))
    const attempts = attemptsOf.get(orderId) ?? []
    if (!attempts.includes(attemptId)) attemptsOf.set(orderId, [...attempts, attemptId])
    return attemptId
  }

  /** WeChat Pay's own sheet: it answers at once (a refused one, such as a closed attempt, with 400), the notify follows on its own. */
  const wechatSheet = async (attemptId: string, action: 'pay' | 'cancel' | 'fail', knobs: SheetKnobs): Promise<'ok' | 'cancel' | 'fail'> => {
    const answer = await postJson(`${urls.wechatPay()}/sim/cashier`, { prepayId: user.http.prepayIds.get(attemptId), action, ...knobs })
    const { errMsg } = answer.body as { errMsg: string }
    if (answer.status !== 200 && answer.status !== 400) throw new Error(`WeChat Pay's sheet answered ${answer.status}: ${errMsg}`)
    return errMsg === 'requestPayment:ok' ? 'ok' : errMsg === 'requestPayment:fail cancel' ? 'cancel' : 'fail'
  }

  async function play(a: Action): Promise<void> {
    if (a.t === 'family') {
      family.choose(a.members)
      return void (await family.target.create(a.sameKey))
    }
    const target = a.who === 'family' ? family.target : people[a.who]
    const orderId = target.current()
    if (a.t === 'create') await target.create(a.sameKey)
    if (a.t === 'start') await start(target)
    if (a.t === 'poll' && orderId) await target.query(orderId)
    if (a.t === 'returned' && orderId) await target.returned(orderId, a.result)
    // (Of an order given up to another one meanwhile, too: that money can only go back.)
    if (a.t === 'stale' && orderId) {
      const oldest = attemptsOf.get(orderId)?.[0]
      if (oldest && (await wechatSheet(oldest, 'pay', { evenIfClosed: true, delayMs: a.delayMs })) === 'ok') paidAtWechat.set(orderId, target)
    }
    if (a.t === 'sheet') {
      const attemptId = await start(target)
      if (!attemptId) return
      const paying = target.current()!
      const { deliveries, concurrent, delayMs, lost } = a.notify
      const knobs = { deliveries, concurrent, delayMs, notify: !lost }
      // The bank refuses a payer without the money at the sheet.
      const result = await wechatSheet(attemptId, target.declined(paying) ? 'fail' : a.action, knobs)
      if (result !== 'ok' && a.tell) await target.returned(paying, result)
      // Once WeChat Pay took the money, 继续支付 opens no new attempt: it is refused, or hands back one already seen.
      if (result === 'ok') {
        paidAtWechat.set(paying, target)
        const again = await target.start(paying)
        if (again && !attemptsOf.get(paying)!.includes(again)) throw new Error(`paid, yet a new attempt ${again} was opened`)
      }
    }
  }

  return {
    id,
    plan,
    stats,
    /** The session's people (population indexes) and every order each is in, for the books. */
    people: () => slots.map((s) => ({ index: s.index, behaviour: s.behaviour, orderIds: [...s.orderIds] })),
    /**
     * Waits (up to `ms`) until every order WeChat Pay took money for reads it: the notify of a
     * closed attempt paid after all comes only with WeChat Pay's retries (1 s … 30 s apart here)
     * when its first try was not answered within 5 s. An order closed meanwhile (given up to
     * another) reads nothing of it: the books check that money went back.
     */
    async heard(ms: number): Promise<string[]> {
      const until = Date.now() + ms
      for (const [orderId, target] of paidAtWechat) {
        for (let state = ''; ; await new Promise((r) => setTimeout(r, 500))) {
          state = await target.query(orderId)
          if (state !== 'pending' && state !== 'failed') break
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
