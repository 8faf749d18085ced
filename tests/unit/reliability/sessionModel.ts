/**
 * Model-based payment sessions: the real flow store and payment controller, wired as the app
 * wires them (src/flow/index.ts, through the tests' one wireApp), against the embedded mock on a shared clock and storage.
 *
 * Nothing here awaits the controller directly. A command starts what the person (or the
 * network, or WeChat) does and then lets every microtask run out (`settle`). Whatever cannot
 * finish on its own is *parked* in the app: an open cashier, a poll back-off, a request on a
 * slow network. Later commands decide what happens to it (pay, cancel, wake, deliver, lose) —
 * or a restart abandons it, which is "the app was killed right there". So commands interleave
 * with a payment in flight exactly as taps do with a real one.
 *
 * After every command the world is checked (see `checkWorld`); after the last one the session
 * is wound down and must end settled or 结果确认中, and a refresh after time passes settles it.
 */
import fc from 'fast-check'
import { isPaymentBusy, type Selection } from '@/domain/payFlow'
import { isPaidState } from '@/domain/orderState'
import { PENDING_ORDER_KEY } from '@/storage/pendingOrder'
import { summarise } from '@/view/selection'
import { createBackend } from '@/contract/schemas'
import type { DueItemsResponse, Method, OrderView, StartPaymentResponse, Transport } from '@/contract'
import { createTestMock } from '@/services/mock/testMock'
import { type MockOptions } from '@/services/mock/mockBackend'
import { type CashierFault } from '@/services/mock/cashier'
import { type FaultKind } from '@/services/faultyTransport'
import { DEMO_PEOPLE } from '@/services/mock/registry'
import type { PayResult } from '@/contract'
import { createMemoryStore } from '@/services/storage'
import { START } from '../mock/harness'
import { lookupOf, wireApp } from '../mock/app'
import { familyCmd, familyCommands, lateConfirmingFen, newFamilyPhone, periodsOf, throughCashier, type FamilyPhone } from './familyPhone'

export type MockBackend = ReturnType<typeof createTestMock>
export type MockFactory = (options: MockOptions) => MockBackend

/** How a back-off `sleep` of the controller plays out while a command runs. */
export type SleepMode = 'advance' | 'frozen' | 'park'
type HangKind = 'hang_before' | 'hang_after'
export type AnyFault = FaultKind | HangKind

type Parked =
  | { kind: 'sleep'; ms: number; resolve: () => void }
  | { kind: 'pay'; start: StartPaymentResponse; resolve: (result: PayResult) => void }
  | { kind: 'call'; method: Method; phase: 'before' | 'after'; release: (deliver: boolean) => void }

const LOST = { ok: false, error: { code: 'NETWORK', message: '网络异常，未收到服务应答' } } as const
const ID_NUMBERS = DEMO_PEOPLE.map((p) => p.idNumber)

export const WHO = ['self', 'p06', 'p10', 'p11', 'p12', 'p03', 'p02', 'p04'] as const
export type Who = (typeof WHO)[number]

export class InvariantError extends Error {}

function violated(where: string, what: string): never {
  throw new InvariantError(`${where}: ${what}`)
}

