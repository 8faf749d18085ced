/**
 * 全部缴纳 on the server, end to end over loopback: one family order for several demo people, paid
 * by one WeChat Pay attempt over the sum, booked per person (a refused booking refunds that item's
 * part of the transaction only), on a real PostgreSQL whose tables the test reads directly.
 */
import { FAMILY_ORDER_MAX_PEOPLE, type FamilyOrderItemRequest } from '@/contract'
import { findPersonById } from '@/services/mock/registry'
import { newKey } from '../unit/contract/backendContract'
import { postJson, userClient } from './httpClient'
import type { SheetAnswer, SheetKnobs } from './wechatpayWorld'
import { wechatPayOnPostgres } from './wechatpayWorld'

const { on, world } = wechatPayOnPostgres()
beforeEach(() => world.reset())

type User = Awaited<ReturnType<typeof userClient>>

/** The demo user with these people looked up (代他人缴费), each with their first payable resident year. */
async function family(personIds: string[], code = 'demo') {
  const user = await userClient(() => on.server.url(), code)
  const items: FamilyOrderItemRequest[] = []
  for (const id of personIds) {
    const p = findPersonById(id)!
    const payer = await user.backend.lookupPayer({ mode: 'other', name: p.name, idType: p.idType, idNumber: p.idNumber })
    const year = (await user.backend.listDueItems({ payerRef: payer.payerRef })).resident!.years[0].coverageYear
    items.push({ payerRef: payer.payerRef, selection: { kind: 'resident', coverageYear: year } })
  }
  return { user, items }
}

const sheet = async (user: User, attemptId: string, action: 'pay' | 'cancel' | 'fail', knobs: SheetKnobs = {}): Promise<SheetAnswer> =>
  (await postJson(`${on.server.url()}/sim/cashier`, { prepayId: user.http.prepayIds.get(attemptId), action, ...knobs })).body as SheetAnswer

const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (error: { code: string; payerRef?: string; orderId?: string }) => ({ code: error.code, payerRef: error.payerRef, orderId: error.orderId }))

const LIVE = "('pending', 'paying', 'failed', 'reversing', 'paid', 'settled')"

it('a family of three paid with one attempt over the sum: one transaction, three bookings, three receipts', async () => {
  const { user, items } = await family(['p06', 'p08', 'p09'])
  const order = await user.backend.createFamilyOrder({ idempotencyKey: newKey(), items })
  expect(order).toMatchObject({ state: 'pending', items: items.map((i) => expect.objectContaining({ payerRef: i.payerRef, state: 'pending', familyOrderId: order.familyOrderId })) })
  expect(order.amountFen).toBe(order.items.reduce((sum, i) => sum + i.amountFen, 0))
  const start = await user.backend.startFamilyPayment({ familyOrderId: order.familyOrderId })
  expect(start).toMatchObject({ amountFen: order.amountFen, familyOrder: { state: 'paying', attempts: 1 } })
  // A racing start gets the same attempt.
  expect((await user.backend.startFamilyPayment({ familyOrderId: order.familyOrderId })).attemptId).toBe(start.attemptId)
  expect(await sheet(user, start.attemptId, 'pay')).toMatchObject({ result: 'ok', deliveries: [204] })

  expect(await on.db.rows('SELECT amount_fen, state FROM payment_attempts')).toEqual([{ amount_fen: order.amountFen, state: 'paid' }])
  const paid = await user.backend.queryFamilyOrder({ familyOrderId: order.familyOrderId })
  expect(paid).toMatchObject({ state: 'paid', refundFen: 0, moneyTaken: false, items: [{ state: 'paid' }, { state: 'paid' }, { state: 'paid' }] })
  const receipts = await Promise.all(order.items.map((i) => user.backend.getReceipt({ orderId: i.orderId })))
  expect(receipts.map((r) => r.amountFen)).toEqual(order.items.map((i) => i.amountFen))
  expect(new Set(receipts.map((r) => r.taxVoucherNo)).size).toBe(3)
  const records = (await user.backend.listRecords({})).records.filter((r) => r.familyOrderId === order.familyOrderId)
  expect(records.map((r) => r.orderId).sort()).toEqual(order.items.map((i) => i.orderId).sort())
  // Each item is paid through its family order only.
  const item = { orderId: order.items[0].orderId }
  expect(await rejection(user.backend.startPayment(item))).toMatchObject({ code: 'ORDER_NOT_PAYABLE' })
  expect(await rejection(user.backend.cashierReturned({ ...item, result: 'cancel' }))).toMatchObject({ code: 'ORDER_NOT_PAYABLE' })
  expect(await rejection(user.backend.startFamilyPayment({ familyOrderId: order.familyOrderId }))).toMatchObject({ code: 'ALREADY_PAID' })
})

