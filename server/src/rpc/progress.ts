/**
 * Brings an order up to date with what the payment provider and the tax system say, and with
 * the clock. Every step is a compare-and-set, so two requests doing this at once agree.
 * (Issue 15 moves the same steps into notifications and background jobs.)
 */
import { FAIL_REASONS } from '../../../src/domain/backendMessages'
import { inTransaction } from '../db/database'
import { casState, readOrder, type OrderWithPayer } from './orderStore'
import type { Services } from './context'
import type { PayParams } from '../pay/port'

interface AttemptRow {
  attempt_id: string
  out_trade_no: string
  state: string
  created_at: number
  paid_at: number | null
  pay_params: PayParams | null
}

export async function openAttempt(services: Services, orderId: string): Promise<AttemptRow | undefined> {
  return (await services.pool.query<AttemptRow>("SELECT * FROM payment_attempts WHERE order_id = $1 AND state = 'open'", [orderId])).rows[0]
}

export async function paidAttempt(services: Services, orderId: string): Promise<AttemptRow | undefined> {
  return (await services.pool.query<AttemptRow>("SELECT * FROM payment_attempts WHERE order_id = $1 AND state = 'paid' ORDER BY paid_at LIMIT 1", [orderId])).rows[0]
}

async function endAttempt(services: Services, attemptId: string, to: 'paid' | 'failed' | 'cancelled' | 'expired', extra: { transactionId?: string; paidAt?: number } = {}): Promise<boolean> {
  const { rowCount } = await services.pool.query(
    "UPDATE payment_attempts SET state = $2, updated_at = $3, transaction_id = COALESCE($4, transaction_id), paid_at = COALESCE($5, paid_at) WHERE attempt_id = $1 AND state = 'open'",
    [attemptId, to, services.clock(), extra.transactionId ?? null, extra.paidAt ?? null],
  )
  return rowCount === 1
}

/** Money is in: ask the tax system to book it, and record what it says. */
async function declare(services: Services, order: OrderWithPayer, paidAt: number): Promise<void> {
  const now = services.clock()
  const result = await services.tax.declare({ orderId: order.order_id, taxPersonId: order.tax_person_id, selection: order.selection, amountFen: order.amount_fen, paidAt })
  if (result.state === 'pending') return
  if (result.state === 'rejected') {
    await casState(services.pool, order.order_id, 'paying', 'reversing', now, { money_taken: true, reversing_since: now, fail_reason: result.reason })
    return
  }
  await inTransaction(services.pool, async (tx) => {
    if (!(await casState(tx, order.order_id, 'paying', 'paid', now, { paid_at: paidAt, fail_reason: null }))) return
    await tx.query('INSERT INTO receipts (order_id, tax_voucher_no, booked_at) VALUES ($1, $2, $3) ON CONFLICT (order_id) DO NOTHING', [order.order_id, result.voucherNo, result.bookedAt])
  })
}

async function progressPaying(services: Services, order: OrderWithPayer): Promise<void> {
  const now = services.clock()
  const paid = await paidAttempt(services, order.order_id)
  if (paid) return declare(services, order, paid.paid_at!)
  const attempt = await openAttempt(services, order.order_id)
  if (!attempt) return
  const status = await services.pay.query(attempt.out_trade_no)
  switch (status.state) {
    case 'SUCCESS':
      if (status.amountFen !== order.amount_fen) throw new Error(`attempt ${attempt.attempt_id} paid ${status.amountFen}, order wants ${order.amount_fen}`)
      await endAttempt(services, attempt.attempt_id, 'paid', { transactionId: status.transactionId, paidAt: status.paidAt })
      return declare(services, order, status.paidAt)
    case 'PAYERROR':
      if (await endAttempt(services, attempt.attempt_id, 'failed')) await casState(services.pool, order.order_id, 'paying', 'failed', now, { fail_reason: status.reason })
      return
    case 'CLOSED':
      if (await endAttempt(services, attempt.attempt_id, 'cancelled')) await casState(services.pool, order.order_id, 'paying', 'pending', now)
      return
    case 'NOTPAY':
      if (attempt.created_at + services.timings.attemptExpiryMs > now) return
      await services.pay.close(attempt.out_trade_no)
      // Closed at the provider: a payment that slipped in just before is found on the next query.
      if ((await services.pay.query(attempt.out_trade_no)).state !== 'CLOSED') return
      if (await endAttempt(services, attempt.attempt_id, 'expired')) await casState(services.pool, order.order_id, 'paying', 'pending', now)
  }
}

async function progressOnce(services: Services, order: OrderWithPayer): Promise<void> {
  const now = services.clock()
  const { timings } = services
  switch (order.state) {
    case 'paying':
      return progressPaying(services, order)
    case 'paid': {
      const result = await services.tax.declare({ orderId: order.order_id, taxPersonId: order.tax_person_id, selection: order.selection, amountFen: order.amount_fen, paidAt: order.paid_at! })
      if (result.state === 'booked' && result.settled) await casState(services.pool, order.order_id, 'paid', 'settled', now)
      return
    }
    case 'reversing':
      if (order.reversing_since! + timings.refundMs <= now) await casState(services.pool, order.order_id, 'reversing', 'refunded', now, { fail_reason: FAIL_REASONS.refunded })
      return
    case 'pending':
    case 'failed':
      if (order.updated_at + timings.pendingExpiryMs <= now) await casState(services.pool, order.order_id, order.state, 'closed', now)
  }
}

/** The order as it stands now. */
export async function refreshed(services: Services, order: OrderWithPayer): Promise<OrderWithPayer> {
  await progressOnce(services, order)
  return (await readOrder(services.pool, order.order_id))!
}
