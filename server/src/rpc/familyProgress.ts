/**
 * Brings a family order up to date inside a user's request, as ./progress does an order: the
 * server's own query of an open attempt, and the clock's changes. An unpaid family order one of
 * whose items was given up to another order (its period taken) can no longer be paid as asked: closed.
 */
import type { AttemptRow } from '../pay/attempts'
import type { PayParams } from '../pay/port'
import { applyStatus } from '../pay/settle'
import type { Services } from './context'
import { closeFamily, readFamily, type Family } from './familyStore'

export type FamilyAttempt = AttemptRow & { pay_params: PayParams | null }

const attemptIn = (state: 'open' | 'paid') => async (services: Services, familyOrderId: string): Promise<FamilyAttempt | undefined> =>
  (await services.pool.query<FamilyAttempt>('SELECT * FROM payment_attempts WHERE family_order_id = $1 AND state = $2', [familyOrderId, state])).rows[0]

export const familyOpenAttempt = attemptIn('open')
export const familyPaidAttempt = attemptIn('paid')

async function progressOnce(services: Services, { row, items }: Family): Promise<void> {
  const now = services.clock()
  if (row.state === 'paying') {
    const attempt = (await familyPaidAttempt(services, row.family_order_id)) ? undefined : await familyOpenAttempt(services, row.family_order_id)
    if (attempt) await applyStatus(services, attempt, await services.pay.query(attempt.out_trade_no))
    return
  }
  if (row.state !== 'pending' && row.state !== 'failed') return
  const lapsed = row.updated_at + services.timings.pendingExpiryMs <= now
  if (lapsed || items.some((item) => item.state !== 'pending' && item.state !== 'failed')) await closeFamily(services.pool, row, now)
}

/** The family order as it stands now. */
export async function familyRefreshed(services: Services, family: Family): Promise<Family> {
  await progressOnce(services, family)
  return (await readFamily(services.pool, family.row.family_order_id))!
}