it("one person's booking refused: that item alone is refunded (a partial refund), the others settle; money taken = receipts + refunds, and the day reconciles", async () => {
  const { user, items } = await family(['p08', 'p12', 'p09']) // p12 欧阳娜娜: the tax system refuses her booking
  const order = await user.backend.createFamilyOrder({ idempotencyKey: newKey(), items })
  const start = await user.backend.startFamilyPayment({ familyOrderId: order.familyOrderId })
  await sheet(user, start.attemptId, 'pay')
  const refused = order.items[1]
  expect((await user.backend.queryOrder({ orderId: refused.orderId })).state).toBe('reversing')
  await world.advance(5_000) // the simulator settles the refund; the refund job's next look finds it
  await world.advance(120_000)

  const after = await user.backend.queryFamilyOrder({ familyOrderId: order.familyOrderId })
  expect(after.items.map((i) => i.state)).toEqual([expect.stringMatching(/^(paid|settled)$/), 'refunded', expect.stringMatching(/^(paid|settled)$/)])
  expect(after).toMatchObject({ state: 'paid', refundFen: refused.amountFen })
  expect(after.items[1]).toMatchObject({ moneyTaken: true })
  const refunds = await on.db.rows<{ amount_fen: number; state: string; attempt_id: string; order_id: string }>('SELECT * FROM refunds')
  expect(refunds).toEqual([expect.objectContaining({ amount_fen: refused.amountFen, state: 'succeeded', attempt_id: start.attemptId, order_id: refused.orderId })])
  const booked = await on.db.rows<{ sum: number }>('SELECT sum(o.amount_fen)::int AS sum FROM receipts r JOIN orders o USING (order_id)')
  expect(booked[0].sum + refunds[0].amount_fen).toBe(order.amountFen)
  expect(await rejection(user.backend.getReceipt({ orderId: refused.orderId }))).toMatchObject({ code: 'ORDER_NOT_PAYABLE' })

  // Reconciliation counts the attempt once with its total and its partial refund (the simulator's
  // books outlive /sim/reset, so earlier tests' trades of the day show up too: only this one's are read).
  const [{ paid_at: paidAt }] = await on.db.rows<{ paid_at: string }>('SELECT paid_at FROM payment_attempts')
  const [{ succeeded_at: refundedAt }] = await on.db.rows<{ succeeded_at: string }>('SELECT succeeded_at FROM refunds')
  const days = [...new Set([paidAt, refundedAt].map((ms) => new Date(Number(ms) + 8 * 3_600_000).toISOString().slice(0, 10)))]
  for (const billDate of days) await postJson(`${on.server.url()}/sim/reconcile`, { billDate })
  expect(await on.db.rows('SELECT bill_date FROM reconcile_runs WHERE bill_rows > 0')).toHaveLength(days.length)
  expect(await on.db.rows('SELECT kind FROM reconcile_differences WHERE out_trade_no = $1', [start.attemptId])).toEqual([])
})

it('three concurrent duplicates of the notify: one payment, each item booked once', async () => {
  const { user, items } = await family(['p06', 'p08', 'p09'])
  const order = await user.backend.createFamilyOrder({ idempotencyKey: newKey(), items })
  const start = await user.backend.startFamilyPayment({ familyOrderId: order.familyOrderId })
  expect((await sheet(user, start.attemptId, 'pay', { deliveries: 3, concurrent: true })).deliveries).toEqual([204, 204, 204])
  expect(await on.db.inbox(start.attemptId)).toHaveLength(1)
  expect(await on.db.rows("SELECT 1 FROM payment_attempts WHERE state = 'paid'")).toHaveLength(1)
  expect(await on.db.rows('SELECT order_id FROM receipts')).toHaveLength(3)
  expect(await on.db.rows('SELECT 1 FROM refunds')).toEqual([])
})

