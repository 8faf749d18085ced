/**
 * What the server records when the provider tells it about an attempt (a verified notify, or a
 * query the server made itself). Each step is one transaction with the attempt and its order
 * locked, and every state change a compare-and-set, so duplicates and races agree.
 */
import { FAIL_REASONS } from '../../../src/domain/backendMessages'
import type { OrderState } from '../../../src/domain/orderState'
import { casFamily, moveItems } from '../rpc/familyStore'
import { casState } from '../rpc/orderStore'
import { inTransaction, type Db, type Queryable } from '../db/database'
import type { ProviderPayment } from './port'

export interface AttemptRow {
  attempt_id: string
  /** What the attempt pays: one order, or (全部缴纳) a family order over the sum of its items. */
  order_id: string | null
  family_order_id: string | null
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

/** What recording a payment did: its verdict, the orders now due for booking, and whether money is owed back. */
export interface Recorded {
  verdict: PaymentVerdict
  toBook: string[]
  refundQueued: boolean
}

const nothingMoved = (verdict: PaymentVerdict): Recorded => ({ verdict, toBook: [], refundQueued: false })

/**
 * A refund the server owes, sent and followed by the refund job: the whole attempt, or one item's
 * part of a family attempt (a partial refund of the transaction). At most one of each.
 */
export async function queueRefund(
  db: Queryable,
  attempt: Pick<AttemptRow, 'attempt_id' | 'order_id' | 'amount_fen'>,
  reason: string,
  now: number,
  item?: { order_id: string; amount_fen: number },
): Promise<void> {
  const part = item ?? attempt
  await db.query(
    "INSERT INTO refunds (out_refund_no, attempt_id, order_id, amount_fen, reason, state, next_check_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'requested', $6, $6, $6) ON CONFLICT DO NOTHING",
    [`R${attempt.attempt_id}${item?.order_id ?? ''}`, attempt.attempt_id, part.order_id, part.amount_fen, reason, now],
  )
}

/** Locks what the attempt pays and says whether this money pays it (nobody else's attempt did). */
async function lockPayee(tx: Queryable, attempt: Pick<AttemptRow, 'order_id' | 'family_order_id'>): Promise<{ state: OrderState; takes: boolean }> {
  const [table, key, id] = attempt.family_order_id ? ['family_orders', 'family_order_id', attempt.family_order_id] : ['orders', 'order_id', attempt.order_id]
  const { state } = (await tx.query<{ state: OrderState }>(`SELECT state FROM ${table} WHERE ${key} = $1 FOR UPDATE`, [id])).rows[0]
  const otherPaid = (await tx.query(`SELECT 1 FROM payment_attempts WHERE ${key} = $1 AND state = 'paid'`, [id])).rowCount
  // A closed attempt paid after all (the close raced the payment) still pays an order nobody else paid.
  return { state, takes: !otherPaid && (state === 'paying' || state === 'pending' || state === 'failed') }
}

/**
 * A family attempt's money is in: each item goes on to its own booking (the tax declaration is per
 * person); the family order is paid once every item has its answer (familyAnswered). An item given
 * up to another order while the attempt stood closed (paid after all) cannot be booked: its part goes back.
 */
async function familyPaymentIn(tx: Queryable, attempt: AttemptRow, from: OrderState, now: number): Promise<Recorded> {
  const familyOrderId = attempt.family_order_id!
  if (from !== 'paying') await casFamily(tx, familyOrderId, from, 'paying', now, { fail_reason: null })
  await moveItems(tx, familyOrderId, ['pending', 'failed'], 'paying', now)
  const items = (await tx.query<{ order_id: string; amount_fen: number; state: OrderState }>("UPDATE orders SET next_booking_at = CASE WHEN state = 'paying' THEN $2::bigint END, booking_tries = 0 WHERE family_order_id = $1 RETURNING order_id, amount_fen, state", [familyOrderId, now])).rows
  const closed = items.filter((i) => i.state === 'closed')
  for (const item of closed) await queueRefund(tx, attempt, FAIL_REASONS.notBooked, now, item)
  return { verdict: 'accepted', toBook: items.filter((i) => i.state === 'paying').map((i) => i.order_id), refundQueued: closed.length > 0 }
}

/** Money arrived for an attempt: checked against what we asked for, then recorded once. */
export async function recordPayment(tx: Queryable, payment: ProviderPayment, now: number): Promise<Recorded> {
  const attempt = (await tx.query<AttemptRow>('SELECT * FROM payment_attempts WHERE out_trade_no = $1 FOR UPDATE', [payment.outTradeNo])).rows[0]
  if (!attempt) return nothingMoved('refused-unknown-attempt')
  if (payment.amountFen !== attempt.amount_fen) return nothingMoved('refused-amount')
  if (attempt.openid !== null && payment.openid !== attempt.openid) return nothingMoved('refused-openid')
  if (attempt.state === 'paid' || attempt.state === 'extra') return nothingMoved('already')
  const { state, takes } = await lockPayee(tx, attempt)
  await tx.query('UPDATE payment_attempts SET state = $2, transaction_id = $3, paid_at = $4, updated_at = $5 WHERE attempt_id = $1', [
    attempt.attempt_id, takes ? 'paid' : 'extra', payment.transactionId, payment.paidAt, now,
  ])
  if (!takes) {
    await queueRefund(tx, attempt, '同一笔缴费已由另一次支付完成，本次扣款原路退回', now)
    return { verdict: 'extra', toBook: [], refundQueued: true }
  }
  if (attempt.family_order_id) return familyPaymentIn(tx, attempt, state, now)
  if (state !== 'paying') await casState(tx, attempt.order_id!, state, 'paying', now)
  // Due for booking from now: booked at once after the commit (Services.book), by the sweep if that instance dies first.
  await tx.query('UPDATE orders SET next_booking_at = $2, booking_tries = 0 WHERE order_id = $1', [attempt.order_id, now])
  return { verdict: 'accepted', toBook: [attempt.order_id!], refundQueued: false }
}

/**
 * Ends an open attempt the provider holds as closed (so no money can arrive for it any more):
 * cancelled or expired → the order is payable again; failed → 缴费失败 with the reason.
 */
export async function endAttempt(pool: Db, attempt: Pick<AttemptRow, 'attempt_id' | 'order_id' | 'family_order_id'>, to: 'failed' | 'cancelled' | 'expired', now: number, reason?: string): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const { rowCount } = await tx.query("UPDATE payment_attempts SET state = $2, updated_at = $3 WHERE attempt_id = $1 AND state = 'open'", [attempt.attempt_id, to, now])
    // Money already in through another attempt (a closed one paid after all, its booking still
    // running): the order stays that payment's, whatever became of this attempt.
    if (!rowCount || !(await lockPayee(tx, attempt)).takes) return
    const [next, set] = to === 'failed' ? (['failed', { fail_reason: reason ?? FAIL_REASONS.payFailed }] as const) : (['pending', {}] as const)
    if (!attempt.family_order_id) return void (await casState(tx, attempt.order_id!, 'paying', next, now, set))
    // The items wait with their family order: payable again, or 缴费失败 with it.
    if (await casFamily(tx, attempt.family_order_id, 'paying', next, now, set)) await moveItems(tx, attempt.family_order_id, ['paying'], next, now, set)
  })
}

export async function attemptByPrepayId(pool: Db, prepayId: string): Promise<AttemptRow | undefined> {
  return (await pool.query<AttemptRow>('SELECT * FROM payment_attempts WHERE prepay_id = $1', [prepayId])).rows[0]
}