/** Lets every queued microtask (and whatever they queue) run: all that can finish has. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

// ---- the app: what one process of the mini-program holds ------------------------------------

function createApp(world: World) {
  const app = {
    parked: [] as Parked[],
    sleepMode: 'advance' as SleepMode,
    payCalls: 0,
  }

  const send = async (method: Method, request: unknown): Promise<unknown> => {
    try {
      return await world.mock.transport.call(method, request)
    } catch (error) {
      // The mock answers with envelopes; a throw is a crash that createBackend would hide as NETWORK.
      world.crashes.push(error)
      throw error
    }
  }
  const transport: Transport = {
    call(method, request) {
      const index = world.hangs.findIndex((h) => h.method === method)
      if (index < 0) return send(method, request)
      const { kind } = world.hangs.splice(index, 1)[0]
      if (kind === 'hang_before') {
        return new Promise((resolve) => {
          app.parked.push({ kind: 'call', method, phase: 'before', release: (deliver) => resolve(deliver ? send(method, request) : LOST) })
        })
      }
      // The backend does the work now; its answer is stuck on the way back.
      const answer = send(method, request)
      answer.catch(() => undefined)
      return new Promise((resolve) => {
        app.parked.push({ kind: 'call', method, phase: 'after', release: (deliver) => resolve(deliver ? answer : LOST) })
      })
    },
  }

  const wired = wireApp({
    backend: createBackend(transport),
    storage: world.storage,
    clock: () => world.clock.now,
    keepsJourney: true,
    pay: (start) => {
      app.payCalls += 1
      // The cashier may only ever open for the session on screen: its order, payer and selection.
      const { flow } = wired.store.get()
      const session = flow.payment
      const forThisSession =
        session.step === 'cashier' &&
        session.orderId === start.order.orderId &&
        start.order.payerRef === flow.payerRef &&
        orderMatches(start.order, flow.selection) &&
        !app.parked.some((p) => p.kind === 'pay')
      if (!forThisSession) violated('cashier', `opened for ${start.order.orderId}, not for the session on screen (${JSON.stringify(session)})`)
      return new Promise<PayResult>((resolve) => app.parked.push({ kind: 'pay', start, resolve }))
    },
    sleep: (ms) => {
      if (app.sleepMode === 'advance') {
        world.clock.now += ms
        return Promise.resolve()
      }
      if (app.sleepMode === 'frozen') return Promise.resolve()
      return new Promise<void>((resolve) => app.parked.push({ kind: 'sleep', ms, resolve }))
    },
  })
  return Object.assign(app, wired)
}

export type App = ReturnType<typeof createApp>

// ---- the world: one phone, one mock backend, one clock --------------------------------------

export interface World {
  clock: { now: number }
  storage: ReturnType<typeof createMemoryStore>
  makeMock: MockFactory
  mock: MockBackend
  app: App
  hangs: { method: Method; kind: HangKind }[]
  /** Another family member's phone paying 全部缴纳 meanwhile (./familyPhone.ts). */
  family: FamilyPhone
  crashes: unknown[]
  rejections: unknown[]
  /** Our own account of what WeChat took, from what the cashier did (independent of the mock's ledger). */
  chargedFen: number
  charges: Map<string, number>
  steps: number
  stats: Stats
}

/** What a session went through, so the suite can show its generator reaches the cases that matter. */
export interface Stats {
  cashierPaid: number
  outcomes: Record<string, number>
  restoredSavedOrder: number
  restoredByKey: number
  killedMidFlight: number
  /** Family orders paid on the second phone, and those with a refused booking among them. */
  familyPaid: number
  bookingRefused: number
}

const newStats = (): Stats => ({ cashierPaid: 0, outcomes: {}, restoredSavedOrder: 0, restoredByKey: 0, killedMidFlight: 0, familyPaid: 0, bookingRefused: 0 })

export function createWorld(makeMock: MockFactory = createTestMock): World {
  const clock = { now: START }
  const storage = createMemoryStore()
  const world = {
    clock,
    storage,
    makeMock,
    mock: makeMock({ clock: () => clock.now, storage, latencyMs: 0 }),
    hangs: [],
    family: newFamilyPhone(),
    crashes: [],
    rejections: [],
    chargedFen: 0,
    charges: new Map(),
    steps: 0,
    stats: newStats(),
  } as unknown as World
  world.app = createApp(world)
  return world
}

/** Starts what the person did on the live app and lets it run as far as it can. */
async function act(world: World, run: () => Promise<unknown>): Promise<void> {
  run().catch((error) => world.rejections.push(error))
  await settle()
}

const cashierOpen = (app: App) => app.parked.some((p) => p.kind === 'pay')

