/**
 * What the server records when the provider tells it about an attempt (a verified notify, or a
 * query the server made itself). Each step is one transaction with the attempt and its order
 * locked, and every state change a compare-and-set, so duplicates and races agree.
 */
import { FAIL_REASONS } from '../../../src/domain/backendMessages'
import { casState } from '../rpc/orderStore'
import { inTransaction, type Db, type Queryable } from '../db/database'
import type { ProviderPayment } from './port'

export interface AttemptRow {
  attempt_id: string
  order_id: string
  out_trade_no: string
  amount_fen: number
  openid: string | null
  state: 'open' | 'paid' | 'extra' | 'failed' | 'cancelled' | 'expired'
  created_at: number
  paid_at: number | null
  prepay_id: string | null
}

/** accepted: this attempt pays its order; extra: the order was paid already, the money goes back. */
export type PaymentVerdict = 'accepted' | 'extra' | 'already' | 'refused-amount' | 'refused-openid' | 'refused-unknown-attempt'

export const isRefusal = (verdict: PaymentVerdict) => verdict.startsWith('refused')

/** A refund the server owes; one per attempt (the whole amount), sent and followed by the refund job. */
export async function queueRefund(db: Queryable, attempt: Pick<AttemptRow, 'attempt_id' | 'order_id' | 'amount_fen'>, reason: string, now: number): Promise<void> {
  await db.query(
    "INSERT INTO refunds (out_refund_no, attempt_id, order_id, amount_fen, reason, state, next_check_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'requested', $6, $6, $6) ON CONFLICT (attempt_id) DO NOTHING",
    [`R${attempt.attempt_id}`, attempt.attempt_id, attempt.order_id, attempt.amount_fen, reason, now],
  )
}

/** Money arrived for an attempt: checked against what we asked for, then recorded once. */
export async function recordPayment(tx: Queryable, payment: ProviderPayment, now: number): Promise<PaymentVerdict> {
  const attempt = (await tx.query<AttemptRow>('SELECT * FROM payment_attempts WHERE out_trade_no = $1 FOR UPDATE', [payment.outTradeNo])).rows[0]
  if (!attempt) return 'refused-unknown-attempt'
  if (payment.amountFen !== attempt.amount_fen) return 'refused-amount'
  if (attempt.openid !== null && payment.openid !== attempt.openid) return 'refused-openid'
  if (attempt.state === 'paid' || attempt.state === 'extra') return 'already'
  const order = (await tx.query<{ state: string }>('SELECT state FROM orders WHERE order_id = $1 FOR UPDATE', [attempt.order_id])).rows[0]
  const otherPaid = (await tx.query("SELECT 1 FROM payment_attempts WHERE order_id = $1 AND state = 'paid'", [attempt.order_id])).rowCount
  // A closed attempt paid after all (the close raced the payment) still pays an order nobody else paid.
  const takes = !otherPaid && (order.state === 'paying' || order.state === 'pending' || order.state === 'failed')
  await tx.query('UPDATE payment_attempts SET state = $2, transaction_id = $3, paid_at = $4, updated_at = $5 WHERE attempt_id = $1', [
    attempt.attempt_id, takes ? 'paid' : 'extra', payment.transactionId, payment.paidAt, now,
  ])
  if (!takes) {
    await queueRefund(tx, attempt, '同一笔缴费已由另一次支付完成，本次扣款原路退回', now)
    return 'extra'
  }
  if (order.state !== 'paying') await casState(tx, attempt.order_id, order.state as 'pending' | 'failed', 'paying', now)
  // The booking job picks it up from here.
  await tx.query('UPDATE orders SET next_booking_at = $2, booking_tries = 0 WHERE order_id = $1', [attempt.order_id, now])
  return 'accepted'
}

/**
 * Ends an open attempt the provider holds as closed (so no money can arrive for it any more):
 * cancelled or expired → the order is payable again; failed → 缴费失败 with the reason.
 */
export async function endAttempt(pool: Db, attempt: Pick<AttemptRow, 'attempt_id' | 'order_id'>, to: 'failed' | 'cancelled' | 'expired', now: number, reason?: string): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const { rowCount } = await tx.query("UPDATE payment_attempts SET state = $2, updated_at = $3 WHERE attempt_id = $1 AND state = 'open'", [attempt.attempt_id, to, now])
    if (!rowCount) return
    if (to === 'failed') await casState(tx, attempt.order_id, 'paying', 'failed', now, { fail_reason: reason ?? FAIL_REASONS.payFailed })
    else await casState(tx, attempt.order_id, 'paying', 'pending', now)
  })
}

export async function attemptByPrepayId(pool: Db, prepayId: string): Promise<AttemptRow | undefined> {
  return (await pool.query<AttemptRow>('SELECT * FROM payment_attempts WHERE prepay_id = $1', [prepayId])).rows[0]
}
