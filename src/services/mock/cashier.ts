/** Stands in for WeChat's cashier and its server notification to the merchant backend: moves no money. */
import { FAIL_REASONS } from '../../domain/backendMessages'
import type { Clock } from '../../domain/time'
import type { FamilyOrders } from './familyOrders'
import type { MockDelays, Orders } from './orders'
import { personOf } from './people'
import type { MockStore, StoredOrder } from './state'

export type CashierAction = 'pay' | 'cancel'
export interface CashierOutcome {
  /** What `requestPayment` reports to the app. */
  result: 'ok' | 'cancel' | 'fail'
  errMsg: string
}

/** Cashier-side faults (for tests): what WeChat tells the app differs from what happened. */
export type CashierFault = 'cancel_but_paid' | 'late_notification'

export function createCashier(deps: { clock: Clock; delays: MockDelays; store: MockStore; orders: Orders; familyOrders: FamilyOrders; advance: () => void }) {
  const { clock, delays, store, orders, familyOrders } = deps

  /** `takeFault` (tests only) is asked once the attempt is known to be payable. */
  return function completeAttempt(attemptId: string, action: CashierAction, takeFault?: () => CashierFault | undefined): CashierOutcome {
    deps.advance()
    const attempt = store.state.attempts.find((a) => a.attemptId === attemptId)
    // A 全部缴纳 attempt pays a family order; any other pays one person's order.
    const family = attempt && familyOrders.find(attempt.orderId)
    const payable = family ?? (attempt && orders.find(attempt.orderId))
    if (!attempt || !payable || attempt.state !== 'open' || payable.state !== 'paying' || payable.currentAttemptId !== attemptId) {
      return { result: 'fail', errMsg: 'requestPayment:fail 订单已失效' }
    }
    // The cashier already took the money for this attempt (its confirmation is on its way): it
    // cannot be paid or cancelled a second time.
    if (payable.lateConfirmAt !== undefined) return { result: 'fail', errMsg: 'requestPayment:fail 该订单已支付' }
    const now = clock()
    const fault = takeFault?.()
    if (action === 'cancel' && fault !== 'cancel_but_paid') {
      attempt.state = 'cancelled'
      if (family) familyOrders.setState(family, 'pending', now)
      else orders.setState(payable as StoredOrder, 'pending', now)
      store.save()
      return { result: 'cancel', errMsg: 'requestPayment:fail cancel' }
    }
    const reported: CashierOutcome = action === 'cancel' ? { result: 'cancel', errMsg: 'requestPayment:fail cancel' } : { result: 'ok', errMsg: 'requestPayment:ok' }
    if (family) {
      const debited = familyOrders.debit(family, attempt, fault === 'late_notification')
      store.save()
      return debited === 'failed' ? { result: 'fail', errMsg: 'requestPayment:fail 余额不足' } : reported
    }
    const order = payable as StoredOrder
    switch (personOf(order.personId).behaviour) {
      case 'insufficient_funds':
        attempt.state = 'failed'
        orders.setState(order, 'failed', now)
        order.failReason = FAIL_REASONS.insufficientFunds
        store.save()
        return { result: 'fail', errMsg: 'requestPayment:fail 余额不足' }
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
        if (fault === 'late_notification') order.lateConfirmAt = now + delays.lateConfirmMs
        else orders.markPaid(order, now)
    }
    store.save()
    return reported
  }
}

export type CompleteAttempt = ReturnType<typeof createCashier>