/** The order is for exactly the period(s) the session selected. */
function orderMatches(order: Pick<OrderView, 'kind' | 'periodStart' | 'periodEnd'>, selection: Selection | undefined): boolean {
  if (!selection || selection.kind !== order.kind) return false
  if (selection.kind === 'resident') return order.periodStart.startsWith(String(selection.coverageYear))
  const months = [...selection.months].sort()
  return order.periodStart.startsWith(months[0]) && order.periodEnd.startsWith(months[months.length - 1])
}

function readPending(world: World): { key: string; orderId?: string } | undefined {
  const raw = world.storage.getItem(PENDING_ORDER_KEY)
  return raw ? (JSON.parse(raw) as { key: string; orderId?: string }) : undefined
}

// ---- the invariants -------------------------------------------------------------------------

export function checkWorld(world: World, where: string): void {
  if (world.crashes.length) violated(where, `the mock threw instead of answering: ${String(world.crashes[0])}`)
  if (world.rejections.length) violated(where, `a controller call rejected (pages call it with void): ${String(world.rejections[0])}`)
  const orders = world.mock.inspect.orders()

  // 1. No person-period is paid twice (the seeded receipts count: they were paid elsewhere).
  const paidBy = new Map<string, string>()
  for (const o of orders) {
    if (!isPaidState(o.state)) continue
    for (const period of periodsOf(o)) {
      const other = paidBy.get(period)
      if (other) violated(where, `person-period ${period} is paid by ${other} and by ${o.orderId}`)
      paidBy.set(period, o.orderId)
    }
  }

  // 2. Money taken = booked + being returned + returned + late confirmations on their way.
  const confirmingFen = lateConfirmingFen(world.mock)
  const ledger = world.mock.inspect.ledger()
  const accounted = ledger.receiptsFen + ledger.refundPendingFen + ledger.refundedFen + confirmingFen
  if (ledger.takenFen !== accounted) violated(where, `ledger: taken ${ledger.takenFen} ≠ booked ${ledger.receiptsFen} + refunding ${ledger.refundPendingFen} + refunded ${ledger.refundedFen} + confirming ${confirmingFen}`)
  if (ledger.takenFen !== world.chargedFen) violated(where, `ledger: the mock says ${ledger.takenFen} fen was taken, the cashier took ${world.chargedFen}`)

  // 3. A saved pending order is one the backend has; nothing the app stores carries an ID number.
  const saved = readPending(world)
  if (saved?.orderId && !orders.some((o) => o.orderId === saved.orderId)) violated(where, `the pending record points at ${saved.orderId}, which the backend does not have`)
  const stored = Object.entries(world.storage.dump())
  for (const [key, value] of stored) {
    if (ID_NUMBERS.some((id) => value.includes(id))) violated(where, `storage key ${key} holds a full ID number`)
  }

  // 4. The live session is at rest (done / error / idle) unless something it waits for is in flight,
  //    and what it says agrees with the backend, the only authority.
  const app = world.app
  const { flow } = app.store.get()
  const session = flow.payment
  if (isPaymentBusy(session) && app.parked.length === 0) violated(where, `the session is stuck in ${session.step} with nothing in flight`)
  if (session.step === 'cashier' && !cashierOpen(app)) violated(where, 'the session waits for a cashier that is not open')
  if (session.step === 'done') {
    const o = orders.find((x) => x.orderId === session.orderId)
    if (!o) violated(where, `the session shows ${session.orderId}, which the backend does not have`)
    if (session.outcome === 'success' && !isPaidState(o.state)) violated(where, `缴费成功 shown for ${o.orderId}, which is ${o.state}`)
    if ((session.outcome === 'failed' || session.outcome === 'cancelled') && isPaidState(o.state)) violated(where, `${session.outcome} shown for ${o.orderId}, which is ${o.state}`)
  }
  if (session.step === 'error' && !session.error.message) violated(where, `error ${session.error.code} has no message`)
  const seen = session.step === 'done' ? session.outcome : session.step === 'error' ? `error:${session.error.code}` : undefined
  if (seen) world.stats.outcomes[seen] = 1
}

// ---- what a command can do ------------------------------------------------------------------

