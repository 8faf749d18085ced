/**
 * 全部缴纳's payment against the embedded mock: three people in one order and one payment, three
 * receipts; a refused booking returning that person's amount alone; a cancel continued on the
 * same order; a lost answer retried under the same key; a person in another order named; and a
 * reload (a new app on the same device storage and backend) at each step finding the same payment.
 */
import type { CashierAction } from '../services/mock/cashier'
import { findPersonById } from '../services/mock/registry'
import { storedChecks } from '../services/storedChecks'
import { createFamilyPendingStore, FAMILY_PENDING_KEY } from '../storage/familyPending'
import { harness } from '../../tests/unit/mock/harness'
import { loadFamilyCandidates } from '../view/familyPay'
import { createFamilyPayment } from './familyPayment'

/** The app on `h`'s backend and device storage; called again with the same `h`, the app after a reload or a restart. */
function setUp(actions: CashierAction[] = [], h = harness()) {
  const cashierCalls: string[] = []
  /** What the device kept when the cashier opened. */
  const savedAtCashier: unknown[] = []
  const pending = createFamilyPendingStore(h.storage, async () => storedChecks)
  const payment = createFamilyPayment({
    backend: h.backend,
    pending,
    pay: async (start) => {
      cashierCalls.push(start.attemptId)
      savedAtCashier.push(JSON.parse(h.storage.getItem(FAMILY_PENDING_KEY) ?? 'null'))
      const { result, errMsg } = await h.mock.cashier.complete(start.attemptId, actions.shift() ?? 'pay')
      return { outcome: result, errMsg }
    },
    clock: () => h.clock.now,
    sleep: async () => undefined,
    pollDelaysMs: [1, 1],
  })
  return { h, payment, pending, cashierCalls, savedAtCashier }
}

async function itemsFor(h: ReturnType<typeof harness>, ids: string[]) {
  const people = await Promise.all(ids.map(async (id) => ({ key: id, who: id, lookup: { mode: 'ref' as const, payerRef: await h.refOf(id) } })))
  return loadFamilyCandidates(h.backend, people, h.clock.now)
}
/** The call does its work each time and every answer is lost: the first call and both retries. */
const loseEveryAnswer = (h: ReturnType<typeof harness>, method: 'createFamilyOrder' | 'startFamilyPayment') => {
  for (let i = 0; i < 3; i++) h.mock.faults.inject({ method, kind: 'lost_response' })
}
const requests = (items: { payerRef: string; selection: unknown }[]) => items.map(({ payerRef, selection }) => ({ payerRef, selection })) as never

test('three unpaid people: one order, one payment of their sum, three receipts', async () => {
  const { h, payment, cashierCalls } = setUp()
  const { items, leftOut } = await itemsFor(h, ['p06', 'p14', 'p08'])
  expect(leftOut).toEqual([])
  expect(items.map((i) => i.maskedName)).toEqual(['陈*兰', '张*明', '陈*欣'])
  await payment.pay(requests(items))
  const state = payment.get()
  expect(state).toMatchObject({ step: 'done', outcome: 'paid' })
  if (state.step !== 'done') throw new Error('not done')
  expect(cashierCalls).toHaveLength(1)
  expect(state.order.amountFen).toBe(items.reduce((s, i) => s + i.amountFen, 0))
  expect(state.order.items.map((i) => i.state)).toEqual(['paid', 'paid', 'paid'])
  const receipts = await Promise.all(state.order.items.map((i) => h.backend.getReceipt({ orderId: i.orderId })))
  expect(new Set(receipts.map((r) => r.taxVoucherNo)).size).toBe(3)
  expect(h.mock.inspect.familyOrders()).toHaveLength(1)
})

test('one booking refused: that item alone goes 待冲正 with its amount as the refund, the others stay paid', async () => {
  const { h, payment } = setUp()
  const { items } = await itemsFor(h, ['p06', 'p12'])
  await payment.pay(requests(items))
  const state = payment.get()
  if (state.step !== 'done') throw new Error('not done')
  expect(state.outcome).toBe('paid')
  expect(state.order.items.map((i) => [i.payer.maskedName, i.state])).toEqual([['陈*兰', 'paid'], ['欧阳**', 'reversing']])
  expect(state.order.refundFen).toBe(items[1].amountFen)
})

