/**
 * Books paid orders to the tax system, never inside a user's request: at once by the instance that
 * recorded the payment (Services.book), else from the queue; rate-limited, with back-off by the
 * server's clock. A booking the tax system refuses makes the order 待冲正 and queues the refund; a
 * booked one is checked until it is 已入库.
 */
import { assertTransition } from '../../../src/domain/orderState'
import { inTransaction, type Queryable } from '../db/database'
import { queueRefund } from '../pay/attempts'
import type { Services } from '../rpc/context'
import { familyAnswered, lockFamilyOf } from '../rpc/familyStore'
import { casState, readOrder } from '../rpc/orderStore'
import { familyPaidAttempt } from '../rpc/familyProgress'
import { paidAttempt } from '../rpc/progress'
import { backoffMs, rateLimiter } from './backoff'
import type { Worker } from './queue'

export const BOOKING_QUEUE = 'tax-booking'

interface Booked {
  paidAt: number
  voucherNo: string
  bookedAt: number
  now: number
  /** When the booking job asks again (whether 已入库), and how many tries that is. */
  next: { tries: number; at: number }
}

/** paying → paid (compare-and-set) and the order's receipt, in one statement; false when another run moved it first. */
async function markPaid(db: Queryable, orderId: string, booked: Booked): Promise<boolean> {
  assertTransition('paying', 'paid')
  const { rows } = await db.query<{ moved: number }>(
    `WITH moved AS (
       UPDATE orders SET state = 'paid', updated_at = $2, paid_at = $3, fail_reason = NULL, booking_tries = $4, next_booking_at = $5 WHERE order_id = $1 AND state = 'paying' RETURNING order_id
     ), receipt AS (
       INSERT INTO receipts (order_id, tax_voucher_no, booked_at) SELECT order_id, $6, $7 FROM moved ON CONFLICT (order_id) DO NOTHING
     )
     SELECT count(*)::int AS moved FROM moved`,
    [orderId, booked.now, booked.paidAt, booked.next.tries, booked.next.at, booked.voucherNo, booked.bookedAt],
  )
  return rows[0].moved === 1
}

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
        // Not settled yet: asked again after the first back-off, as later() would set it.
        const next = result.settled ? { tries: 0, at: now } : { tries: 1, at: now + backoffMs(0) }
        const booked = { paidAt: attempt.paid_at!, voucherNo: result.voucherNo, bookedAt: result.bookedAt, now, next }
        // A lone order in one statement; an item with its family order locked, which it may complete.
        if (!order.family_order_id) await markPaid(services.pool, orderId, booked)
        else {
          await inTransaction(services.pool, async (tx) => {
            await lockFamilyOf(tx, order)
            if (await markPaid(tx, orderId, booked)) await familyAnswered(tx, order, now)
          })
        }
        if (!result.settled) return
      }
      if (result.settled) await casState(services.pool, orderId, 'paid', 'settled', now, { next_booking_at: null })
      else await later(orderId, order.booking_tries)
    },
  }
}