const lookupRequest = (who: Who) => (who === 'self' ? { mode: 'self' as const } : lookupOf(who))

function choices(due: DueItemsResponse): Selection[] {
  const out: Selection[] = (due.resident?.years ?? []).map((y) => ({ kind: 'resident' as const, coverageYear: y.coverageYear }))
  const f = due.flexible
  if (f) {
    const months = f.months.map((m) => m.month)
    for (const tier of f.tiers.slice(0, 2)) {
      for (let n = 1; n <= Math.min(3, months.length); n++) out.push({ kind: 'flexible', months: months.slice(0, n), tierCode: tier.code })
    }
    // Not contiguous from the earliest month: the backend must refuse it.
    if (months.length > 1) out.push({ kind: 'flexible', months: months.slice(1, 2), tierCode: f.defaultTierCode })
  }
  return out
}

/** The app is killed and opened again: a new store and controller on the same storage, then restore(). */
async function restart(world: World, reloadMock: boolean, sleep: SleepMode, where: string): Promise<void> {
  if (world.app.parked.length > 0 || isPaymentBusy(world.app.store.get().flow.payment)) world.stats.killedMidFlight += 1
  world.app.parked = [] // abandoned: the dead process never hears back
  if (reloadMock) world.mock = world.makeMock({ clock: () => world.clock.now, storage: world.storage, latencyMs: 0 })
  const before = readPending(world)
  const app = createApp(world)
  world.app = app
  app.sleepMode = sleep
  const result: { restored?: boolean } = {}
  await act(world, async () => {
    result.restored = await app.controller.restore()
  })
  const { restored } = result
  if (app.payCalls > 0) violated(where, 'restore() opened the cashier')
  const session = app.store.get().flow.payment
  if (before?.orderId) {
    // 5. No order is lost across a restart: the saved order is found, whatever else happened.
    if (session.step === 'idle' || session.orderId !== before.orderId) violated(where, `restore() did not find the saved order ${before.orderId} (session ${JSON.stringify(session)})`)
    world.stats.restoredSavedOrder += 1
  } else if (before) {
    const byKey = world.mock.inspect.orders().find((o) => o.idempotencyKey === before.key)
    if (restored === true && byKey) world.stats.restoredByKey += 1
    if (restored === true && byKey && session.step !== 'idle' && session.orderId !== byKey.orderId) violated(where, `restore() settled on ${session.orderId} but the saved key made ${byKey.orderId}`)
    if (restored === false && !readPending(world)) violated(where, 'restore() gave up and the pending record is gone')
  }
}

async function completeAtCashier(world: World, start: StartPaymentResponse, action: 'pay' | 'cancel', fault: CashierFault | undefined) {
  const { outcome, taken } = await throughCashier(world.mock, start.attemptId, action, fault)
  if (taken) {
    world.stats.cashierPaid += 1
    world.chargedFen += start.amountFen
    const order = world.mock.inspect.orders().find((o) => o.orderId === start.order.orderId)!
    for (const period of periodsOf(order)) world.charges.set(period, (world.charges.get(period) ?? 0) + 1)
  }
  return outcome
}

// ---- commands -------------------------------------------------------------------------------

type Model = object
type Cmd = fc.AsyncCommand<Model, World>

abstract class Base implements Cmd {
  abstract label(): string
  abstract exec(world: World, where: string): Promise<void>
  check(): boolean {
    return true
  }
  async run(_m: Model, world: World): Promise<void> {
    world.steps += 1
    const where = `step ${world.steps} ${this.label()}`
    await this.exec(world, where)
    checkWorld(world, where)
  }
  toString(): string {
    return this.label()
  }
}

/** A UI tap: impossible while WeChat's cashier is up (it is modal). */
abstract class Tap extends Base {
  constructor(readonly sleep: SleepMode) {
    super()
  }
  abstract tap(app: App, world: World, where: string): Promise<void>
  async exec(world: World, where: string) {
    const app = world.app
    if (cashierOpen(app)) return
    app.sleepMode = this.sleep
    await this.tap(app, world, where)
  }
}