it('cancel at the cashier: the family order and its items are payable again; a second paid attempt (the close raced the payment) is refunded whole', async () => {
  const { user, items } = await family(['p06', 'p08'])
  const order = await user.backend.createFamilyOrder({ idempotencyKey: newKey(), items })
  const first = await user.backend.startFamilyPayment({ familyOrderId: order.familyOrderId })
  await sheet(user, first.attemptId, 'cancel')
  expect(await user.backend.queryFamilyOrder({ familyOrderId: order.familyOrderId })).toMatchObject({ state: 'pending', items: [{ state: 'pending' }, { state: 'pending' }] })
  const second = await user.backend.startFamilyPayment({ familyOrderId: order.familyOrderId })
  expect(second.attemptId).not.toBe(first.attemptId)
  await sheet(user, second.attemptId, 'pay')
  await sheet(user, first.attemptId, 'pay', { evenIfClosed: true })
  await world.advance(5_000)
  await world.advance(120_000)
  expect(await on.db.attempt(first.attemptId)).toMatchObject({ state: 'extra' })
  expect(await on.db.rows('SELECT amount_fen, order_id, state FROM refunds')).toEqual([{ amount_fen: order.amountFen, order_id: null, state: 'succeeded' }])
  const booked = { state: expect.stringMatching(/^(paid|settled)$/) }
  expect(await user.backend.queryFamilyOrder({ familyOrderId: order.familyOrderId })).toMatchObject({ state: 'paid', attempts: 2, refundFen: 0, items: [booked, booked] })
})

it('the same key gives the same order; the same key with other items is refused; six people are refused by the schema', async () => {
  const { user, items } = await family(['p06', 'p08'])
  const key = newKey()
  const order = await user.backend.createFamilyOrder({ idempotencyKey: key, items })
  expect((await user.backend.createFamilyOrder({ idempotencyKey: key, items })).familyOrderId).toBe(order.familyOrderId)
  expect(await rejection(user.backend.createFamilyOrder({ idempotencyKey: key, items: items.slice(0, 1) }))).toMatchObject({ code: 'INVALID_REQUEST' })
  const six = Array.from({ length: FAMILY_ORDER_MAX_PEOPLE + 1 }, (_, i) => ({ ...items[0], payerRef: `${items[0].payerRef.slice(0, -1)}${i}` }))
  const { status, body } = await postJson(`${on.server.url()}/v1/rpc/createFamilyOrder`, { idempotencyKey: newKey(), items: six }, { authorization: `Bearer ${user.token()}` })
  expect({ status, body }).toMatchObject({ status: 200, body: { ok: false, error: { code: 'INVALID_REQUEST' } } })
  expect(await on.db.rows('SELECT family_order_id FROM family_orders')).toHaveLength(1)
})

it('a person being paid in another order is refused by name (IN_OTHER_ORDER), one already paid too (ALREADY_PAID); an unpaid order gives its period up', async () => {
  const { user, items } = await family(['p06', 'p08', 'p09'])
  const single = await user.backend.createOrder({ idempotencyKey: newKey(), ...items[2] })
  const paying = await user.backend.createFamilyOrder({ idempotencyKey: newKey(), items: items.slice(0, 2) })
  await user.backend.startFamilyPayment({ familyOrderId: paying.familyOrderId })
  expect(await rejection(user.backend.createFamilyOrder({ idempotencyKey: newKey(), items: [items[2], items[1]] }))).toEqual({ code: 'IN_OTHER_ORDER', payerRef: items[1].payerRef, orderId: paying.items[1].orderId })
  expect(await rejection(user.backend.createOrder({ idempotencyKey: newKey(), ...items[0] }))).toMatchObject({ code: 'IN_OTHER_ORDER' })
  // p09's unpaid single order gives its period up to a family order.
  const withP09 = await user.backend.createFamilyOrder({ idempotencyKey: newKey(), items: [items[2]] })
  expect((await user.backend.queryOrder({ orderId: single.orderId })).state).toBe('closed')
  const start = await user.backend.startFamilyPayment({ familyOrderId: withP09.familyOrderId })
  await sheet(user, start.attemptId, 'pay')
  expect(await rejection(user.backend.createFamilyOrder({ idempotencyKey: newKey(), items: [items[2]] }))).toMatchObject({ code: 'ALREADY_PAID', payerRef: items[2].payerRef })
})

