/** The mock cashier: what WeChat reports against what happened to the money. */
import { DEFAULT_DELAYS } from '@/services/mock/orders'
import { expectCode, harness } from './harness'

describe('mock cashier', () => {
  it('cancel_but_paid: the cashier says cancel, the backend says paid (and has the money)', async () => {
    const h = harness()
    const { order } = await h.residentOrder('p01')
    const started = await h.backend.startPayment({ orderId: order.orderId })
    h.mock.cashier.inject('cancel_but_paid')
    const outcome = await h.mock.cashier.complete(started.attemptId, 'cancel')
    expect(outcome.result).toBe('cancel')
    expect(outcome.errMsg).toBe('requestPayment:fail cancel')
    const after = await h.backend.queryOrder({ orderId: order.orderId })
    expect(after.state).toBe('paid')
    expect((await h.backend.getReceipt({ orderId: order.orderId })).amountFen).toBe(order.amountFen)
    expect(h.mock.inspect.ledger()).toEqual({ takenFen: order.amountFen, receiptsFen: order.amountFen, refundPendingFen: 0, refundedFen: 0 })
  })

  it('a plain cancel takes nothing and leaves the order payable', async () => {
    const h = harness()
    const { order } = await h.residentOrder('p01')
    const started = await h.backend.startPayment({ orderId: order.orderId })
    expect((await h.mock.cashier.complete(started.attemptId, 'cancel')).result).toBe('cancel')
    expect((await h.backend.queryOrder({ orderId: order.orderId })).state).toBe('pending')
    expect(h.mock.inspect.ledger().takenFen).toBe(0)
  })

  it('late_notification: ok at the cashier, paying until the notification arrives, then paid', async () => {
    const h = harness()
    const { order } = await h.residentOrder('p01')
    const started = await h.backend.startPayment({ orderId: order.orderId })
    h.mock.cashier.inject('late_notification')
    const t0 = h.clock.now
    expect((await h.mock.cashier.complete(started.attemptId, 'pay')).result).toBe('ok')
    expect((await h.backend.queryOrder({ orderId: order.orderId })).state).toBe('paying')
    await expectCode(h.backend.getReceipt({ orderId: order.orderId }), 'ORDER_NOT_PAYABLE')
    expect(h.mock.inspect.ledger().takenFen).toBe(order.amountFen)
    h.advance(DEFAULT_DELAYS.lateConfirmMs - 1)
    expect((await h.backend.queryOrder({ orderId: order.orderId })).state).toBe('paying')
    h.advance(1)
    const paid = await h.backend.queryOrder({ orderId: order.orderId })
    expect(paid.state).toBe('paid')
    expect(paid.paidAt).toBe(t0 + DEFAULT_DELAYS.lateConfirmMs)
    // The fault was used up: the next payment is confirmed at once.
    const next = await h.residentOrder('p08')
    const a = await h.backend.startPayment({ orderId: next.order.orderId })
    await h.mock.cashier.complete(a.attemptId, 'pay')
    expect((await h.backend.queryOrder({ orderId: next.order.orderId })).state).toBe('paid')
  })

  it('an attempt waiting for its late confirmation does not lapse back to pending', async () => {
    const h = harness({ delays: { lateConfirmMs: 30 * 60_000 } })
    const { order } = await h.residentOrder('p11')
    const started = await h.backend.startPayment({ orderId: order.orderId })
    await h.mock.cashier.complete(started.attemptId, 'pay')
    h.advance(20 * 60_000) // past the 15-minute attempt expiry
    expect((await h.backend.queryOrder({ orderId: order.orderId })).state).toBe('paying')
    h.advance(10 * 60_000)
    expect((await h.backend.queryOrder({ orderId: order.orderId })).state).toBe('paid')
  })

  it('an attempt nobody finished lapses; the cashier then refuses it and a new attempt pays', async () => {
    const h = harness()
    const { order } = await h.residentOrder('p01')
    const stale = await h.backend.startPayment({ orderId: order.orderId })
    h.advance(DEFAULT_DELAYS.attemptExpiryMs)
    expect((await h.backend.queryOrder({ orderId: order.orderId })).state).toBe('pending')
    expect((await h.mock.cashier.complete(stale.attemptId, 'pay')).result).toBe('fail')
    expect((await h.backend.queryOrder({ orderId: order.orderId })).state).toBe('pending')
    expect(h.mock.inspect.ledger().takenFen).toBe(0)
    const fresh = await h.backend.startPayment({ orderId: order.orderId })
    expect(fresh.attemptId).not.toBe(stale.attemptId)
    expect((await h.mock.cashier.complete(fresh.attemptId, 'pay')).result).toBe('ok')
    expect((await h.backend.queryOrder({ orderId: order.orderId })).state).toBe('paid')
  })

  it('an unknown attempt is refused', async () => {
    const h = harness()
    expect((await h.mock.cashier.complete('PA_nope', 'pay')).result).toBe('fail')
  })

  // Regression: WeChat has taken the money for an attempt whose confirmation is still on its way.
  // The cashier must not accept that attempt again: a cancel used to put the order back to pending,
  // so the person paid a second time and the first debit vanished from the ledger.
  it('refuses a second completion of an attempt already paid at the cashier (late result)', async () => {
    const h = harness()
    const { order } = await h.residentOrder('p11')
    const first = await h.backend.startPayment({ orderId: order.orderId })
    const t0 = h.clock.now
    expect((await h.mock.cashier.complete(first.attemptId, 'pay')).result).toBe('ok')
    h.advance(DEFAULT_DELAYS.lateConfirmMs / 2)
    expect((await h.mock.cashier.complete(first.attemptId, 'cancel')).result).toBe('fail')
    expect((await h.mock.cashier.complete(first.attemptId, 'pay')).result).toBe('fail')
    const meanwhile = await h.backend.queryOrder({ orderId: order.orderId })
    expect(meanwhile.state).toBe('paying')
    // Starting again hands back the same attempt, which cannot take money twice.
    expect((await h.backend.startPayment({ orderId: order.orderId })).attemptId).toBe(first.attemptId)
    h.advance(DEFAULT_DELAYS.lateConfirmMs / 2)
    const paid = await h.backend.queryOrder({ orderId: order.orderId })
    expect(paid.state).toBe('paid')
    expect(paid.paidAt).toBe(t0 + DEFAULT_DELAYS.lateConfirmMs)
    expect(paid.attempts).toBe(1)
    expect(h.mock.inspect.ledger()).toEqual({ takenFen: order.amountFen, receiptsFen: order.amountFen, refundPendingFen: 0, refundedFen: 0 })
  })
})