test('a cancel leaves the order to be continued: the same order, a second attempt, no second order', async () => {
  const { h, payment, cashierCalls } = setUp(['cancel', 'pay'])
  const { items } = await itemsFor(h, ['p06', 'p14'])
  await payment.pay(requests(items))
  expect(payment.get()).toMatchObject({ step: 'done', outcome: 'cancelled' })
  await payment.pay(requests(items))
  expect(payment.get()).toMatchObject({ step: 'done', outcome: 'paid' })
  expect(cashierCalls).toHaveLength(2)
  expect(h.mock.inspect.familyOrders()).toHaveLength(1)
})

test('a lost answer to createFamilyOrder is retried under the same key: one order', async () => {
  const { h, payment } = setUp()
  const { items } = await itemsFor(h, ['p06', 'p14'])
  h.mock.faults.inject({ method: 'createFamilyOrder', kind: 'lost_response' })
  await payment.pay(requests(items))
  expect(payment.get()).toMatchObject({ step: 'done', outcome: 'paid' })
  expect(h.mock.inspect.familyOrders()).toHaveLength(1)
})

test('a call that keeps failing is said, and 重试 pays under the same key: still one order', async () => {
  const { h, payment } = setUp()
  const { items } = await itemsFor(h, ['p06', 'p14'])
  loseEveryAnswer(h, 'startFamilyPayment')
  await payment.pay(requests(items))
  expect(payment.get()).toMatchObject({ step: 'error', error: { code: 'NETWORK' } })
  await payment.pay(requests(items))
  expect(payment.get()).toMatchObject({ step: 'done', outcome: 'paid' })
  expect(h.mock.inspect.familyOrders()).toHaveLength(1)
})

test('a family payment refused at the cashier (余额不足) is 缴费失败 with nothing taken, and can be paid again', async () => {
  const { h, payment, cashierCalls } = setUp()
  const { items } = await itemsFor(h, ['p06', 'p10'])
  await payment.pay(requests(items))
  const state = payment.get()
  expect(state).toMatchObject({ step: 'done', outcome: 'failed', order: { state: 'failed', moneyTaken: false } })
  await payment.pay(requests(items))
  expect(cashierCalls).toHaveLength(2)
  expect(h.mock.inspect.familyOrders()).toHaveLength(1)
})

test('a second tap while paying starts nothing', async () => {
  const { h, payment, cashierCalls } = setUp()
  const { items } = await itemsFor(h, ['p06', 'p14'])
  const first = payment.pay(requests(items))
  expect(payment.pay(requests(items))).toBe(false)
  await first
  expect(cashierCalls).toHaveLength(1)
})

test('a person being paid in another order right now is named by the refusal, and shown as 支付中 before it', async () => {
  const { h, payment } = setUp()
  const { order } = await h.residentOrder('p06')
  await h.backend.startPayment({ orderId: order.orderId })
  const { items, leftOut } = await itemsFor(h, ['p06', 'p14'])
  expect(leftOut).toEqual([{ key: 'p06', who: 'p06', reason: '正在另一笔订单中支付' }])
  // Asked anyway (the board was older than the payment): the backend names them.
  const mother = { payerRef: await h.refOf('p06'), selection: { kind: 'resident' as const, coverageYear: 2027 } }
  await payment.pay([mother, ...requests(items)])
  expect(payment.get()).toMatchObject({ step: 'error', error: { code: 'IN_OTHER_ORDER', payerRef: mother.payerRef } })
  // No family order was made: nothing is left on the device to find again.
  expect(h.storage.getItem(FAMILY_PENDING_KEY)).toBeNull()
  // Without them, the rest pays under a new key.
  await payment.pay(requests(items))
  expect(payment.get()).toMatchObject({ step: 'done', outcome: 'paid' })
})

