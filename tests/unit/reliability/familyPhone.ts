/**
 * The sessions' second phone: another family member paying 全部缴纳 (one family order over 2–5
 * people, one payment) against the same mock while the app's session runs. Its commands
 * interleave with the app's, so a person can be in the app's order and in a family order at the
 * same time, which the live-order rule must sort out. It calls the backend the way the app does
 * and goes to the mock's cashier by attemptId; a refused booking comes from 欧阳娜娜 (p12, her
 * debit is reversed) and a refused debit from 孙丽 (p10), both in the pool.
 */
import fc from 'fast-check'
import { BackendError, type FamilyOrderItemRequest, type StartFamilyPaymentResponse } from '@/contract'
import { createBackend } from '@/contract/schemas'
import type { CashierFault } from '@/services/mock/cashier'
import { payerRefOf } from '@/services/mock/people'
import { findPersonById } from '@/services/mock/registry'
import type { TestMock } from '@/services/mock/testMock'

/** Residents with the 2027 year payable (the sessions' START is in its window). */
const POOL = ['p01', 'p06', 'p11', 'p12', 'p08', 'p09', 'p10'] as const
const COVERAGE_YEAR = 2027

export interface FamilyPhone {
  familyOrderIds: string[]
  lastKey?: string
  /** The family cashier open on the second phone, if any. */
  cashier?: StartFamilyPaymentResponse
}

/** What the world must offer the second phone (sessionModel's World has all of it). */
export interface FamilyWorld {
  mock: TestMock
  family: FamilyPhone
  chargedFen: number
  charges: Map<string, number>
  steps: number
  stats: { familyPaid: number; bookingRefused: number }
}

/** The world's invariants, checked after each command. */
type Check<W> = (world: W, where: string) => void

export const newFamilyPhone = (): FamilyPhone => ({ familyOrderIds: [] })

/** Each person-period an order holds, as `personId:period`. */
export function periodsOf(o: { personId: string; selection: { kind: 'resident'; coverageYear: number } | { kind: 'flexible'; months: string[] } }): string[] {
  return o.selection.kind === 'resident' ? [`${o.personId}:${o.selection.coverageYear}`] : o.selection.months.map((m) => `${o.personId}:${m}`)
}

/** Money taken whose confirmation is still on its way: a person's order or a family order (the sum of its items). */
export function lateConfirmingFen(mock: TestMock): number {
  const orders = mock.inspect.orders()
  const single = orders.filter((o) => o.state === 'paying' && o.lateConfirmAt !== undefined).reduce((t, o) => t + o.amountFen, 0)
  const families = mock.inspect.familyOrders().filter((f) => f.state === 'paying' && f.lateConfirmAt !== undefined)
  const items = families.flatMap((f) => orders.filter((o) => f.itemOrderIds.includes(o.orderId)))
  return single + items.reduce((t, o) => t + o.amountFen, 0)
}

/**
 * Completes an attempt at the mock's cashier with an optional cashier fault, leaving the
 * transport faults queued for the app as they were; says whether WeChat took the money.
 */
export async function throughCashier(mock: TestMock, attemptId: string, action: 'pay' | 'cancel', fault: CashierFault | undefined) {
  const queued = mock.faults.pending()
  if (fault) mock.cashier.inject(fault)
  const outcome = await mock.cashier.complete(attemptId, action)
  // An unused cashier fault must not leak into a later payment: keep only the transport faults.
  mock.faults.clear()
  queued.forEach((f) => mock.faults.inject(f))
  const taken = outcome.result === 'ok' || (outcome.result === 'cancel' && action === 'cancel' && fault === 'cancel_but_paid')
  return { outcome, taken }
}

// The second phone's calls go past the fault injector (its methods are not among the faulted ones).
const backendOf = (world: FamilyWorld) => createBackend({ call: (method, request) => world.mock.transport.call(method, request) })

/** Expected refusals are the backend's answers; anything else (a throw, a bad answer) is a defect. */
async function answered<T>(call: Promise<T>): Promise<T | BackendError> {
  try {
    return await call
  } catch (error) {
    if (error instanceof BackendError && error.code !== 'BAD_RESPONSE' && error.code !== 'SERVER') return error
    throw error
  }
}

abstract class FamilyCmd<W extends FamilyWorld> implements fc.AsyncCommand<object, W> {
  constructor(readonly invariants: Check<W>) {}
  abstract label(): string
  abstract exec(world: FamilyWorld): Promise<void>
  /** fast-check's precondition: the second phone may always act. */
  check(): boolean {
    return true
  }
  async run(_m: object, world: W): Promise<void> {
    world.steps += 1
    await this.exec(world)
    this.invariants(world, `step ${world.steps} ${this.label()}`)
  }
  toString(): string {
    return this.label()
  }
}

