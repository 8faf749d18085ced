/**
 * createFamilyOrder (全部缴纳): each item priced and checked as createOrder prices and checks it,
 * then the family order and all its items inserted in one transaction, the unique indexes deciding
 * (the owner's idempotency key; one live order per person and period). Refusals name the person.
 */
import { BACKEND_MESSAGES } from '../../../src/domain/backendMessages'
import { isPaidState } from '../../../src/domain/orderState'
import type { FamilyOrderItemRequest, FamilyOrderView } from '../contract'
import { inTransaction } from '../db/database'
import { fail, RpcError } from '../errors'
import { newId } from '../ids'
import type { PricedSelection } from '../tax/port'
import type { Caller, Handler, Services } from './context'
import { familyRefreshed } from './familyProgress'
import { familyView, giveUp, readFamily, type Family } from './familyStore'
import { insertOrder, liveHolder, periodKeyOf, type OrderWithPayer } from './orderStore'
import { ownPayer, type PayerRow } from './payers'
import { refreshed } from './progress'

interface PricedItem {
  payerRef: string
  payer: PayerRow
  priced: PricedSelection
  taxAuthority: string
  regionName: string
}

/** A refusal about one person of the family order says which person (ErrorBody.payerRef). */
async function aboutPerson<T>(payerRef: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof RpcError && !error.payerRef) throw new RpcError(error.code, error.message, error.orderId, payerRef)
    throw error
  }
}

async function priceItem(services: Services, caller: Caller, { payerRef, selection }: FamilyOrderItemRequest): Promise<PricedItem> {
  const payer = await ownPayer(services, caller, payerRef)
  const priced = await services.tax.price(payer.tax_person_id, selection)
  const person = await services.tax.person(payer.tax_person_id)
  return { payerRef, payer, priced, taxAuthority: person.region.taxAuthority, regionName: person.region.name }
}

/** The same key asks for the same items (jsonb equality: the same people and selections, in order). */
async function byKey(services: Services, caller: Caller, idempotencyKey: string, items: FamilyOrderItemRequest[]): Promise<FamilyOrderView | undefined> {
  const { rows } = await services.pool.query<{ family_order_id: string; same: boolean }>(
    'SELECT family_order_id, request = $3::jsonb AS same FROM family_orders WHERE owner_id = $1 AND idempotency_key = $2',
    [caller.userId, idempotencyKey, JSON.stringify(items)],
  )
  if (!rows[0]) return undefined
  if (!rows[0].same) return fail('INVALID_REQUEST', BACKEND_MESSAGES.duplicateKey)
  return familyView(await familyRefreshed(services, (await readFamily(services.pool, rows[0].family_order_id))!))
}

/** The live order holding a person-period, as it stands now (a family item's through its family order). */
async function holderNow(services: Services, found: OrderWithPayer): Promise<OrderWithPayer> {
  if (!found.family_order_id) return refreshed(services, found)
  const family = await familyRefreshed(services, (await readFamily(services.pool, found.family_order_id))!)
  return family.items.find((item) => item.order_id === found.order_id)!
}

/**
 * The per-person rule, as createOrder applies it: paid → ALREADY_PAID, money going back →
 * PAYMENT_LOCKED, an attempt running in another order → IN_OTHER_ORDER; an unpaid order without
 * a running attempt is closed so the family order can take its place (except in the last round,
 * which would leave the period to nobody if it then lost the race).
 */
async function makeRoom(services: Services, caller: Caller, item: PricedItem, mayClose: boolean): Promise<void> {
  const found = await liveHolder(services.pool, item.payer.person_key, periodKeyOf(item.priced.selection))
  if (!found) return
  const holder = await holderNow(services, found)
  const refuse = (code: 'ALREADY_PAID' | 'PAYMENT_LOCKED' | 'IN_OTHER_ORDER', message: string) =>
    fail(code, message, holder.owner_id === caller.userId ? holder.order_id : undefined, item.payerRef)
  if (isPaidState(holder.state)) return refuse('ALREADY_PAID', BACKEND_MESSAGES.alreadyPaid)
  if (holder.state === 'reversing') return refuse('PAYMENT_LOCKED', BACKEND_MESSAGES.locked)
  if (holder.state === 'paying') return refuse('IN_OTHER_ORDER', BACKEND_MESSAGES.inOtherOrder)
  if (mayClose) await giveUp(services.pool, holder, services.clock())
}

/** Thrown inside the insert's transaction when a unique index says no: nothing is kept. */
class Taken extends Error {}

async function insertFamily(services: Services, caller: Caller, idempotencyKey: string, request: FamilyOrderItemRequest[], items: PricedItem[]): Promise<Family | undefined> {
  const familyOrderId = newId('FO')
  const now = services.clock()
  const amountFen = items.reduce((sum, item) => sum + item.priced.amountFen, 0)
  try {
    await inTransaction(services.pool, async (tx) => {
      const { rowCount } = await tx.query(
        "INSERT INTO family_orders (family_order_id, owner_id, idempotency_key, request, state, amount_fen, created_at, updated_at) VALUES ($1, $2, $3, $4, 'pending', $5, $6, $6) ON CONFLICT DO NOTHING",
        [familyOrderId, caller.userId, idempotencyKey, JSON.stringify(request), amountFen, now],
      )
      if (!rowCount) throw new Taken()
      for (const [index, item] of items.entries()) {
        const row = { ...item, orderId: newId('OD'), ownerId: caller.userId, idempotencyKey: `${familyOrderId}.${index}`, now, familyOrderId }
        if (!(await insertOrder(tx, row))) throw new Taken()
      }
    })
  } catch (error) {
    if (error instanceof Taken) return undefined
    throw error
  }
  return readFamily(services.pool, familyOrderId)
}

export const createFamilyOrder: Handler<'createFamilyOrder'> = async (services, caller, { idempotencyKey, items: request }) => {
  const existing = await byKey(services, caller, idempotencyKey, request)
  if (existing) return existing
  const items: PricedItem[] = []
  for (const asked of request) items.push(await aboutPerson(asked.payerRef, () => priceItem(services, caller, asked)))
  const ROUNDS = 3
  for (let round = 0; round < ROUNDS; round++) {
    for (const item of items) await aboutPerson(item.payerRef, () => makeRoom(services, caller, item, round < ROUNDS - 1))
    const created = await insertFamily(services, caller, idempotencyKey, request, items)
    if (created) return familyView(created)
    const raced = await byKey(services, caller, idempotencyKey, request)
    if (raced) return raced
  }
  // Others kept taking a period in between (family members racing each other).
  return fail('ORDER_NOT_PAYABLE', BACKEND_MESSAGES.periodContended)
}