class Lookup extends Tap {
  constructor(readonly who: Who, sleep: SleepMode) {
    super(sleep)
  }
  label() {
    return `lookup(${this.who},${this.sleep})`
  }
  async tap(app: App, world: World) {
    // 本人缴费 / 代他人缴费 from the home page: a new journey, then the lookup (also how the payer is switched).
    app.store.startJourney(this.who === 'self' ? 'self' : 'other')
    await act(world, () => app.controller.lookup(lookupRequest(this.who)))
  }
}

class Select extends Tap {
  constructor(readonly pick: number) {
    super('advance')
  }
  label() {
    return `select(${this.pick})`
  }
  async tap(app: App) {
    const { due } = app.store.get()
    if (!due) return
    const all = choices(due)
    if (all.length) app.store.dispatch({ type: 'selected', selection: all[this.pick % all.length] })
  }
}

/** The 确认缴费 page renders (not StaleFlow) only with a payer, their due items and a priced selection. */
function confirmPageShows(app: App): boolean {
  const { payer, due, flow } = app.store.get()
  return !!payer && !!due && !!summarise(due, flow.selection)
}

/** Some page offers 确认缴费 / 重试 / 继续支付, which all call confirm(). */
function confirmVisible(app: App): boolean {
  const session = app.store.get().flow.payment
  return confirmPageShows(app) || session.step === 'error' || (session.step === 'done' && session.outcome === 'cancelled')
}

class Confirm extends Tap {
  constructor(readonly times: 1 | 2, sleep: SleepMode) {
    super(sleep)
  }
  label() {
    return `${this.times === 2 ? 'doubleConfirm' : 'confirm'}(${this.sleep})`
  }
  async tap(app: App, world: World) {
    if (!confirmVisible(app)) return
    await act(world, async () => (this.times === 2 ? Promise.all([app.controller.confirm(), app.controller.confirm()]) : app.controller.confirm()))
  }
}

/** Back from the pay page to 确认缴费, the same selection picked again, 确认缴费 again. */
class BackConfirm extends Tap {
  label() {
    return `backThenConfirm(${this.sleep})`
  }
  async tap(app: App, world: World) {
    if (!confirmPageShows(app)) return
    const { selection } = app.store.get().flow
    app.store.dispatch({ type: 'selected', selection: selection && (JSON.parse(JSON.stringify(selection)) as Selection) })
    await act(world, async () => app.controller.confirm())
  }
}

class Retry extends Tap {
  label() {
    return `retry(${this.sleep})`
  }
  async tap(app: App, world: World) {
    // 重新支付 is on the pay page only when the order shown failed.
    if (app.store.get().order?.state !== 'failed') return
    await act(world, () => app.controller.retry())
  }
}

class Refresh extends Tap {
  label() {
    return `refresh(${this.sleep})`
  }
  async tap(app: App, world: World) {
    await act(world, () => app.controller.refresh())
  }
}

/** The home page shown again (useDidShow → restore()) on the live app. */
class Home extends Tap {
  label() {
    return `homeShown(${this.sleep})`
  }
  async tap(app: App, world: World, where: string) {
    const pays = app.payCalls
    await act(world, () => app.controller.restore())
    if (app.payCalls !== pays) violated(where, 'restore() opened the cashier')
  }
}

type CashierAction = 'pay' | 'cancel' | 'wechat_error' | 'pay_then_killed'

