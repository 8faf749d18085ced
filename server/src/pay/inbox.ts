/**
 * A verified notify, received once: stored in the inbox under its id, and in the same
 * transaction the attempt and its order moved (compare-and-set). A duplicate finds its id taken
 * and changes nothing; a payment that does not match its attempt is refused and flagged.
 */
import { inTransaction } from '../db/database'
import type { Services } from '../rpc/context'
import type { OpenedNotify } from '../wechatpay'
import { isRefusal, recordPayment, type PaymentVerdict, type Recorded } from './attempts'
import { followRecorded } from './settle'

export type NotifyOutcome = PaymentVerdict | 'duplicate' | 'not-a-payment' | 'refund-noted'

export async function receiveNotify(services: Services, notify: OpenedNotify): Promise<NotifyOutcome> {
  const now = services.clock()
  let recorded: Recorded | undefined
  const outcome = await inTransaction(services.pool, async (tx): Promise<NotifyOutcome> => {
    const resource = notify.eventType === 'TRANSACTION.SUCCESS' ? notify.transaction : notify.refund
    const inserted = await tx.query(
      "INSERT INTO wxpay_inbox (notify_id, event_type, out_trade_no, resource, outcome, received_at) VALUES ($1, $2, $3, $4, 'received', $5) ON CONFLICT (notify_id) DO NOTHING",
      [notify.id, notify.eventType, resource.outTradeNo, JSON.stringify(resource), now],
    )
    if (!inserted.rowCount) {
      // Refused the first time: refused again (WeChat Pay keeps trying until an operator acts).
      const prior = (await tx.query<{ outcome: PaymentVerdict }>('SELECT outcome FROM wxpay_inbox WHERE notify_id = $1', [notify.id])).rows[0].outcome
      return isRefusal(prior) ? prior : 'duplicate'
    }
    let verdict: NotifyOutcome
    if (notify.eventType !== 'TRANSACTION.SUCCESS') {
      // The refund job's own query decides; the notify only says to ask now.
      await tx.query("UPDATE refunds SET next_check_at = $2 WHERE out_refund_no = $1 AND state IN ('requested', 'processing')", [notify.refund.outRefundNo, now])
      verdict = 'refund-noted'
    } else {
      const t = notify.transaction
      recorded = t.tradeState === 'SUCCESS' && t.transactionId && t.successTime
        ? await recordPayment(tx, { outTradeNo: t.outTradeNo, transactionId: t.transactionId, paidAt: Date.parse(t.successTime), amountFen: t.total, openid: t.openid }, now)
        : undefined
      verdict = recorded?.verdict ?? 'not-a-payment'
    }
    const refused = isRefusal(verdict as PaymentVerdict)
    await tx.query('UPDATE wxpay_inbox SET outcome = $2, flagged = $3 WHERE notify_id = $1', [notify.id, verdict, refused])
    return verdict
  })
  if (recorded) followRecorded(services, recorded)
  if (outcome === 'refund-noted') services.kick()
  return outcome
}
