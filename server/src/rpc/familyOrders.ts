/**
 * startFamilyPayment, queryFamilyOrder, familyCashierReturned (全部缴纳), as startPayment,
 * queryOrder and cashierReturned are for one order: one attempt at a time over the sum of the
 * items, the items moving with the family order until the money is in. createFamilyOrder: ./familyCreate.
 */
import { BACKEND_MESSAGES, FAIL_REASONS } from '../../../src/domain/backendMessages'
import { canStartPayment } from '../../../src/domain/orderState'
import { inTransaction } from '../db/database'
import { fail } from '../errors'
import { newId } from '../ids'
import { payParamsOf } from '../pay/prepay'
import { cashierReturned as closeReturnedAttempt } from '../pay/settle'
import type { Caller, Handler, Services } from './context'
import { familyOpenAttempt, familyPaidAttempt, familyRefreshed } from './familyProgress'
import { casFamily, closeFamily, familyView, moveItems, ownFamily, readFamily, type Family } from './familyStore'

export { createFamilyOrder } from './familyCreate'

/** Thrown inside the start's transaction when an item was given up to another order meanwhile. */
class ItemGivenUp extends Error {}

/** Whoever wins the family order's compare-and-set opens the attempt; a loser reads the winner's. */
async function openFamilyAttempt(services: Services, caller: Caller, { row, items }: Family): Promise<void> {
  const from = row.state
  const now = services.clock()
  const set = { attempts: row.attempts + 1, fail_reason: null }
  try {
    await inTransaction(services.pool, async (tx) => {
      if (!(await casFamily(tx, row.family_order_id, from, 'paying', now, set))) return
      if ((await moveItems(tx, row.family_order_id, ['pending', 'failed'], 'paying', now, set)) !== items.length) throw new ItemGivenUp()
      const attemptId = newId('PA')
      await tx.query(
        "INSERT INTO payment_attempts (attempt_id, family_order_id, out_trade_no, amount_fen, state, openid, next_query_at, created_at, updated_at) VALUES ($1, $2, $1, $3, 'open', $4, $5, $6, $6)",
        [attemptId, row.family_order_id, row.amount_fen, caller.openid, now + services.timings.notifyGraceMs, now],
      )
    })
  } catch (error) {
    if (!(error instanceof ItemGivenUp)) throw error
    await closeFamily(services.pool, row, now)
  }
}

/** Paid already (the money is in: who is covered is read from the items), or closed. */
const notStartable = ({ row }: Family): never =>
  row.state === 'paid' ? fail('ALREADY_PAID', BACKEND_MESSAGES.alreadyPaid) : fail('ORDER_NOT_PAYABLE', BACKEND_MESSAGES.orderClosed)

export const startFamilyPayment: Handler<'startFamilyPayment'> = async (services, caller, { familyOrderId }) => {
  let family = await familyRefreshed(services, await ownFamily(services, caller, familyOrderId))
  if (family.row.state !== 'paying') {
    if (!canStartPayment(family.row.state)) return notStartable(family)
    await openFamilyAttempt(services, caller, family)
    family = (await readFamily(services.pool, familyOrderId))!
  }
  // Paying with no open attempt: the money is in and the tax system is answering for the items.
  // That attempt is handed back (as startPayment does); its cashier says it is paid.
  const attempt = (await familyOpenAttempt(services, familyOrderId)) ?? (await familyPaidAttempt(services, familyOrderId))
  if (family.row.state !== 'paying' || !attempt) return notStartable(family)
  const [first] = family.items
  const description = `${first.item_name} ${first.period_label} ×${family.items.length}`
  const payParams = await payParamsOf(services, attempt, { amountFen: family.row.amount_fen, description, openid: caller.openid })
  const payee = [...new Set(family.items.map((item) => item.tax_authority))].join('、')
  return { attemptId: attempt.attempt_id, amountFen: family.row.amount_fen, payee, payParams, familyOrder: familyView(family), cashier: services.pay.cashier }
}

export const queryFamilyOrder: Handler<'queryFamilyOrder'> = async (services, caller, { familyOrderId }) =>
  familyView(await familyRefreshed(services, await ownFamily(services, caller, familyOrderId)))

/** The app's word that the cashier came back unpaid: it only makes the server close and ask (see cashierReturned). */
export const familyCashierReturned: Handler<'familyCashierReturned'> = async (services, caller, { familyOrderId, result }) => {
  const family = await ownFamily(services, caller, familyOrderId)
  const open = family.row.state === 'paying' && !(await familyPaidAttempt(services, familyOrderId)) ? await familyOpenAttempt(services, familyOrderId) : undefined
  if (open) await closeReturnedAttempt(services, open, result === 'cancel' ? { as: 'cancelled' } : { as: 'failed', reason: FAIL_REASONS.notCompleted })
  return familyView(await familyRefreshed(services, family))
}