class Cashier extends Base {
  constructor(readonly action: CashierAction, readonly fault: CashierFault | undefined, readonly sleep: SleepMode) {
    super()
  }
  label() {
    return `cashier(${this.action}${this.fault ? `,${this.fault}` : ''},${this.sleep})`
  }
  async exec(world: World, where: string) {
    const app = world.app
    // The cashier on top (the last opened) is the one the person sees.
    const index = app.parked.map((p) => p.kind).lastIndexOf('pay')
    if (index < 0) return
    const parked = app.parked.splice(index, 1)[0] as Extract<Parked, { kind: 'pay' }>
    app.sleepMode = this.sleep
    if (this.action === 'wechat_error') {
      // requestPayment failed before anything was paid.
      parked.resolve({ outcome: 'fail', errMsg: 'requestPayment:fail system error' })
    } else if (this.action === 'pay_then_killed') {
      // Paid in WeChat; the app was killed before it heard back.
      await completeAtCashier(world, parked.start, 'pay', this.fault)
      await restart(world, false, this.sleep, where)
      return
    } else {
      const outcome = await completeAtCashier(world, parked.start, this.action, this.fault)
      parked.resolve({ outcome: outcome.result, errMsg: outcome.errMsg })
    }
    await settle()
  }
}

/** The back-off timers fire (a poll loop, or the create retries, carry on). */
class Wake extends Base {
  constructor(readonly sleep: SleepMode) {
    super()
  }
  label() {
    return `wake(${this.sleep})`
  }
  async exec(world: World) {
    const app = world.app
    const sleeps = app.parked.filter((p): p is Extract<Parked, { kind: 'sleep' }> => p.kind === 'sleep')
    if (!sleeps.length) return
    app.parked = app.parked.filter((p) => p.kind !== 'sleep')
    app.sleepMode = this.sleep
    if (this.sleep === 'advance') world.clock.now += Math.max(...sleeps.map((s) => s.ms))
    sleeps.forEach((s) => s.resolve())
    await settle()
  }
}

/** A request on a slow network finally ends: its answer arrives, or is lost. */
class Release extends Base {
  constructor(readonly deliver: boolean, readonly sleep: SleepMode) {
    super()
  }
  label() {
    return `release(${this.deliver ? 'deliver' : 'lose'},${this.sleep})`
  }
  async exec(world: World) {
    const app = world.app
    const index = app.parked.findIndex((p) => p.kind === 'call')
    if (index < 0) return
    const call = app.parked.splice(index, 1)[0] as Extract<Parked, { kind: 'call' }>
    app.sleepMode = this.sleep
    call.release(this.deliver)
    await settle()
  }
}

export const FAULT_METHODS = ['lookupPayer', 'listDueItems', 'createOrder', 'startPayment', 'queryOrder'] as const satisfies readonly Method[]

class Fault extends Base {
  constructor(readonly method: (typeof FAULT_METHODS)[number], readonly kind: AnyFault) {
    super()
  }
  label() {
    return `fault(${this.method},${this.kind})`
  }
  async exec(world: World) {
    if (this.kind === 'hang_before' || this.kind === 'hang_after') world.hangs.push({ method: this.method, kind: this.kind })
    else world.mock.faults.inject({ method: this.method, kind: this.kind })
  }
}

class Advance extends Base {
  constructor(readonly ms: number) {
    super()
  }
  label() {
    return `advance(${this.ms / 1000}s)`
  }
  async exec(world: World) {
    world.clock.now += this.ms
  }
}

class Restart extends Base {
  constructor(readonly reloadMock: boolean, readonly sleep: SleepMode) {
    super()
  }
  label() {
    return `restart(${this.reloadMock ? 'mock reloaded from storage' : 'same mock'},${this.sleep})`
  }
  async exec(world: World, where: string) {
    await restart(world, this.reloadMock, this.sleep, where)
  }
}

// ---- the generator --------------------------------------------------------------------------

const sleepMode = fc.constantFrom<SleepMode>('advance', 'advance', 'frozen', 'park')
const faultKind = fc.constantFrom<AnyFault>('error', 'timeout', 'lost_response', 'malformed', 'duplicate', 'hang_before', 'hang_after')

const cashierAction = fc.constantFrom<CashierAction>('pay', 'pay', 'pay', 'cancel', 'cancel', 'wechat_error', 'pay_then_killed')
const cashierFault = fc.constantFrom<CashierFault | undefined>(undefined, undefined, undefined, 'cancel_but_paid', 'late_notification')

