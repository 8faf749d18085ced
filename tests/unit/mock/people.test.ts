/** Demo people whose behaviour only the mock has: debit reversal, the old 15-digit ID, nothing due. */
import { DEFAULT_DELAYS } from '@/services/mock/orders'
import { findPersonById } from '@/services/mock/registry'
import { expectCode, harness } from './harness'

describe('mock people', () => {
  it('debit reversed (p12): 待冲正 with money taken, locked against paying again, then 已退款', async () => {
    const h = harness()
    const { payerRef, order } = await h.residentOrder('p12')
    const started = await h.backend.startPayment({ orderId: order.orderId })
    expect((await h.mock.cashier.complete(started.attemptId, 'pay')).result).toBe('ok')

    const reversing = await h.backend.queryOrder({ orderId: order.orderId })
    expect(reversing.state).toBe('reversing')
    expect(reversing.moneyTaken).toBe(true)
    expect(reversing.failReason).toBeTruthy()
    expect(reversing.paidAt).toBeUndefined()
    expect(h.mock.inspect.ledger()).toEqual({ takenFen: order.amountFen, receiptsFen: 0, refundPendingFen: order.amountFen, refundedFen: 0 })

    const locked = await expectCode(h.backend.createOrder({ idempotencyKey: 'key_p12_again', payerRef, selection: { kind: 'resident', coverageYear: 2027 } }), 'PAYMENT_LOCKED')
    expect(locked.orderId).toBe(order.orderId)
    await expectCode(h.backend.startPayment({ orderId: order.orderId }), 'PAYMENT_LOCKED')
    await expectCode(h.backend.getReceipt({ orderId: order.orderId }), 'ORDER_NOT_PAYABLE')
    expect((await h.backend.listRecords({ payerRef })).records.map((r) => [r.orderId, r.state])).toContainEqual([order.orderId, 'reversing'])

    h.advance(DEFAULT_DELAYS.refundMs - 1)
    expect((await h.backend.queryOrder({ orderId: order.orderId })).state).toBe('reversing')
    h.advance(1)
    const refunded = await h.backend.queryOrder({ orderId: order.orderId })
    expect(refunded.state).toBe('refunded')
    expect(refunded.moneyTaken).toBe(true)
    expect(refunded.failReason).toBeTruthy()
    expect(h.mock.inspect.ledger()).toEqual({ takenFen: order.amountFen, receiptsFen: 0, refundPendingFen: 0, refundedFen: order.amountFen })
    await expectCode(h.backend.startPayment({ orderId: order.orderId }), 'ORDER_NOT_PAYABLE')

    // The money is back, so the year is payable again, on a new order.
    const due = await h.backend.listDueItems({ payerRef })
    expect(due.resident?.years.map((y) => y.coverageYear)).toContain(2027)
    expect(due.openOrderId).toBeUndefined()
    const again = await h.backend.createOrder({ idempotencyKey: 'key_p12_after_refund', payerRef, selection: { kind: 'resident', coverageYear: 2027 } })
    expect(again.orderId).not.toBe(order.orderId)
  })

  it('the 15-digit old ID (p14) finds the same person as the 18-digit one, and is never echoed', async () => {
    const h = harness()
    const p14 = findPersonById('p14')!
    const old = '510104500101003'
    expect(p14.idNumber.slice(0, 6) + p14.idNumber.slice(8, 17)).toBe(old)
    const by18 = await h.backend.lookupPayer({ mode: 'other', name: p14.name, idType: 'resident_id', idNumber: p14.idNumber })
    const by15 = await h.backend.lookupPayer({ mode: 'other', name: p14.name, idType: 'resident_id', idNumber: old })
    expect(by15).toEqual(by18)
    expect(by15.maskedIdNumber).toBe('510104********0037')
    expect(JSON.stringify(by15)).not.toContain(old)
    await expectCode(h.backend.lookupPayer({ mode: 'other', name: '张德', idType: 'resident_id', idNumber: old }), 'NAME_MISMATCH')
    // 社会保障号码 is the citizen ID number, so it finds the same person too.
    const bySocial = await h.backend.lookupPayer({ mode: 'other', name: p14.name, idType: 'social_security', idNumber: p14.idNumber })
    expect(bySocial.payerRef).toBe(by18.payerRef)
    // p14 broke cover: a payable year whose cover starts after a waiting period.
    const due = await h.backend.listDueItems({ payerRef: by15.payerRef })
    expect(due.resident!.years.length).toBeGreaterThan(0)
  })

  it('a flexible worker paid through this month (p13) has nothing due', async () => {
    const h = harness()
    await expectCode(h.backend.listDueItems({ payerRef: await h.refOf('p13') }), 'NOTHING_DUE')
  })

  it('an already-paid person (p02) gets ALREADY_PAID pointing at the paid order with its receipt', async () => {
    const h = harness()
    const error = await expectCode(h.backend.listDueItems({ payerRef: await h.refOf('p02') }), 'ALREADY_PAID')
    expect(error.orderId).toBeDefined()
    const paid = await h.backend.queryOrder({ orderId: error.orderId! })
    expect(paid.periodLabel).toBe('2027年度')
    expect((await h.backend.getReceipt({ orderId: paid.orderId })).bookingState).toBe('settled')
  })
})
