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

type AttemptWithParams = AttemptRow & { pay_params: PayParams | null }

export async function openAttempt(services: Services, orderId: string): Promise<AttemptWithParams | undefined> {
  return (await services.pool.query<AttemptWithParams>("SELECT * FROM payment_attempts WHERE order_id = $1 AND state = 'open'", [orderId])).rows[0]
}

export async function paidAttempt(services: Services, orderId: string): Promise<AttemptWithParams | undefined> {
  return (await services.pool.query<AttemptWithParams>("SELECT * FROM payment_attempts WHERE order_id = $1 AND state = 'paid'", [orderId])).rows[0]
}

async function progressOnce(services: Services, order: OrderWithPayer): Promise<void> {
  const now = services.clock()
  if (order.state === 'paying') {
    // Only while no payment is known: then the notify may be late, and asking costs one query.
    const attempt = (await paidAttempt(services, order.order_id)) ? undefined : await openAttempt(services, order.order_id)
    if (attempt) await applyStatus(services, attempt, await services.pay.query(attempt.out_trade_no))
    return
  }
  if ((order.state === 'pending' || order.state === 'failed') && order.updated_at + services.timings.pendingExpiryMs <= now) {
    await casState(services.pool, order.order_id, order.state, 'closed', now)
  }
}

/** The order as it stands now. */
export async function refreshed(services: Services, order: OrderWithPayer): Promise<OrderWithPayer> {
  await progressOnce(services, order)
  return (await readOrder(services.pool, order.order_id))!
}
