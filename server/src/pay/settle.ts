/** Applies what the provider said about an open attempt: money in, or closed for good. */
import { inTransaction } from '../db/database'
import type { Services } from '../rpc/context'
import { endAttempt, isRefusal, recordPayment, type AttemptRow, type PaymentVerdict, type Recorded } from './attempts'
import type { AttemptStatus } from './port'

/** How a closed attempt ended: the cashier said so (cancel, a refused debit), or it lapsed. */
export type ClosedAs = { as: 'cancelled' | 'expired' } | { as: 'failed'; reason: string }

/** After a recorded payment's commit, from a notify or a query alike: its bookings at once, its refunds to the jobs. */
export function followRecorded(services: Services, recorded: Recorded): void {
  if (recorded.toBook.length) services.book(recorded.toBook)
  if (recorded.refundQueued) services.kick()
}

export async function applyStatus(services: Services, attempt: Pick<AttemptRow, 'attempt_id' | 'order_id' | 'family_order_id'>, status: AttemptStatus, closed: ClosedAs = { as: 'expired' }): Promise<PaymentVerdict | undefined> {
  const now = services.clock()
  if (status.state === 'SUCCESS') {
    const recorded = await inTransaction(services.pool, (tx) => recordPayment(tx, status.payment, now))
    if (isRefusal(recorded.verdict)) services.log.error({ attemptId: attempt.attempt_id, verdict: recorded.verdict }, 'provider reports a payment that does not match the attempt')
    followRecorded(services, recorded)
    return recorded.verdict
  }
  if (status.state === 'CLOSED') await endAttempt(services.pool, attempt, closed.as, now, closed.as === 'failed' ? closed.reason : undefined)
  return undefined
}

/**
 * The cashier came back without paying (cancel, or a refused debit). WeChat Pay still holds the
 * attempt as NOTPAY, so this is only a request: close it there, then record what the query says
 * (CLOSED → the order is payable again or 缴费失败; SUCCESS after all → paid).
 */
export async function cashierReturned(services: Services, attempt: Pick<AttemptRow, 'attempt_id' | 'order_id' | 'family_order_id' | 'out_trade_no'>, closed: ClosedAs): Promise<void> {
  await services.pay.close(attempt.out_trade_no)
  await applyStatus(services, attempt, await services.pay.query(attempt.out_trade_no), closed)
}
