/** The mock's answer to each contract method, as the tax/insurance side would give it. */
import type { Method, RequestOf, ResponseOf } from '../../contract'
import { BACKEND_MESSAGES } from '../../domain/backendMessages'
import { parseIdDocument } from '../../domain/idDocument'
import { maskName } from '../../domain/mask'
import { canStartPayment, holdsPeriod, isPaidState } from '../../domain/orderState'
import { FLEXIBLE_ITEM, regionOfPerson, RESIDENT_ITEM } from '../../domain/personBooks'
import type { Clock } from '../../domain/time'
import { parsePersonName } from '../../domain/personName'
import { receiptOf } from '../../domain/receipt'
import { fail, MockError } from './errors'
import type { FamilyOrders } from './familyOrders'
import { demoPayParams, overlaps, sameSelection, type MockDelays, type Orders } from './orders'
import { payerView, personForRef, personOf, type People } from './people'
import type { PriceSelection } from './pricing'
import { DEMO_PEOPLE, SELF_PERSON_ID } from './registry'
import { SHARE_RETENTION_MS, type Shares } from './shares'
import type { MockStore, StoredShare } from './state'

export type Handlers = { [M in Method]: (request: RequestOf<M>) => ResponseOf<M> }

export interface HandlerDeps {
  clock: Clock
  delays: MockDelays
  store: MockStore
  people: People
  priceSelection: PriceSelection
  orders: Orders
  familyOrders: FamilyOrders
  shares: Shares
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { clock, delays, store, people, priceSelection, orders, familyOrders, shares } = deps
  const handlers: Handlers = {
    lookupPayer(request) {
      if (request.mode === 'self') return payerView(personOf(SELF_PERSON_ID))
      if (request.mode === 'ref') return payerView(personForRef(request.payerRef))
      const id = parseIdDocument(request.idType, request.idNumber, people.today())
      if (!id.ok) return fail('INVALID_REQUEST', id.message)
      const name = parsePersonName(request.name)
      if (!name.ok) return fail('INVALID_REQUEST', name.message)
      const person = DEMO_PEOPLE.find((p) => {
        if (p.idNumber !== id.doc.number) return false
        // 社会保障号码 is by law the citizen ID number, so it finds the same person.
        return p.idType === request.idType || request.idType === 'social_security'
      })
      if (!person || person.status === 'unregistered') return fail('NOT_REGISTERED', BACKEND_MESSAGES.notRegistered)
      if (name.name.toLowerCase() !== person.name.toLowerCase()) return fail('NAME_MISMATCH', BACKEND_MESSAGES.nameMismatch)
      if (person.status === 'employee') return fail('EMPLOYEE_COVERED', BACKEND_MESSAGES.employee)
      return payerView(person)
    },

    listDueItems: ({ payerRef }) => people.dueItems(personForRef(payerRef)),

    createOrder({ idempotencyKey, payerRef, selection }) {
      const existing = store.state.orders.find((o) => o.idempotencyKey === idempotencyKey)
      const person = personForRef(payerRef)
      if (existing) {
        if (existing.personId !== person.id) return fail('INVALID_REQUEST', BACKEND_MESSAGES.duplicateKey)
        return orders.view(existing)
      }
      const holder = people.ordersOf(person).find((o) => holdsPeriod(o.state) && overlaps(o.selection, selection))
      if (holder) {
        if (isPaidState(holder.state)) return fail('ALREADY_PAID', BACKEND_MESSAGES.alreadyPaid, holder.orderId)
        if (holder.state === 'reversing') return fail('PAYMENT_LOCKED', BACKEND_MESSAGES.locked, holder.orderId)
        if (holder.familyOrderId !== undefined) {
          // A family order's item is paid only through its family order: never handed back as this one.
          if (holder.state === 'paying') return fail('IN_OTHER_ORDER', BACKEND_MESSAGES.inOtherOrder, holder.orderId)
        } else if (sameSelection(holder.selection, selection) || holder.state === 'paying') {
          // The same person-period is already on an unpaid order: hand that one back, never a second.
          return orders.view(holder)
        }
        familyOrders.takeOver(holder, clock())
      }
      const order = orders.build(person, selection, idempotencyKey)
      store.state.orders.push(order)
      return orders.view(order)
    },

    startPayment({ orderId }) {
      const order = orders.find(orderId)
      if (!order) return fail('ORDER_NOT_FOUND', BACKEND_MESSAGES.orderNotFound)
      if (order.familyOrderId !== undefined) return fail('ORDER_NOT_PAYABLE', BACKEND_MESSAGES.paidInFamilyOrder, order.orderId)
      if (isPaidState(order.state)) return fail('ALREADY_PAID', BACKEND_MESSAGES.alreadyPaid, order.orderId)
      if (order.state === 'reversing') return fail('PAYMENT_LOCKED', BACKEND_MESSAGES.locked, order.orderId)
      let attempt = orders.attemptOf(order)
      if (!(order.state === 'paying' && attempt?.state === 'open')) {
        if (!canStartPayment(order.state)) return fail('ORDER_NOT_PAYABLE', BACKEND_MESSAGES.orderClosed, order.orderId)
        attempt = { attemptId: orders.newId('PA'), orderId, state: 'open', startedAt: clock(), amountFen: order.amountFen }
        store.state.attempts.push(attempt)
        order.currentAttemptId = attempt.attemptId
        order.attempts += 1
        order.failReason = undefined
        orders.setState(order, 'paying', clock())
      }
      return {
        attemptId: attempt.attemptId,
        amountFen: order.amountFen,
        payee: regionOfPerson(personOf(order.personId)).taxAuthority,
        cashier: 'demo',
        payParams: demoPayParams(attempt),
        order: orders.view(order),
      }
    },

    queryOrder({ orderId }) {
      const order = orders.find(orderId)
      if (!order) return fail('ORDER_NOT_FOUND', BACKEND_MESSAGES.orderNotFound)
      return orders.view(order)
    },

    // The mock's cashier already moved the order when the person cancelled or was refused there.
    cashierReturned({ orderId }) {
      const order = handlers.queryOrder({ orderId })
      if (order.familyOrderId !== undefined) return fail('ORDER_NOT_PAYABLE', BACKEND_MESSAGES.paidInFamilyOrder, orderId)
      return order
    },

    listRecords({ payerRef, year }) {
      const person = payerRef ? personForRef(payerRef) : undefined
      const records = store.state.orders
        .filter((o) => o.state !== 'closed' && o.state !== 'pending')
        .filter((o) => !person || o.personId === person.id)
        .filter((o) => year === undefined || o.periodStart.startsWith(String(year)))
        .sort((a, b) => b.createdAt - a.createdAt)
        .map(orders.view)
      return { records }
    },

    ...familyOrders.handlers,

    createShareToken({ payerRef, selection }) {
      const person = personForRef(payerRef)
      const priced = priceSelection(person, selection)
      const now = clock()
      store.state.shares = store.state.shares.filter((s) => s.expiresAt + SHARE_RETENTION_MS > now)
      const share: StoredShare = { token: shares.newToken(), personId: person.id, selection: priced.selection, createdAt: now, expiresAt: now + delays.shareExpiryMs }
      store.state.shares.push(share)
      return {
        token: share.token,
        expiresAt: share.expiresAt,
        maskedName: maskName(person.name),
        itemName: priced.selection.kind === 'resident' ? RESIDENT_ITEM : FLEXIBLE_ITEM,
        periodLabel: priced.periodLabel,
        amountFen: priced.amountFen,
      }
    },

    openShareToken(request) {
      const share = shares.find((request as { token?: unknown } | null | undefined)?.token)
      const person = personOf(share.personId)
      // Paid beats expired: "nothing left to pay" is the more useful answer.
      if (shares.isPaid(person, share.selection)) return fail('SHARE_USED', BACKEND_MESSAGES.shareUsed)
      if (clock() >= share.expiresAt) return fail('SHARE_EXPIRED', BACKEND_MESSAGES.shareExpired)
      try {
        priceSelection(person, share.selection)
      } catch (error) {
        if (error instanceof MockError && error.body.code === 'WINDOW_CLOSED') throw error
        // The period is no longer payable as shared (e.g. a new year's 档次): the card is stale.
        return fail('SHARE_EXPIRED', BACKEND_MESSAGES.shareStale)
      }
      // Whoever opens a card pays for someone else; this mock has one logged-in user, so it
      // cannot tell the sharer from the family member and always answers 代他人缴费.
      const payer = { ...payerView(person), isSelf: false }
      const due = { ...handlers.listDueItems({ payerRef: payer.payerRef }), payer }
      return { payer, due, selection: share.selection, expiresAt: share.expiresAt }
    },

    getReceipt({ orderId }) {
      const order = orders.find(orderId)
      if (!order) return fail('ORDER_NOT_FOUND', BACKEND_MESSAGES.orderNotFound)
      if (!isPaidState(order.state) || !order.voucherNo || order.paidAt === undefined) return fail('ORDER_NOT_PAYABLE', BACKEND_MESSAGES.notPaidYet, orderId)
      return receiptOf(orders.view(order), order.voucherNo, order.paidAt)
    },
  }
  return handlers
}