/** 全部缴纳 over the picked people, then its payment; a person the backend names (paid, locked, in another order) is left out and the rest asked again. */
class FamilyCreate<W extends FamilyWorld> extends FamilyCmd<W> {
  constructor(invariants: Check<W>, readonly picks: number[], readonly reuseKey: boolean) {
    super(invariants)
  }
  label() {
    return `familyCreate(${this.picks.map((i) => POOL[i]).join('+')}${this.reuseKey ? ',same key' : ''})`
  }
  async exec(world: FamilyWorld) {
    const phone = world.family
    const key = this.reuseKey && phone.lastKey ? phone.lastKey : `fk_${Math.random().toString(36).slice(2, 12)}`
    phone.lastKey = key
    let items: FamilyOrderItemRequest[] = this.picks.map((i) => ({ payerRef: payerRefOf(findPersonById(POOL[i])!), selection: { kind: 'resident', coverageYear: COVERAGE_YEAR } }))
    while (items.length > 0) {
      const result = await answered(backendOf(world).createFamilyOrder({ idempotencyKey: key, items }))
      if (!(result instanceof BackendError)) {
        if (!phone.familyOrderIds.includes(result.familyOrderId)) phone.familyOrderIds.push(result.familyOrderId)
        // One confirm page, then the payment: the cashier opens at once (an open one is left behind).
        const started = await answered(backendOf(world).startFamilyPayment({ familyOrderId: result.familyOrderId }))
        if (!(started instanceof BackendError)) phone.cashier = started
        return
      }
      if (!result.payerRef) return
      items = items.filter((item) => item.payerRef !== result.payerRef)
    }
  }
}

class FamilyStart<W extends FamilyWorld> extends FamilyCmd<W> {
  constructor(invariants: Check<W>, readonly pick: number) {
    super(invariants)
  }
  label() {
    return `familyStart(${this.pick})`
  }
  async exec(world: FamilyWorld) {
    const ids = world.family.familyOrderIds
    if (ids.length === 0) return
    const started = await answered(backendOf(world).startFamilyPayment({ familyOrderId: ids[this.pick % ids.length] }))
    if (!(started instanceof BackendError)) world.family.cashier = started
  }
}

class FamilyCashier<W extends FamilyWorld> extends FamilyCmd<W> {
  constructor(invariants: Check<W>, readonly action: 'pay' | 'cancel', readonly fault: CashierFault | undefined) {
    super(invariants)
  }
  label() {
    return `familyCashier(${this.action}${this.fault ? `,${this.fault}` : ''})`
  }
  async exec(world: FamilyWorld) {
    const start = world.family.cashier
    if (!start) return
    world.family.cashier = undefined
    const { outcome, taken } = await throughCashier(world.mock, start.attemptId, this.action, this.fault)
    const { familyOrderId } = start.familyOrder
    if (taken) {
      world.chargedFen += start.amountFen
      const items = world.mock.inspect.orders().filter((o) => o.familyOrderId === familyOrderId)
      for (const period of items.flatMap(periodsOf)) world.charges.set(period, (world.charges.get(period) ?? 0) + 1)
    }
    // As the app: back from a cashier that did not say ok, it tells the backend; then it reads the order.
    const backend = backendOf(world)
    const after = await answered(outcome.result === 'ok' ? backend.queryFamilyOrder({ familyOrderId }) : backend.familyCashierReturned({ familyOrderId, result: outcome.result }))
    if (after instanceof BackendError) return
    if (after.state === 'paid') world.stats.familyPaid += 1
    if (after.refundFen > 0) world.stats.bookingRefused += 1
  }
}

const people = fc.uniqueArray(fc.nat({ max: POOL.length - 1 }), { minLength: 2, maxLength: 5 })
const cashierFault = fc.constantFrom<CashierFault | undefined>(undefined, undefined, undefined, 'cancel_but_paid', 'late_notification')

/** The second phone's commands, weighted for the session generator's `fc.oneof`. */
export function familyCommands<W extends FamilyWorld>(invariants: Check<W>) {
  const sameKey = fc.constantFrom(false, false, false, true)
  return [
    { weight: 1, arbitrary: fc.tuple(people, sameKey).map(([picks, reuse]) => new FamilyCreate(invariants, picks, reuse)) },
    { weight: 1, arbitrary: fc.nat({ max: 3 }).map((pick) => new FamilyStart(invariants, pick)) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom<'pay' | 'cancel'>('pay', 'pay', 'cancel'), cashierFault).map(([a, f]) => new FamilyCashier(invariants, a, f)) },
  ]
}

/** The family commands by name, for hand-written sessions. */
export const familyCmd = {
  create: <W extends FamilyWorld>(invariants: Check<W>, ids: (typeof POOL)[number][], reuseKey = false) => new FamilyCreate(invariants, ids.map((id) => POOL.indexOf(id)), reuseKey),
  start: <W extends FamilyWorld>(invariants: Check<W>, pick = 0) => new FamilyStart(invariants, pick),
  cashier: <W extends FamilyWorld>(invariants: Check<W>, action: 'pay' | 'cancel' = 'pay', fault?: CashierFault) => new FamilyCashier(invariants, action, fault),
}
