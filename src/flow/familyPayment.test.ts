/**
 * 全部缴纳's payment against the embedded mock: three people in one order and one payment, three
 * receipts; a refused booking returning that person's amount alone; a cancel continued on the
 * same order; a lost answer retried under the same key; a person in another order named.
 */
import type { CashierAction } from '../services/mock/cashier'
import { harness } from '../../tests/unit/mock/harness'
import { loadFamilyCandidates } from '../view/familyPay'
import { createFamilyPayment } from './familyPayment'

function setUp(actions: CashierAction[] = []) {
  const h = harness()
  const cashierCalls: string[] = []
  const payment = createFamilyPayment({
    backend: h.backend,
    pay: async (start) => {
      cashierCalls.push(start.attemptId)
      const { result, errMsg } = await h.mock.cashier.complete(start.attemptId, actions.shift() ?? 'pay')
      return { outcome: result, errMsg }
    },
    clock: () => h.clock.now,
    sleep: async () => undefined,
    pollDelaysMs: [1, 1],
  })
  return { h, payment, cashierCalls }
}

async function itemsFor(h: ReturnType<typeof harness>, ids: string[]) {
  const people = await Promise.all(ids.map(async (id) => ({ key: id, who: id, lookup: { mode: 'ref' as const, payerRef: await h.refOf(id) } })))
  return loadFamilyCandidates(h.backend, people, h.clock.now)
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
  for (let i = 0; i < 3; i++) h.mock.faults.inject({ method: 'startFamilyPayment', kind: 'lost_response' })
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
  // Without them, the rest pays under a new key.
  await payment.pay(requests(items))
  expect(payment.get()).toMatchObject({ step: 'done', outcome: 'paid' })
})
