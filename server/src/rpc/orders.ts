/** createOrder, startPayment, queryOrder, cashierReturned: the money path. */
import { BACKEND_MESSAGES, FAIL_REASONS } from '../../../src/domain/backendMessages'
import { assertTransition, canStartPayment, isPaidState } from '../../../src/domain/orderState'
import { fail } from '../errors'
import { newId } from '../ids'
import { payParamsOf } from '../pay/prepay'
import { cashierReturned as closeReturnedAttempt } from '../pay/settle'
import type { Caller, Handler, Services } from './context'
import { giveUp } from './familyStore'
import { insertOrder, liveHolder, orderByKey, orderView, ownOrder, periodKeyOf, readOrder, type OrderRow, type OrderWithPayer } from './orderStore'
import { ownPayer } from './payers'
import { liveAttempts, refreshed, type AttemptWithParams } from './progress'

const sameSelection = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

async function byKey(services: Services, caller: Caller, idempotencyKey: string, payerRef: string): Promise<OrderWithPayer | undefined> {
  const existing = await orderByKey(services.pool, caller.userId, idempotencyKey)
  if (!existing) return undefined
  if (existing.payer_ref !== payerRef) return fail('INVALID_REQUEST', BACKEND_MESSAGES.duplicateKey)
  return refreshed(services, existing)
}

export const createOrder: Handler<'createOrder'> = async (services, caller, { idempotencyKey, payerRef, selection }) => {
  const payer = await ownPayer(services, caller, payerRef)
  const existing = await byKey(services, caller, idempotencyKey, payerRef)
  if (existing) return orderView(existing)
  const priced = await services.tax.price(payer.tax_person_id, selection)
  const person = await services.tax.person(payer.tax_person_id)
  // The unique indexes decide: a lost race on the key or on the period shows up as no insert.
  const ROUNDS = 3
  for (let round = 0; round < ROUNDS; round++) {
    const orderId = newId('OD')
    const row = { orderId, ownerId: caller.userId, payer, idempotencyKey, priced, taxAuthority: person.region.taxAuthority, regionName: person.region.name, now: services.clock() }
    const inserted = await insertOrder(services.pool, row)
    if (inserted) return orderView(inserted)
    const raced = await byKey(services, caller, idempotencyKey, payerRef)
    if (raced) return orderView(raced)
    const found = await liveHolder(services.pool, payer.person_key, periodKeyOf(priced.selection))
    if (!found) continue
    const holder = await refreshed(services, found)
    const mine = holder.owner_id === caller.userId
    if (isPaidState(holder.state)) return fail('ALREADY_PAID', BACKEND_MESSAGES.alreadyPaid, mine ? holder.order_id : undefined)
    if (holder.state === 'reversing') return fail('PAYMENT_LOCKED', BACKEND_MESSAGES.locked, mine ? holder.order_id : undefined)
    // An item of a family order (全部缴纳) is paid through that order, never handed back as this one.
    if (holder.state === 'paying' && holder.family_order_id) return fail('IN_OTHER_ORDER', BACKEND_MESSAGES.inOtherOrder, mine ? holder.order_id : undefined)
    if (holder.state === 'paying') return mine ? orderView(holder) : fail('ORDER_NOT_PAYABLE', BACKEND_MESSAGES.payingElsewhere)
    // An unpaid order holds the period: the same selection of this user is handed back; any
    // other is closed so the new one can take its place (never two payable side by side).
    if (mine && !holder.family_order_id && sameSelection(holder.selection, priced.selection)) return orderView(holder)
    // Closing it in the last round and then giving up would leave the period to nobody.
    if (round === ROUNDS - 1) break
    await giveUp(services.pool, holder, services.clock())
  }
  // Others kept taking the period in between (family members racing each other).
  return fail('ORDER_NOT_PAYABLE', BACKEND_MESSAGES.periodContended)
}

export const queryOrder: Handler<'queryOrder'> = async (services, caller, { orderId }) => orderView(await refreshed(services, await ownOrder(services, caller, orderId)))

/**
 * The app's WeChat cashier came back without paying. What it says decides nothing: it only makes
 * the server close the open attempt at WeChat Pay and record what its own query then says. Asked
 * again, or once a payment is known, there is nothing open to close and the order is answered as is.
 */
