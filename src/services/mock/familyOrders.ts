/**
 * 全部缴纳: one family order over several people's orders. Each item is an ordinary stored order
 * (familyOrderId set) that holds its person-period like any other and is booked on its own once
 * the money is in; the family order holds the one payment attempt over the items' sum. Items
 * follow the family order's state until the money is in, so the live-order rule (holdsPeriod)
 * sees them as it sees any order.
 */
import type { FamilyOrderView, OrderSelection, RequestOf, ResponseOf } from '../../contract'
import { BACKEND_MESSAGES, FAIL_REASONS } from '../../domain/backendMessages'
import { assertTransition, canStartPayment, holdsPeriod, isPaidState, type OrderState } from '../../domain/orderState'
import { regionOfPerson } from '../../domain/personBooks'
import type { Clock } from '../../domain/time'
import { fail, MockError } from './errors'
import { demoPayParams, overlaps, type MockDelays, type Orders } from './orders'
import { personForRef, personOf, type People } from './people'
import type { DemoPerson } from './registry'
import type { MockStore, StoredAttempt, StoredFamilyOrder, StoredOrder } from './state'

type FamilyMethod = 'createFamilyOrder' | 'startFamilyPayment' | 'queryFamilyOrder' | 'familyCashierReturned'
export type FamilyHandlers = { [M in FamilyMethod]: (request: RequestOf<M>) => ResponseOf<M> }

/** Runs one item's checks; a refusal then names the person it is about. */
function naming<T>(payerRef: string, check: () => T): T {
  try {
    return check()
  } catch (error) {
    if (error instanceof MockError) throw new MockError({ ...error.body, payerRef })
    throw error
  }
}

/** The request's items in a canonical form, so a retry is told from a reused key. */
function requestedItems(items: { person: DemoPerson; selection: OrderSelection }[]): string {
  return JSON.stringify(
    items.map(({ person, selection }) => [person.id, selection.kind === 'resident' ? [selection.coverageYear] : [selection.months, selection.tierCode]]),
  )
}

