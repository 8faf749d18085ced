/**
 * Brings an order up to date inside a user's request, cheaply: a query the server makes itself
 * for an open attempt, and the clock's own changes. The slow work (booking to the tax system,
 * refunds, closing lapsed attempts) is the jobs' (server/src/jobs), never a request's.
 */
import { applyStatus } from '../pay/settle'
import type { AttemptRow } from '../pay/attempts'
import type { PayParams } from '../pay/port'
import { casState, readOrder, type OrderWithPayer } from './orderStore'
import type { Services } from './context'

export type AttemptWithParams = AttemptRow & { pay_params: PayParams | null }

export async function paidAttempt(services: Services, orderId: string): Promise<AttemptWithParams | undefined> {
  return (await services.pool.query<AttemptWithParams>("SELECT * FROM payment_attempts WHERE order_id = $1 AND state = 'paid'", [orderId])).rows[0]
}

/** The order's open attempt and its paid one (at most one of each), in one read. */
export async function liveAttempts(services: Services, orderId: string): Promise<{ open?: AttemptWithParams; paid?: AttemptWithParams }> {
  const { rows } = await services.pool.query<AttemptWithParams>("SELECT * FROM payment_attempts WHERE order_id = $1 AND state IN ('open', 'paid')", [orderId])
  return { open: rows.find((a) => a.state === 'open'), paid: rows.find((a) => a.state === 'paid') }
}

/** Moves the order on where it is due; false when nothing changed it (the order as read still stands). */
async function progressOnce(services: Services, order: OrderWithPayer): Promise<boolean> {
  const now = services.clock()
  if (order.state === 'paying') {
    // Only while no payment is known: then the notify may be late, and asking costs one query. A
    // paying order with a booking due has its money in (recorded with the paid attempt): nothing to read.
    if (order.next_booking_at !== null) return false
    const { open, paid } = await liveAttempts(services, order.order_id)
    if (paid || !open) return false
    const status = await services.pay.query(open.out_trade_no)
    await applyStatus(services, open, status)
    return status.state === 'SUCCESS' || status.state === 'CLOSED'
  }
  if ((order.state === 'pending' || order.state === 'failed') && order.updated_at + services.timings.pendingExpiryMs <= now) {
    // Lost or won, the order is no longer what was read.
    await casState(services.pool, order.order_id, order.state, 'closed', now)
    return true
  }
  return false
}

/** The order as it stands now: read again only when this request moved it. */
export async function refreshed(services: Services, order: OrderWithPayer): Promise<OrderWithPayer> {
  return (await progressOnce(services, order)) ? (await readOrder(services.pool, order.order_id))! : order
}
