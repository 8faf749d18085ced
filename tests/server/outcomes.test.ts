/** Outcomes the contract suite leaves to each backend: 待冲正 → 已退款, and an abandoned cashier. */
import { findPersonById } from '@/services/mock/registry'
import { expectBackendError, newKey } from '../unit/contract/backendContract'
import { postJson, userClient } from './httpClient'
import { serverForThisFile } from './serverProcess'

const server = serverForThisFile({ resetEachTest: true })

const advance = (ms: number) => postJson(`${server.url()}/sim/clock`, { advanceMs: ms })

async function orderFor(personId: string) {
  const user = await userClient(server.url, 'demo')
  const p = findPersonById(personId)!
  const payer = await user.backend.lookupPayer({ mode: 'other', name: p.name, idType: p.idType, idNumber: p.idNumber })
  const year = (await user.backend.listDueItems({ payerRef: payer.payerRef })).resident!.years[0].coverageYear
  const selection = { kind: 'resident' as const, coverageYear: year }
  const order = await user.backend.createOrder({ idempotencyKey: newKey(), payerRef: payer.payerRef, selection })
  return { user, payerRef: payer.payerRef, selection, order }
}

it('returns money the tax system could not book (待冲正 → 已退款), and locks the period meanwhile', async () => {
  const { user, payerRef, selection, order } = await orderFor('p12') // 欧阳娜娜: debit taken, booking fails
  await user.pay((await user.backend.startPayment({ orderId: order.orderId })).attemptId, 'pay')
  const reversing = await user.backend.queryOrder({ orderId: order.orderId })
  expect(reversing.state).toBe('reversing')
  expect(reversing.moneyTaken).toBe(true)
  expect(reversing.failReason?.length ?? 0).toBeGreaterThan(0)
  await expectBackendError(user.backend.startPayment({ orderId: order.orderId }), ['PAYMENT_LOCKED'])
  await expectBackendError(user.backend.createOrder({ idempotencyKey: newKey(), payerRef, selection }), ['PAYMENT_LOCKED'])
  await expectBackendError(user.backend.getReceipt({ orderId: order.orderId }), ['ORDER_NOT_PAYABLE'])
  await advance(61_000)
  const refunded = await user.backend.queryOrder({ orderId: order.orderId })
  expect(refunded.state).toBe('refunded')
  expect(refunded.paidAt).toBeUndefined()
  // The period is free again once the money is back.
  const again = await user.backend.createOrder({ idempotencyKey: newKey(), payerRef, selection })
  expect(again.orderId).not.toBe(order.orderId)
})

it('hands back the attempt whose money is in while the booking is confirmed; its cashier cannot take it again', async () => {
  const { user, order } = await orderFor('p11') // 周涛: the tax system confirms seconds later
  const first = await user.backend.startPayment({ orderId: order.orderId })
  await user.pay(first.attemptId, 'pay')
  const again = await user.backend.startPayment({ orderId: order.orderId })
  expect(again.attemptId).toBe(first.attemptId)
  expect(again.order).toMatchObject({ state: 'paying', attempts: 1 })
  expect((await user.pay(again.attemptId, 'pay')).body).toMatchObject({ result: 'fail' })
  await advance(7_000)
  expect((await user.backend.queryOrder({ orderId: order.orderId })).state).toBe('paid')
  await expectBackendError(user.backend.startPayment({ orderId: order.orderId }), ['ALREADY_PAID'])
})

it('lets an attempt nobody finished lapse: the order is payable again with a new attempt, the old one cannot pay', async () => {
  const { user, order } = await orderFor('p08')
  const first = await user.backend.startPayment({ orderId: order.orderId })
  await advance(14 * 60_000)
  expect((await user.backend.queryOrder({ orderId: order.orderId })).state).toBe('paying')
  await advance(2 * 60_000)
  expect((await user.backend.queryOrder({ orderId: order.orderId })).state).toBe('pending')
  expect((await user.pay(first.attemptId, 'pay')).body).toMatchObject({ result: 'fail' })
  const second = await user.backend.startPayment({ orderId: order.orderId })
  expect(second.attemptId).not.toBe(first.attemptId)
  await user.pay(second.attemptId, 'pay')
  const paid = await user.backend.queryOrder({ orderId: order.orderId })
  expect(paid.state).toBe('paid')
  expect(paid.attempts).toBe(2)
})

it('closes an order left unpaid for a day; its period can be ordered again', async () => {
  const { user, payerRef, selection, order } = await orderFor('p08')
  await advance(24 * 3_600_000 + 1)
  await expectBackendError(user.backend.startPayment({ orderId: order.orderId }), ['ORDER_NOT_PAYABLE'])
  expect((await user.backend.listDueItems({ payerRef })).openOrderId).toBeUndefined()
  const fresh = await user.backend.createOrder({ idempotencyKey: newKey(), payerRef, selection })
  expect(fresh.orderId).not.toBe(order.orderId)
})