it('concurrent family orders over overlapping people, and another user ordering one of them alone: never two live orders for one person-period, none half-written', async () => {
  const { user, items } = await family(['p06', 'p08', 'p09'])
  const other = await family(['p08'], 'another-family-member')
  const answers = await Promise.allSettled([
    user.backend.createFamilyOrder({ idempotencyKey: newKey(), items: items.slice(0, 2) }),
    user.backend.createFamilyOrder({ idempotencyKey: newKey(), items: items.slice(1, 3) }),
    user.backend.createFamilyOrder({ idempotencyKey: newKey(), items: [items[0], items[2]] }),
    other.user.backend.createOrder({ idempotencyKey: newKey(), ...other.items[0] }),
  ])
  expect(answers.filter((a) => a.status === 'fulfilled').length).toBeGreaterThan(0)
  for (const a of answers) if (a.status === 'rejected') expect((a.reason as { code: string }).code).toMatch(/^(ORDER_NOT_PAYABLE|IN_OTHER_ORDER)$/)
  expect(await on.db.rows(`SELECT person_key, period_key FROM orders WHERE state IN ${LIVE} GROUP BY 1, 2 HAVING count(*) > 1`)).toEqual([])
  expect(await on.db.rows('SELECT f.family_order_id FROM family_orders f WHERE jsonb_array_length(f.request) <> (SELECT count(*) FROM orders o WHERE o.family_order_id = f.family_order_id)')).toEqual([])
})

it("another WeChat user gets ORDER_NOT_FOUND for someone else's family order and its items", async () => {
  const { user, items } = await family(['p06', 'p08'])
  const order = await user.backend.createFamilyOrder({ idempotencyKey: newKey(), items })
  const stranger = await userClient(() => on.server.url(), 'someone-else')
  const { familyOrderId } = order
  for (const call of [
    () => stranger.backend.queryFamilyOrder({ familyOrderId }),
    () => stranger.backend.startFamilyPayment({ familyOrderId }),
    () => stranger.backend.familyCashierReturned({ familyOrderId, result: 'cancel' }),
    () => stranger.backend.queryOrder({ orderId: order.items[0].orderId }),
    () => stranger.backend.getReceipt({ orderId: order.items[0].orderId }),
  ]) {
    expect(await rejection(call())).toMatchObject({ code: 'ORDER_NOT_FOUND' })
  }
  expect((await user.backend.queryFamilyOrder({ familyOrderId })).state).toBe('pending')
})

it('a refused debit fails the one payment for everyone: 缴费失败 with the reason, no money taken, payable again', async () => {
  const { user, items } = await family(['p08', 'p10']) // p10 孙丽: 余额不足 at the cashier
  const order = await user.backend.createFamilyOrder({ idempotencyKey: newKey(), items })
  const start = await user.backend.startFamilyPayment({ familyOrderId: order.familyOrderId })
  expect(await sheet(user, start.attemptId, 'pay')).toMatchObject({ result: 'fail' })
  const failed = await user.backend.queryFamilyOrder({ familyOrderId: order.familyOrderId })
  expect(failed).toMatchObject({ state: 'failed', failReason: '银行卡余额不足', moneyTaken: false, items: [{ state: 'failed' }, { state: 'failed' }] })
  expect(await on.db.attempt(start.attemptId)).toMatchObject({ state: 'failed' })
  expect((await user.backend.startFamilyPayment({ familyOrderId: order.familyOrderId })).familyOrder).toMatchObject({ state: 'paying', attempts: 2 })
})

it('an attempt nobody finishes lapses (the query job closes it): payable again; an unpaid family order expires with its items', async () => {
  const { user, items } = await family(['p06', 'p08'])
  const order = await user.backend.createFamilyOrder({ idempotencyKey: newKey(), items })
  const start = await user.backend.startFamilyPayment({ familyOrderId: order.familyOrderId })
  await world.advance(16 * 60_000)
  expect(await on.db.attempt(start.attemptId)).toMatchObject({ state: 'expired' })
  expect(await user.backend.queryFamilyOrder({ familyOrderId: order.familyOrderId })).toMatchObject({ state: 'pending', items: [{ state: 'pending' }, { state: 'pending' }] })
  await world.advance(25 * 3_600_000)
  expect(await user.backend.queryFamilyOrder({ familyOrderId: order.familyOrderId })).toMatchObject({ state: 'closed', items: [{ state: 'closed' }, { state: 'closed' }] })
  // Their periods are free again: a new family order for the same people.
  expect((await user.backend.createFamilyOrder({ idempotencyKey: newKey(), items })).state).toBe('pending')
})
