/** listDueItems, listRecords, getReceipt: what a user reads about their payers and orders. */
import { BACKEND_MESSAGES } from '../../../src/domain/backendMessages'
import { isPaidState } from '../../../src/domain/orderState'
import { receiptOf } from '../../../src/domain/receipt'
import type { OrderView } from '../contract'
import { fail, RpcError } from '../errors'
import type { TaxRecord } from '../tax/port'
import type { Caller, Handler, Services } from './context'
import { orderView, ordersOf, ownOrderWithVoucher, type OrderWithPayer } from './orderStore'
import { ownPayer, payerView, type PayerRow } from './payers'
import { refreshed } from './progress'

/** Payments on record at the tax system from other channels carry this prefix and the voucher number. */
const TAX_RECORD_PREFIX = 'TX'

export const listDueItems: Handler<'listDueItems'> = async (services, caller, { payerRef }) => {
  const payer = await ownPayer(services, caller, payerRef)
  // A family order's item is not offered as the person's open order: it is paid through its family order.
  const open = await ordersOf(services.pool, "o.owner_id = $1 AND o.person_key = $2 AND o.state IN ('pending', 'paying', 'failed') AND o.family_order_id IS NULL", [caller.userId, payer.person_key])
  const stillOpen = (await Promise.all(open.map((o) => refreshed(services, o)))).filter((o) => o.state === 'pending' || o.state === 'paying' || o.state === 'failed')
  try {
    const due = await services.tax.dueItems(payer.tax_person_id)
    return { payer: await payerView(services, payer), ...due, ...(stillOpen[0] ? { openOrderId: stillOpen[0].order_id } : {}) }
  } catch (error) {
    // "Already paid" points at the user's own paid order when there is one.
    if (!(error instanceof RpcError) || error.code !== 'ALREADY_PAID') throw error
    const paid = await ordersOf(services.pool, "o.owner_id = $1 AND o.person_key = $2 AND o.state IN ('paid', 'settled')", [caller.userId, payer.person_key])
    return fail('ALREADY_PAID', error.message, paid[0]?.order_id)
  }
}

function taxRecordView(record: TaxRecord, payer: PayerRow): OrderView {
  const p = record.priced
  return {
    orderId: `${TAX_RECORD_PREFIX}${record.voucherNo}`,
    state: 'settled',
    payer: { maskedName: payer.masked_name, maskedIdNumber: payer.masked_id_number, idType: payer.id_type, isSelf: payer.is_self },
    payerRef: payer.payer_ref,
    kind: p.selection.kind,
    itemName: p.itemName,
    periodLabel: p.periodLabel,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    amountFen: p.amountFen,
    subsidyFen: p.subsidyFen,
    taxAuthority: '',
    regionName: '',
    coverStart: p.coverStart,
    createdAt: record.paidAt,
    updatedAt: record.paidAt,
    paidAt: record.paidAt,
    moneyTaken: false,
    attempts: 0,
  }
}

async function withRegion(services: Services, view: OrderView, payer: PayerRow): Promise<OrderView> {
  const person = await services.tax.person(payer.tax_person_id)
  return { ...view, taxAuthority: person.region.taxAuthority, regionName: person.region.name }
}

/** A tax-system record one of the user's payers holds, found by its record id. */
async function ownTaxRecord(services: Services, caller: Caller, orderId: string): Promise<{ record: TaxRecord; payer: PayerRow } | undefined> {
  if (!orderId.startsWith(TAX_RECORD_PREFIX)) return undefined
  const record = await services.tax.recordByVoucher(orderId.slice(TAX_RECORD_PREFIX.length))
  if (!record) return undefined
  const { rows } = await services.pool.query<PayerRow>('SELECT * FROM payers WHERE owner_id = $1 AND tax_person_id = $2 AND NOT via_share', [caller.userId, record.taxPersonId])
  return rows[0] ? { record, payer: rows[0] } : undefined
}

export const listRecords: Handler<'listRecords'> = async (services, caller, { payerRef, year }) => {
  const payers = payerRef
    ? [await ownPayer(services, caller, payerRef)]
    : (await services.pool.query<PayerRow>('SELECT * FROM payers WHERE owner_id = $1', [caller.userId])).rows
  const params: unknown[] = [caller.userId]
  let where = "o.owner_id = $1 AND o.state NOT IN ('pending', 'closed')"
  if (payerRef) where += ` AND o.payer_ref = $${params.push(payerRef)}`
  const orders: OrderWithPayer[] = []
  for (const o of await ordersOf(services.pool, where, params)) orders.push(o.state === 'settled' || o.state === 'refunded' ? o : await refreshed(services, o))
  const views = orders.map(orderView)
  // The tax system's history of a person is for those who gave their ID number, not a card's opener.
  for (const payer of payers.filter((p) => !p.via_share)) {
    for (const record of await services.tax.otherChannelRecords(payer.tax_person_id)) views.push(await withRegion(services, taxRecordView(record, payer), payer))
  }
  const records = views.filter((r) => year === undefined || r.periodStart.startsWith(String(year))).sort((a, b) => b.createdAt - a.createdAt)
  return { records }
}

export const getReceipt: Handler<'getReceipt'> = async (services, caller, { orderId }) => {
  const fromTax = await ownTaxRecord(services, caller, orderId)
  if (fromTax) {
    const view = await withRegion(services, taxRecordView(fromTax.record, fromTax.payer), fromTax.payer)
    return receiptOf(view, fromTax.record.voucherNo, view.paidAt!)
  }
  const read = await ownOrderWithVoucher(services, caller, orderId)
  const order = await refreshed(services, read)
  if (!isPaidState(order.state)) return fail('ORDER_NOT_PAYABLE', BACKEND_MESSAGES.notPaidYet, orderId)
  // Read again only when this request moved the order (a paid order is not moved: it has its voucher).
  const voucher = order === read ? read.tax_voucher_no : (await ownOrderWithVoucher(services, caller, orderId)).tax_voucher_no
  if (!voucher) return fail('ORDER_NOT_PAYABLE', BACKEND_MESSAGES.notPaidYet, orderId)
  const view = orderView(order)
  return receiptOf(view, voucher, view.paidAt!)
}

