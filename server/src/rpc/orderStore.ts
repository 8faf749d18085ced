/** Orders in the database: their rows, their views, and the compare-and-set state change. */
import { BACKEND_MESSAGES } from '../../../src/domain/backendMessages'
import type { OrderState } from '../../../src/domain/orderState'
import { assertTransition } from '../../../src/domain/orderState'
import type { OrderSelection, OrderView } from '../contract'
import type { Queryable } from '../db/database'
import { fail } from '../errors'
import type { PricedSelection } from '../tax/port'
import type { Caller, Services } from './context'
import type { PayerRow } from './payers'

export interface OrderRow {
  order_id: string
  owner_id: string
  payer_ref: string
  person_key: string
  idempotency_key: string
  period_key: string
  selection: OrderSelection
  state: OrderState
  kind: OrderView['kind']
  item_name: string
  period_label: string
  period_start: string
  period_end: string
  amount_fen: number
  subsidy_fen: number
  tier_label: string | null
  tax_authority: string
  region_name: string
  cover_start: string
  created_at: number
  updated_at: number
  paid_at: number | null
  fail_reason: string | null
  money_taken: boolean
  attempts: number
  reversing_since: number | null
  /** When the booking job next asks the tax system (paying with the money in, or paid). */
  next_booking_at: number | null
  booking_tries: number
  /** Set when the order is an item of a family order (全部缴纳), which carries its payment. */
  family_order_id: string | null
}

/** The order with the payer fields its view needs. */
export type OrderWithPayer = OrderRow & Pick<PayerRow, 'is_self' | 'id_type' | 'masked_name' | 'masked_id_number' | 'tax_person_id'>

const WITH_PAYER_COLUMNS = 'o.*, p.is_self, p.id_type, p.masked_name, p.masked_id_number, p.tax_person_id'
const ORDERS_WITH_PAYERS = 'orders o JOIN payers p ON p.payer_ref = o.payer_ref'
const SELECT_WITH_PAYER = `SELECT ${WITH_PAYER_COLUMNS} FROM ${ORDERS_WITH_PAYERS}`

/** The period an order holds (see the orders_one_live_per_period index). */
export function periodKeyOf(selection: OrderSelection): string {
  return selection.kind === 'resident' ? `R${selection.coverageYear}` : `F${[...selection.months].sort()[0]}`
}

export function orderView(o: OrderWithPayer): OrderView {
  return {
    orderId: o.order_id,
    state: o.state,
    payer: { maskedName: o.masked_name, maskedIdNumber: o.masked_id_number, idType: o.id_type, isSelf: o.is_self },
    payerRef: o.payer_ref,
    kind: o.kind,
    itemName: o.item_name,
    periodLabel: o.period_label,
    periodStart: o.period_start,
    periodEnd: o.period_end,
    amountFen: o.amount_fen,
    subsidyFen: o.subsidy_fen,
    ...(o.tier_label ? { tierLabel: o.tier_label } : {}),
    taxAuthority: o.tax_authority,
    regionName: o.region_name,
    coverStart: o.cover_start,
    createdAt: o.created_at,
    updatedAt: o.updated_at,
    ...(o.paid_at !== null ? { paidAt: o.paid_at } : {}),
    ...(o.fail_reason ? { failReason: o.fail_reason } : {}),
    moneyTaken: o.money_taken,
    attempts: o.attempts,
    ...(o.family_order_id ? { familyOrderId: o.family_order_id } : {}),
  }
}

export async function readOrder(db: Queryable, orderId: string): Promise<OrderWithPayer | undefined> {
  return (await db.query<OrderWithPayer>(`${SELECT_WITH_PAYER} WHERE o.order_id = $1`, [orderId])).rows[0]
}

/** Another user's order is answered exactly like one that does not exist. */
export async function ownOrder(services: Services, caller: Caller, orderId: string): Promise<OrderWithPayer> {
  return owned(caller, await readOrder(services.pool, orderId))
}

function owned<T extends OrderRow>(caller: Caller, order: T | undefined): T {
  if (!order || order.owner_id !== caller.userId) return fail('ORDER_NOT_FOUND', BACKEND_MESSAGES.orderNotFound)
  return order
}

