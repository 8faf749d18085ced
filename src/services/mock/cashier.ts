/** Stands in for WeChat's cashier and its server notification to the merchant backend: moves no money. */
import { FAIL_REASONS } from '../../domain/backendMessages'
import type { Clock } from '../../domain/time'
import type { FamilyOrders } from './familyOrders'
import type { MockDelays, Orders } from './orders'
import { personOf } from './people'
import type { MockStore, StoredAttempt, StoredOrder } from './state'

export type CashierAction = 'pay' | 'cancel'
export interface CashierOutcome {
  /** What `requestPayment` reports to the app. */
  result: 'ok' | 'cancel' | 'fail'
  errMsg: string
}

/** Cashier-side faults (for tests): what WeChat tells the app differs from what happened. */
export type CashierFault = 'cancel_but_paid' | 'late_notification'

/** What the cashier pays: one person's order, or a 全部缴纳 family order (the attempt names either). */
interface Payable {
  record: Pick<StoredOrder, 'state' | 'currentAttemptId' | 'lateConfirmAt'>
  setPending(at: number): void
  /** Takes the money (or is refused); `lateNotification` holds the confirmation back. */
  debit(lateNotification: boolean): 'failed' | 'taken'
}

export function createCashier(deps: { clock: Clock; delays: MockDelays; store: MockStore; orders: Orders; familyOrders: FamilyOrders; advance: () => void }) {
  const { clock, delays, store, orders, familyOrders } = deps

  function debitOrder(order: StoredOrder, attempt: StoredAttempt, lateNotification: boolean): 'failed' | 'taken' {
    const now = clock()
    switch (personOf(order.personId).behaviour) {
      case 'insufficient_funds':
        attempt.state = 'failed'
        orders.setState(order, 'failed', now)
        order.failReason = FAIL_REASONS.insufficientFunds
        return 'failed'
      case 'debit_reversed':
        attempt.state = 'reversed'
        orders.setState(order, 'reversing', now)
        order.moneyTaken = true
        order.reversingSince = now
        order.failReason = FAIL_REASONS.notBooked
        break
      case 'late':
        order.lateConfirmAt = now + delays.lateConfirmMs
        break
      default:
        if (lateNotification) order.lateConfirmAt = now + delays.lateConfirmMs
        else orders.markPaid(order, now)
    }
    return 'taken'
  }

  function payableOf(attempt: StoredAttempt): Payable | undefined {
    const family = familyOrders.find(attempt.orderId)
    if (family) {
      return { record: family, setPending: (at) => familyOrders.setState(family, 'pending', at), debit: (late) => familyOrders.debit(family, attempt, late) }
    }
    const order = orders.find(attempt.orderId)
    return order && { record: order, setPending: (at) => orders.setState(order, 'pending', at), debit: (late) => debitOrder(order, attempt, late) }
  }

  /** `takeFault` (tests only) is asked once the attempt is known to be payable. */
  return function completeAttempt(attemptId: string, action: CashierAction, takeFault?: () => CashierFault | undefined): CashierOutcome {
    deps.advance()
    const attempt = store.state.attempts.find((a) => a.attemptId === attemptId)
    const payable = attempt && payableOf(attempt)
    if (!attempt || !payable || attempt.state !== 'open' || payable.record.state !== 'paying' || payable.record.currentAttemptId !== attemptId) {
      return { result: 'fail', errMsg: 'requestPayment:fail 订单已失效' }
    }
    // The cashier already took the money for this attempt (its confirmation is on its way): it
    // cannot be paid or cancelled a second time.
    if (payable.record.lateConfirmAt !== undefined) return { result: 'fail', errMsg: 'requestPayment:fail 该订单已支付' }
    const fault = takeFault?.()
    if (action === 'cancel' && fault !== 'cancel_but_paid') {
      attempt.state = 'cancelled'
      payable.setPending(clock())
      store.save()
      return { result: 'cancel', errMsg: 'requestPayment:fail cancel' }
    }
    const debited = payable.debit(fault === 'late_notification')
    store.save()
    if (debited === 'failed') return { result: 'fail', errMsg: 'requestPayment:fail 余额不足' }
    return action === 'cancel' ? { result: 'cancel', errMsg: 'requestPayment:fail cancel' } : { result: 'ok', errMsg: 'requestPayment:ok' }
  }
}

export type CompleteAttempt = ReturnType<typeof createCashier>
