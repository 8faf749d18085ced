/**
 * Books paid orders to the tax system, never inside a user's request: at once by the instance that
 * recorded the payment (Services.book), else from the queue; rate-limited, with back-off by the
 * server's clock. A booking the tax system refuses makes the order 待冲正 and queues the refund; a
 * booked one is checked until it is 已入库.
 */
import { inTransaction } from '../db/database'
import { queueRefund } from '../pay/attempts'
import type { Services } from '../rpc/context'
import { familyAnswered, lockFamilyOf } from '../rpc/familyStore'
import { casState, readOrder } from '../rpc/orderStore'
import { familyPaidAttempt } from '../rpc/familyProgress'
import { paidAttempt } from '../rpc/progress'
import { backoffMs, rateLimiter } from './backoff'
import type { Worker } from './queue'

export const BOOKING_QUEUE = 'tax-booking'

export function bookingWorker(services: Services, perSecond: number): Worker<void> {
  const take = rateLimiter(perSecond)
  const later = (orderId: string, tries: number) =>
    services.pool.query('UPDATE orders SET next_booking_at = $2, booking_tries = $3 WHERE order_id = $1', [orderId, services.clock() + backoffMs(tries), tries + 1])

  return {
    queue: BOOKING_QUEUE,
    due: async () =>
      (await services.pool.query<{ order_id: string }>("SELECT order_id FROM orders WHERE state IN ('paying', 'paid') AND next_booking_at <= $1 ORDER BY next_booking_at LIMIT 100", [services.clock()])).rows.map((r) => r.order_id),
    async run(orderId) {
      const order = await readOrder(services.pool, orderId)
      if (!order || (order.state !== 'paying' && order.state !== 'paid') || order.next_booking_at === null || order.next_booking_at > services.clock()) return
      // An item of a family order (全部缴纳) was paid by its family's attempt, and only its part goes back.
      const attempt = order.family_order_id ? await familyPaidAttempt(services, order.family_order_id) : await paidAttempt(services, orderId)
      if (!attempt) return
      await take()
      let result
      try {
        result = await services.tax.declare({ orderId, taxPersonId: order.tax_person_id, selection: order.selection, amountFen: order.amount_fen, paidAt: attempt.paid_at! })
      } catch (error) {
        services.log.warn({ orderId, err: (error as Error).message }, 'tax booking failed; retrying later')
        return void (await later(orderId, order.booking_tries))
      }
      const now = services.clock()
      if (result.state === 'pending') return void (await later(orderId, order.booking_tries))
      if (result.state === 'rejected') {
        await inTransaction(services.pool, async (tx) => {
          await lockFamilyOf(tx, order)
          if (!(await casState(tx, orderId, 'paying', 'reversing', now, { money_taken: true, reversing_since: now, fail_reason: result.reason, next_booking_at: null }))) return
          await queueRefund(tx, attempt, result.reason, now, order.family_order_id ? order : undefined)
          await familyAnswered(tx, order, now)
        })
        return services.kick()
      }
      if (order.state === 'paying') {
        await inTransaction(services.pool, async (tx) => {
          await lockFamilyOf(tx, order)
          // Not settled yet: asked again after the first back-off, as later() would set it.
          const next = result.settled ? { booking_tries: 0, next_booking_at: now } : { booking_tries: 1, next_booking_at: now + backoffMs(0) }
          if (!(await casState(tx, orderId, 'paying', 'paid', now, { paid_at: attempt.paid_at, fail_reason: null, ...next }))) return
          await tx.query('INSERT INTO receipts (order_id, tax_voucher_no, booked_at) VALUES ($1, $2, $3) ON CONFLICT (order_id) DO NOTHING', [orderId, result.voucherNo, result.bookedAt])
          await familyAnswered(tx, order, now)
        })
        if (!result.settled) return
      }
      if (result.settled) await casState(services.pool, orderId, 'paid', 'settled', now, { next_booking_at: null })
      else await later(orderId, order.booking_tries)
    },
  }
}