export const cashierReturned: Handler<'cashierReturned'> = async (services, caller, { orderId, result }) => {
  const order = await ownOrder(services, caller, orderId)
  if (order.family_order_id) return fail('ORDER_NOT_PAYABLE', BACKEND_MESSAGES.paidInFamilyOrder, orderId)
  const live = order.state === 'paying' ? await liveAttempts(services, orderId) : {}
  const attempt = live.paid ? undefined : live.open
  if (!attempt) return orderView(await refreshed(services, order))
  await closeReturnedAttempt(services, attempt, result === 'cancel' ? { as: 'cancelled' } : { as: 'failed', reason: FAIL_REASONS.notCompleted })
  return orderView((await readOrder(services.pool, orderId))!)
}

/**
 * pending/failed → paying and the order's new open attempt, in one statement (so one compare-and-set
 * decides, and the attempt exists exactly when the order moved); undefined when another request moved it first.
 */
async function openFirstAttempt(services: Services, order: OrderWithPayer, openid: string): Promise<{ order: OrderWithPayer; attempt: AttemptWithParams } | undefined> {
  assertTransition(order.state, 'paying')
  const now = services.clock()
  const { rows } = await services.pool.query<{ moved: OrderRow; attempt: AttemptWithParams }>(
    `WITH moved AS (
       UPDATE orders SET state = 'paying', updated_at = $4, attempts = attempts + 1, fail_reason = NULL WHERE order_id = $1 AND state = $2 RETURNING *
     ), attempt AS (
       INSERT INTO payment_attempts (attempt_id, order_id, out_trade_no, amount_fen, state, openid, next_query_at, created_at, updated_at)
       SELECT $3, order_id, $3, amount_fen, 'open', $5, $6, $4, $4 FROM moved RETURNING *
     )
     SELECT row_to_json(moved.*) AS moved, row_to_json(attempt.*) AS attempt FROM moved, attempt`,
    [order.order_id, order.state, newId('PA'), now, openid, now + services.timings.notifyGraceMs],
  )
  // The payer's fields are the ones read with the order: a payer's masked identity does not change.
  return rows[0] && { order: { ...order, ...rows[0].moved }, attempt: rows[0].attempt }
}

/** Opens (or hands back) the order's one open attempt and the provider's pay parameters. */
export const startPayment: Handler<'startPayment'> = async (services, caller, { orderId }) => {
  let order = await refreshed(services, await ownOrder(services, caller, orderId))
  if (order.family_order_id) return fail('ORDER_NOT_PAYABLE', BACKEND_MESSAGES.paidInFamilyOrder, orderId)
  if (isPaidState(order.state)) return fail('ALREADY_PAID', BACKEND_MESSAGES.alreadyPaid, orderId)
  if (order.state === 'reversing') return fail('PAYMENT_LOCKED', BACKEND_MESSAGES.locked, orderId)
  let attempt: AttemptWithParams | undefined
  if (order.state !== 'paying') {
    if (!canStartPayment(order.state)) return fail('ORDER_NOT_PAYABLE', BACKEND_MESSAGES.orderClosed, orderId)
    const opened = await openFirstAttempt(services, order, caller.openid)
    // Whoever wins the compare-and-set made the attempt; a loser reads the winner's.
    if (opened) ({ order, attempt } = opened)
    else order = (await readOrder(services.pool, orderId))!
  }
  // Paying with no open attempt: the money is in and the tax system is still confirming it. That
  // attempt is handed back (as the mock does); its cashier says it is paid, and polling settles it.
  if (!attempt) {
    const live = await liveAttempts(services, orderId)
    attempt = live.open ?? live.paid
  }
  if (order.state !== 'paying' || !attempt) return fail('ORDER_NOT_PAYABLE', BACKEND_MESSAGES.orderClosed, orderId)
  const payParams = await payParamsOf(services, attempt, { amountFen: order.amount_fen, description: `${order.item_name} ${order.period_label}`, openid: caller.openid })
  return { attemptId: attempt.attempt_id, amountFen: order.amount_fen, payee: order.tax_authority, payParams, order: orderView(order), cashier: services.pay.cashier }
}