/** One command, weighted so that most sessions get as far as paying (and then beyond). */
export const command: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...WHO), sleepMode).map(([w, s]): Cmd => new Lookup(w, s)) },
  { weight: 1, arbitrary: fc.nat({ max: 7 }).map((n): Cmd => new Select(n)) },
  { weight: 4, arbitrary: sleepMode.map((s): Cmd => new Confirm(1, s)) },
  { weight: 1, arbitrary: sleepMode.map((s): Cmd => new Confirm(2, s)) },
  { weight: 1, arbitrary: sleepMode.map((s): Cmd => new BackConfirm(s)) },
  { weight: 6, arbitrary: fc.tuple(cashierAction, cashierFault, sleepMode).map(([a, f, s]): Cmd => new Cashier(a, f, s)) },
  { weight: 1, arbitrary: sleepMode.map((s): Cmd => new Retry(s)) },
  { weight: 1, arbitrary: sleepMode.map((s): Cmd => new Refresh(s)) },
  { weight: 1, arbitrary: sleepMode.map((s): Cmd => new Home(s)) },
  { weight: 2, arbitrary: sleepMode.map((s): Cmd => new Wake(s)) },
  { weight: 1, arbitrary: fc.tuple(fc.boolean(), sleepMode).map(([d, s]): Cmd => new Release(d, s)) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...FAULT_METHODS), faultKind).map(([m, k]): Cmd => new Fault(m, k)) },
  { weight: 1, arbitrary: fc.constantFrom(1_000, 6_000, 61_000, 16 * 60_000, 2 * 3_600_000, 25 * 3_600_000).map((ms): Cmd => new Advance(ms)) },
  { weight: 2, arbitrary: fc.tuple(fc.boolean(), sleepMode).map(([r, s]): Cmd => new Restart(r, s)) },
  ...familyCommands(checkWorld),
)

/**
 * A session: someone to pay for first (most sessions, like most people, start by looking someone
 * up), then anything at all.
 */
export const sessions = (maxCommands = 40) =>
  fc.record({
    first: fc.tuple(fc.constantFrom<Who>('self', 'p06', 'p10', 'p11', 'p12', 'p03'), sleepMode).map(([w, s]) => new Lookup(w, s)),
    then: fc.commands([command], { maxCommands, size: 'max' }),
  })

export type Session = { first: Cmd; then: Iterable<Cmd> }

/** The commands by name, for hand-written sessions. */
export const cmd = {
  lookup: (who: Who, sleep: SleepMode = 'advance'): Cmd => new Lookup(who, sleep),
  select: (pick: number): Cmd => new Select(pick),
  confirm: (sleep: SleepMode = 'advance'): Cmd => new Confirm(1, sleep),
  doubleConfirm: (sleep: SleepMode = 'advance'): Cmd => new Confirm(2, sleep),
  backThenConfirm: (sleep: SleepMode = 'advance'): Cmd => new BackConfirm(sleep),
  cashier: (action: CashierAction, fault?: CashierFault, sleep: SleepMode = 'advance'): Cmd => new Cashier(action, fault, sleep),
  retry: (sleep: SleepMode = 'advance'): Cmd => new Retry(sleep),
  refresh: (sleep: SleepMode = 'advance'): Cmd => new Refresh(sleep),
  home: (sleep: SleepMode = 'advance'): Cmd => new Home(sleep),
  wake: (sleep: SleepMode = 'advance'): Cmd => new Wake(sleep),
  release: (deliver: boolean, sleep: SleepMode = 'advance'): Cmd => new Release(deliver, sleep),
  fault: (method: (typeof FAULT_METHODS)[number], kind: AnyFault): Cmd => new Fault(method, kind),
  advance: (ms: number): Cmd => new Advance(ms),
  restart: (reloadMock = false, sleep: SleepMode = 'advance'): Cmd => new Restart(reloadMock, sleep),
  familyCreate: (ids: Parameters<typeof familyCmd.create>[1], reuseKey = false): Cmd => familyCmd.create(checkWorld, ids, reuseKey),
  familyStart: (pick = 0): Cmd => familyCmd.start(checkWorld, pick),
  familyCashier: (action: 'pay' | 'cancel' = 'pay', fault?: CashierFault): Cmd => familyCmd.cashier(checkWorld, action, fault),
}

