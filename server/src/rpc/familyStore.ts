/**
 * Family orders (全部缴纳) in the database: the row that carries the payment, its items (rows of
 * orders with family_order_id), the view, and the compare-and-set moves of both.
 */
import { BACKEND_MESSAGES } from '../../../src/domain/backendMessages'
import { assertTransition, type OrderState } from '../../../src/domain/orderState'
import type { FamilyOrderItemRequest, FamilyOrderView } from '../contract'
import { inTransaction, type Db, type Queryable } from '../db/database'
import { fail } from '../errors'
import type { Caller, Services } from './context'
import { casRow, casState, orderView, ordersOf, type OrderRow, type OrderWithPayer } from './orderStore'

export interface FamilyRow {
  family_order_id: string
  owner_id: string
  idempotency_key: string
  request: FamilyOrderItemRequest[]
  state: OrderState
  amount_fen: number
  attempts: number
  fail_reason: string | null
  created_at: number
  updated_at: number
  paid_at: number | null
}

/** A family order with its items, in the order they were asked for. */
export interface Family {
  row: FamilyRow
  items: OrderWithPayer[]
}

/** Items whose money is going (or gone) back: a refused booking. */
const RETURNED: readonly OrderState[] = ['reversing', 'refunded']

export function familyView({ row, items }: Family): FamilyOrderView {
  return {
    familyOrderId: row.family_order_id,
    state: row.state,
    amountFen: row.amount_fen,
    items: items.map(orderView),
    refundFen: items.filter((i) => RETURNED.includes(i.state)).reduce((sum, i) => sum + i.amount_fen, 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.paid_at !== null ? { paidAt: row.paid_at } : {}),
    ...(row.fail_reason ? { failReason: row.fail_reason } : {}),
    // Only when no item became a payment did the money taken not become one.
    moneyTaken: items.every((i) => RETURNED.includes(i.state)),
    attempts: row.attempts,
  }
}

export async function readFamily(db: Queryable, familyOrderId: string): Promise<Family | undefined> {
  const row = (await db.query<FamilyRow>('SELECT * FROM family_orders WHERE family_order_id = $1', [familyOrderId])).rows[0]
  if (!row) return undefined
  const items = await ordersOf(db, 'o.family_order_id = $1', [familyOrderId])
  const position = (item: OrderWithPayer) => row.request.findIndex((asked) => asked.payerRef === item.payer_ref)
  return { row, items: items.sort((a, b) => position(a) - position(b)) }
}

export async function familyByKey(db: Queryable, ownerId: string, idempotencyKey: string): Promise<Family | undefined> {
  const { rows } = await db.query<{ family_order_id: string }>('SELECT family_order_id FROM family_orders WHERE owner_id = $1 AND idempotency_key = $2', [ownerId, idempotencyKey])
  return rows[0] && readFamily(db, rows[0].family_order_id)
}

/** Another user's family order is answered exactly like one that does not exist. */
export async function ownFamily(services: Services, caller: Caller, familyOrderId: string): Promise<Family> {
  const family = await readFamily(services.pool, familyOrderId)
  if (!family || family.row.owner_id !== caller.userId) return fail('ORDER_NOT_FOUND', BACKEND_MESSAGES.orderNotFound)
  return family
}

export const casFamily = (db: Queryable, familyOrderId: string, from: OrderState, to: OrderState, now: number, set: Record<string, unknown> = {}) =>
  casRow(db, { table: 'family_orders', key: 'family_order_id', id: familyOrderId }, from, to, now, set)

/**
 * Until the money is in, the items move with their family order: those still in one of `from`
 * go to `to` (compare-and-set each), `set` adding column updates as casState's does. Answers how many moved.
 */
export async function moveItems(db: Queryable, familyOrderId: string, from: readonly OrderState[], to: OrderState, now: number, set: Record<string, unknown> = {}): Promise<number> {
  for (const state of from) assertTransition(state, to)
  const columns = Object.keys(set)
  const assignments = columns.map((c, i) => `, ${c} = $${i + 5}`).join('')
  const { rowCount } = await db.query(`UPDATE orders SET state = $3, updated_at = $4${assignments} WHERE family_order_id = $1 AND state = ANY($2)`, [familyOrderId, from, to, now, ...columns.map((c) => set[c])])
  return rowCount ?? 0
}

/** Closes an unpaid family order and whatever items it still holds. */
export async function closeFamily(pool: Db, row: FamilyRow, now: number): Promise<void> {
  const from = row.state
  if (from !== 'pending' && from !== 'failed') return
  await inTransaction(pool, async (tx) => {
    if (await casFamily(tx, row.family_order_id, from, 'closed', now)) await moveItems(tx, row.family_order_id, ['pending', 'failed'], 'closed', now)
  })
}

/** An unpaid order gives its period up to a new order; an item gives up its whole family order (the others cannot be paid as asked without it). */
export async function giveUp(pool: Db, holder: OrderRow, now: number): Promise<void> {
  if (holder.state !== 'pending' && holder.state !== 'failed') return
  if (!holder.family_order_id) return void (await casState(pool, holder.order_id, holder.state, 'closed', now))
  const family = await readFamily(pool, holder.family_order_id)
  if (family) await closeFamily(pool, family.row, now)
}

/**
 * Inside a booking's transaction, first: the item's family order locked, so that two items booked
 * at once see each other's answer (each statement after the lock reads what the other committed).
 */
export async function lockFamilyOf(tx: Queryable, order: Pick<OrderRow, 'family_order_id'>): Promise<void> {
  if (order.family_order_id) await tx.query('SELECT 1 FROM family_orders WHERE family_order_id = $1 FOR UPDATE', [order.family_order_id])
}

/** Once the tax system has answered for every item (booked, or refused and going back), the family order is paid. */
export async function familyAnswered(tx: Queryable, order: Pick<OrderRow, 'family_order_id'>, now: number): Promise<void> {
  if (!order.family_order_id) return
  await tx.query(
    `UPDATE family_orders f SET state = 'paid', updated_at = $2, paid_at = (SELECT paid_at FROM payment_attempts WHERE family_order_id = $1 AND state = 'paid')
     WHERE family_order_id = $1 AND state = 'paying' AND NOT EXISTS (SELECT 1 FROM orders WHERE family_order_id = $1 AND state = 'paying')`,
    [order.family_order_id, now],
  )
}