export function createFamilyOrders(deps: { clock: Clock; delays: MockDelays; store: MockStore; people: People; orders: Orders }) {
  const { clock, delays, store, people, orders } = deps
  const find = (familyOrderId: string) => store.state.familyOrders.find((f) => f.familyOrderId === familyOrderId)
  const itemsOf = (f: StoredFamilyOrder) => f.itemOrderIds.map((id) => orders.find(id)!)
  const attemptOf = (f: StoredFamilyOrder) => store.state.attempts.find((a) => a.attemptId === f.currentAttemptId)
  const sum = (items: StoredOrder[]) => items.reduce((total, o) => total + o.amountFen, 0)
  const isReturned = (o: StoredOrder) => o.state === 'reversing' || o.state === 'refunded'

  function view(f: StoredFamilyOrder): FamilyOrderView {
    const items = itemsOf(f)
    return {
      familyOrderId: f.familyOrderId,
      state: f.state,
      amountFen: sum(items),
      items: items.map(orders.view),
      refundFen: sum(items.filter(isReturned)),
      createdAt: f.createdAt,
      updatedAt: f.updatedAt,
      paidAt: f.paidAt,
      failReason: f.failReason,
      // Only when no item became a payment did the money taken not become one.
      moneyTaken: items.every(isReturned),
      attempts: f.attempts,
    }
  }

  /** The family order and its items move together until the money is in. */
  function setState(f: StoredFamilyOrder, to: OrderState, at: number): void {
    assertTransition(f.state, to)
    f.state = to
    f.updatedAt = at
    for (const item of itemsOf(f)) orders.setState(item, to, at)
  }

  /** The money is in: each person's item is booked on its own; a refused booking returns that item's amount alone. */
  function markPaid(f: StoredFamilyOrder, at: number): void {
    assertTransition(f.state, 'paid')
    f.state = 'paid'
    f.updatedAt = at
    f.paidAt = at
    f.failReason = undefined
    f.lateConfirmAt = undefined
    const attempt = attemptOf(f)
    if (attempt) attempt.state = 'paid'
    for (const item of itemsOf(f)) {
      if (personOf(item.personId).behaviour !== 'debit_reversed') {
        orders.markPaid(item, at)
        continue
      }
      orders.setState(item, 'reversing', at)
      item.moneyTaken = true
      item.reversingSince = at
      item.failReason = FAIL_REASONS.notBooked
    }
  }

  /**
   * An unpaid order without a running attempt gives its period up to a new order. An item gives
   * up its whole family order: the others cannot be paid as asked without it.
   */
  function takeOver(holder: StoredOrder, at: number): void {
    const family = holder.familyOrderId === undefined ? undefined : find(holder.familyOrderId)
    if (family) {
      if (family.state !== 'closed') setState(family, 'closed', at)
    } else orders.setState(holder, 'closed', at)
  }

  /** createOrder's rule for one person-period, a family order's item naming its person. */
  function checkItem(person: DemoPerson, selection: OrderSelection): StoredOrder | undefined {
    const holder = people.ordersOf(person).find((o) => holdsPeriod(o.state) && overlaps(o.selection, selection))
    if (!holder) return undefined
    if (isPaidState(holder.state)) return fail('ALREADY_PAID', BACKEND_MESSAGES.alreadyPaid, holder.orderId)
    if (holder.state === 'reversing') return fail('PAYMENT_LOCKED', BACKEND_MESSAGES.locked, holder.orderId)
    if (holder.state === 'paying') return fail('IN_OTHER_ORDER', BACKEND_MESSAGES.inOtherOrder, holder.orderId)
    return holder
  }

  function findOrFail(familyOrderId: string): StoredFamilyOrder {
    return find(familyOrderId) ?? fail('ORDER_NOT_FOUND', BACKEND_MESSAGES.orderNotFound)
  }

  const handlers: FamilyHandlers = {
    createFamilyOrder({ idempotencyKey, items }) {
      const asked = items.map((item) => ({ payerRef: item.payerRef, person: naming(item.payerRef, () => personForRef(item.payerRef)), selection: item.selection }))
      const requested = requestedItems(asked)
      const existing = store.state.familyOrders.find((f) => f.idempotencyKey === idempotencyKey)
      if (existing) return existing.requested === requested ? view(existing) : fail('INVALID_REQUEST', BACKEND_MESSAGES.duplicateKey)
      // Every item is checked before anything changes: a refusal leaves the other orders as they were.
      const familyOrderId = orders.newId('FO')
      const checked = asked.map(({ payerRef, person, selection }, i) =>
        naming(payerRef, () => ({
          replaced: checkItem(person, selection),
          item: { ...orders.build(person, selection, `${idempotencyKey}.${i}`), familyOrderId },
        })),
      )
      const now = clock()
      for (const { replaced } of checked) if (replaced && replaced.state !== 'closed') takeOver(replaced, now)
      const family: StoredFamilyOrder = {
        familyOrderId, idempotencyKey, requested, itemOrderIds: checked.map(({ item }) => item.orderId),
        state: 'pending', createdAt: now, updatedAt: now, attempts: 0,
      }
      store.state.orders.push(...checked.map(({ item }) => item))
      store.state.familyOrders.push(family)
      return view(family)
    },

    startFamilyPayment({ familyOrderId }) {
      const f = findOrFail(familyOrderId)
      if (isPaidState(f.state)) return fail('ALREADY_PAID', BACKEND_MESSAGES.alreadyPaid)
      let attempt = attemptOf(f)
      if (!(f.state === 'paying' && attempt?.state === 'open')) {
        if (!canStartPayment(f.state)) return fail('ORDER_NOT_PAYABLE', BACKEND_MESSAGES.orderClosed)
        const items = itemsOf(f)
        attempt = { attemptId: orders.newId('PA'), orderId: familyOrderId, state: 'open', startedAt: clock(), amountFen: sum(items) }
        store.state.attempts.push(attempt)
        f.currentAttemptId = attempt.attemptId
        f.attempts += 1
        f.failReason = undefined
        for (const item of items) {
          item.attempts = f.attempts
          item.failReason = undefined
        }
        setState(f, 'paying', clock())
      }
      const payees = new Set(itemsOf(f).map((o) => regionOfPerson(personOf(o.personId)).taxAuthority))
      return {
        attemptId: attempt.attemptId,
        amountFen: attempt.amountFen,
        payee: [...payees].join('、'),
        cashier: 'demo',
        payParams: demoPayParams(attempt),
        familyOrder: view(f),
      }
    },

    queryFamilyOrder: ({ familyOrderId }) => view(findOrFail(familyOrderId)),

    // The mock's cashier already moved the order when the person cancelled or was refused there.
    familyCashierReturned: ({ familyOrderId }) => view(findOrFail(familyOrderId)),
  }

  /**
   * The cashier's debit of a family attempt that was not cancelled: refused when any person's
   * card is (the demo's 余额不足 person), confirmed late when any person's result is late.
   */
  function debit(f: StoredFamilyOrder, attempt: StoredAttempt, lateNotification: boolean): 'failed' | 'taken' {
    const now = clock()
    const behaviours = itemsOf(f).map((o) => personOf(o.personId).behaviour)
    if (behaviours.includes('insufficient_funds')) {
      attempt.state = 'failed'
      setState(f, 'failed', now)
      f.failReason = FAIL_REASONS.insufficientFunds
      for (const item of itemsOf(f)) item.failReason = FAIL_REASONS.insufficientFunds
      return 'failed'
    }
    if (behaviours.includes('late') || lateNotification) f.lateConfirmAt = now + delays.lateConfirmMs
    else markPaid(f, now)
    return 'taken'
  }

  /** The backend's clock on family orders: late results, lapsed attempts, expiry (items' own booking is orders.advance's). */
  function advance(): boolean {
    const now = clock()
    let changed = false
    for (const f of store.state.familyOrders) {
      const attempt = attemptOf(f)
      if (f.state === 'paying' && f.lateConfirmAt !== undefined && f.lateConfirmAt <= now) {
        markPaid(f, f.lateConfirmAt)
        changed = true
      }
      if (f.state === 'paying' && f.lateConfirmAt === undefined && attempt?.state === 'open' && attempt.startedAt + delays.attemptExpiryMs <= now) {
        attempt.state = 'expired'
        setState(f, 'pending', now)
        changed = true
      }
      if ((f.state === 'pending' || f.state === 'failed') && f.updatedAt + delays.pendingExpiryMs <= now) {
        setState(f, 'closed', now)
        changed = true
      }
    }
    return changed
  }

  return { handlers, find, setState, debit, takeOver, advance }
}

export type FamilyOrders = ReturnType<typeof createFamilyOrders>