// ---- winding down ---------------------------------------------------------------------------

/** The person stops playing: pending things finish, time passes, and everything must settle. */
export async function windDown(world: World): Promise<void> {
  world.mock.faults.clear()
  world.hangs = []
  const app = world.app
  app.sleepMode = 'advance'
  for (let round = 0; app.parked.length > 0; round++) {
    if (round > 20) violated('wind-down', `the app never comes to rest: ${app.parked.map((p) => p.kind).join(', ')}`)
    const next = app.parked.shift()!
    if (next.kind === 'sleep') {
      world.clock.now += next.ms
      next.resolve()
    } else if (next.kind === 'call') next.release(true)
    else {
      // The person closes the cashier without paying.
      const outcome = await completeAtCashier(world, next.start, 'cancel', undefined)
      next.resolve({ outcome: outcome.result, errMsg: outcome.errMsg })
    }
    await settle()
  }
  checkWorld(world, 'wind-down: at rest')
  await settleUnconfirmed(world, 'wind-down')

  // Reopened later: the saved order (if any) is found, and it too settles.
  await restart(world, false, 'advance', 'wind-down: restart')
  checkWorld(world, 'wind-down: after restart')
  await settleUnconfirmed(world, 'wind-down after restart')

  // Days later: late results have confirmed, refunds are done, unfinished attempts have lapsed.
  world.clock.now += 3 * 24 * 3_600_000
  checkWorld(world, 'wind-down: three days later')
  const orders = world.mock.inspect.orders()
  for (const o of [...orders, ...world.mock.inspect.familyOrders().map((f) => ({ ...f, orderId: f.familyOrderId }))]) {
    if (o.state === 'paying' || o.state === 'reversing') violated('three days later', `${o.orderId} is still ${o.state}`)
  }
  const paid = new Map<string, number>()
  const refunded = new Map<string, number>()
  for (const o of orders) {
    if (o.idempotencyKey.startsWith('seed_')) continue
    const bucket = isPaidState(o.state) ? paid : o.state === 'refunded' ? refunded : undefined
    if (bucket) for (const period of periodsOf(o)) bucket.set(period, (bucket.get(period) ?? 0) + 1)
  }
  for (const [period, count] of world.charges) {
    const booked = (paid.get(period) ?? 0) + (refunded.get(period) ?? 0)
    if (count !== booked) violated('three days later', `${period} was charged ${count}× but ${paid.get(period) ?? 0} paid + ${refunded.get(period) ?? 0} refunded`)
  }
  const ledger = world.mock.inspect.ledger()
  if (ledger.refundPendingFen !== 0) violated('three days later', `${ledger.refundPendingFen} fen still being refunded`)
}

/** 结果确认中 is allowed as an end, but a refresh after time has passed must settle it. */
async function settleUnconfirmed(world: World, where: string): Promise<void> {
  const app = world.app
  const session = app.store.get().flow.payment
  if (isPaymentBusy(session)) violated(where, `the session did not come to rest: ${session.step}`)
  if (session.step !== 'done' || session.outcome !== 'unconfirmed') return
  world.clock.now += 16 * 60_000
  app.sleepMode = 'frozen'
  await act(world, () => app.controller.refresh())
  const after = app.store.get().flow.payment
  if (after.step !== 'done' || after.outcome === 'unconfirmed') violated(where, `refresh() after 16 minutes left the session at ${JSON.stringify(after)}`)
  checkWorld(world, `${where}: refreshed`)
}

/** One generated session, start to finish. */
export async function runSession(session: Session, makeMock?: MockFactory): Promise<Stats> {
  const world = createWorld(makeMock)
  await session.first.run({}, world)
  await fc.asyncModelRun(() => ({ model: {}, real: world }), session.then)
  await windDown(world)
  return world.stats
}