/** ownOrder with its receipt's 电子税票号码 (null until booked), in one read. */
export async function ownOrderWithVoucher(services: Services, caller: Caller, orderId: string): Promise<OrderWithPayer & { tax_voucher_no: string | null }> {
  const { rows } = await services.pool.query<OrderWithPayer & { tax_voucher_no: string | null }>(
    `SELECT ${WITH_PAYER_COLUMNS}, r.tax_voucher_no FROM ${ORDERS_WITH_PAYERS} LEFT JOIN receipts r ON r.order_id = o.order_id WHERE o.order_id = $1`,
    [orderId],
  )
  return owned(caller, rows[0])
}

export async function orderByKey(db: Queryable, ownerId: string, idempotencyKey: string): Promise<OrderWithPayer | undefined> {
  return (await db.query<OrderWithPayer>(`${SELECT_WITH_PAYER} WHERE o.owner_id = $1 AND o.idempotency_key = $2`, [ownerId, idempotencyKey])).rows[0]
}

export async function liveHolder(db: Queryable, personKey: string, periodKey: string): Promise<OrderWithPayer | undefined> {
  return (
    await db.query<OrderWithPayer>(
      `${SELECT_WITH_PAYER} WHERE o.person_key = $1 AND o.period_key = $2 AND o.state IN ('pending', 'paying', 'failed', 'reversing', 'paid', 'settled')`,
      [personKey, periodKey],
    )
  ).rows[0]
}

export async function ordersOf(db: Queryable, where: string, params: unknown[]): Promise<OrderWithPayer[]> {
  return (await db.query<OrderWithPayer>(`${SELECT_WITH_PAYER} WHERE ${where} ORDER BY o.created_at DESC, o.order_id`, params)).rows
}

/** Inserts the order unless a unique index says it exists already; the order as stored, or undefined then. */
export async function insertOrder(
  db: Queryable,
  row: { orderId: string; ownerId: string; payer: PayerRow; idempotencyKey: string; priced: PricedSelection; taxAuthority: string; regionName: string; now: number; familyOrderId?: string },
): Promise<OrderWithPayer | undefined> {
  const p = row.priced
  const { rows } = await db.query<OrderRow>(
    `INSERT INTO orders (order_id, owner_id, payer_ref, person_key, idempotency_key, period_key, selection, state, kind, item_name, period_label,
       period_start, period_end, amount_fen, subsidy_fen, tier_label, tax_authority, region_name, cover_start, created_at, updated_at, family_order_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $20)
     ON CONFLICT DO NOTHING RETURNING *`,
    [row.orderId, row.ownerId, row.payer.payer_ref, row.payer.person_key, row.idempotencyKey, periodKeyOf(p.selection), JSON.stringify(p.selection), p.selection.kind,
      p.itemName, p.periodLabel, p.periodStart, p.periodEnd, p.amountFen, p.subsidyFen, p.tierLabel ?? null, row.taxAuthority, row.regionName, p.coverStart, row.now, row.familyOrderId ?? null],
  )
  const { is_self, id_type, masked_name, masked_id_number, tax_person_id } = row.payer
  return rows[0] && { ...rows[0], is_self, id_type, masked_name, masked_id_number, tax_person_id }
}

/**
 * Moves an order from `from` to `to` only if it is still in `from`; false when another request
 * got there first (the caller then reads the order again). `set` adds column updates.
 */
export async function casState(db: Queryable, orderId: string, from: OrderState, to: OrderState, now: number, set: Record<string, unknown> = {}): Promise<boolean> {
  return casRow(db, { table: 'orders', key: 'order_id', id: orderId }, from, to, now, set)
}

/** casState for any table with a state column (orders, family_orders). */
export async function casRow(db: Queryable, row: { table: string; key: string; id: string }, from: OrderState, to: OrderState, now: number, set: Record<string, unknown> = {}): Promise<boolean> {
  assertTransition(from, to)
  const columns = Object.keys(set)
  const assignments = columns.map((c, i) => `${c} = $${i + 5}`)
  const { rowCount } = await db.query(
    `UPDATE ${row.table} SET state = $3, updated_at = $4${assignments.length ? `, ${assignments.join(', ')}` : ''} WHERE ${row.key} = $1 AND state = $2`,
    [row.id, from, to, now, ...columns.map((c) => set[c])],
  )
  return rowCount === 1
}