describe('a reload or a closed app during 全部缴纳', () => {
  test('the device keeps the key, the payerRefs and the family order id, never a name or an ID number; forgotten once paid', async () => {
    const { h, payment, savedAtCashier } = setUp()
    const { items } = await itemsFor(h, ['p06', 'p14'])
    await payment.pay(requests(items))
    const [order] = h.mock.inspect.familyOrders()
    expect(savedAtCashier).toEqual([{ key: expect.stringMatching(/^ik_/), items: requests(items), familyOrderId: order.familyOrderId }])
    const saved = JSON.stringify(savedAtCashier)
    for (const id of ['p06', 'p14']) {
      const person = findPersonById(id)!
      expect(saved).not.toContain(person.idNumber)
      expect(saved).not.toContain(person.name)
    }
    expect(items.every((i) => !saved.includes(i.maskedName))).toBe(true)
    expect(payment.get()).toMatchObject({ step: 'done', outcome: 'paid' })
    expect(h.storage.getItem(FAMILY_PENDING_KEY)).toBeNull()
  })

  test('after a cancel: found again as 支付未完成 on the same order, and 继续支付 pays it without a second order', async () => {
    const { h, payment } = setUp(['cancel'])
    const { items } = await itemsFor(h, ['p06', 'p14'])
    await payment.pay(requests(items))
    const [order] = h.mock.inspect.familyOrders()

    const after = setUp([], h)
    const found = await after.payment.restore()
    expect(found?.order).toMatchObject({ familyOrderId: order.familyOrderId, state: 'pending', attempts: 1 })
    expect(found?.saved.items.map((i) => i.payerRef)).toEqual(items.map((i) => i.payerRef))
    expect(after.payment.get()).toMatchObject({ step: 'done', outcome: 'cancelled', order: { familyOrderId: order.familyOrderId } })
    expect(after.cashierCalls).toEqual([]) // finding it again opens no cashier
    // The same people, asked again (the confirm page quotes them afresh): the same order.
    const again = await itemsFor(h, ['p06', 'p14'])
    await after.payment.pay(requests(again.items))
    expect(after.payment.get()).toMatchObject({ step: 'done', outcome: 'paid', order: { familyOrderId: order.familyOrderId } })
    expect(h.mock.inspect.familyOrders()).toHaveLength(1)
    expect(h.storage.getItem(FAMILY_PENDING_KEY)).toBeNull()
  })

  test('before the order’s answer arrived: nothing to show yet, and the same people confirmed again find the same order', async () => {
    const { h, payment } = setUp()
    const { items } = await itemsFor(h, ['p06', 'p14'])
    // Made by the backend, every answer lost.
    loseEveryAnswer(h, 'createFamilyOrder')
    await payment.pay(requests(items))
    expect(payment.get()).toMatchObject({ step: 'error', error: { code: 'NETWORK' } })
    expect(h.mock.inspect.familyOrders()).toHaveLength(1)

    const after = setUp([], h)
    const found = await after.payment.restore()
    expect(found).toEqual({ saved: { key: expect.any(String), items: requests(items) } })
    expect(after.payment.get()).toEqual({ step: 'idle' })
    await after.payment.pay(requests(items))
    expect(after.payment.get()).toMatchObject({ step: 'done', outcome: 'paid' })
    expect(h.mock.inspect.familyOrders()).toHaveLength(1)
  })

  test('during 结果确认中 (a late result): found again as being decided, no cashier; its answer once paid forgets it', async () => {
    // 周涛's result comes late: the polls run out with the payment still being decided.
    const { h, payment } = setUp()
    const { items } = await itemsFor(h, ['p06', 'p11'])
    await payment.pay(requests(items))
    expect(payment.get()).toMatchObject({ step: 'done', outcome: 'unconfirmed' })

    const after = setUp([], h)
    const found = await after.payment.restore()
    expect(found?.order?.state).toBe('paying')
    expect(after.payment.get()).toEqual({ step: 'idle' })
    expect(after.cashierCalls).toEqual([])
    // Still being decided: the record stays for the next look.
    await after.pending.noteOrder(found!.order!)
    expect(h.storage.getItem(FAMILY_PENDING_KEY)).not.toBeNull()
    h.advance(10_000)
    const paid = await h.backend.queryFamilyOrder({ familyOrderId: found!.order!.familyOrderId })
    expect(paid.state).toBe('paid')
    await after.pending.noteOrder(paid)
    expect(h.storage.getItem(FAMILY_PENDING_KEY)).toBeNull()
    expect(h.mock.inspect.familyOrders()).toHaveLength(1)
  })

  test('an order closed meanwhile, or a record that cannot be read, is forgotten: a fresh start', async () => {
    const { h, payment } = setUp(['cancel'])
    const { items } = await itemsFor(h, ['p06', 'p14'])
    await payment.pay(requests(items))
    h.advance(25 * 3_600_000) // past the unpaid order's 24 hours
    expect(await setUp([], h).payment.restore()).toBeUndefined()
    expect(h.storage.getItem(FAMILY_PENDING_KEY)).toBeNull()

    h.storage.setItem(FAMILY_PENDING_KEY, JSON.stringify({ key: 'ik_x', items: [] }))
    expect(await setUp([], h).payment.restore()).toBeUndefined()
    expect(h.storage.getItem(FAMILY_PENDING_KEY)).toBeNull()
  })
})
