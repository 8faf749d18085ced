/** The mock keeps its orders in injected storage: they survive a restart; broken data never crashes it. */
import { MOCK_STORAGE_KEY } from '@/services/storage'
import { createMemoryStore } from '@/services/storage'
import { expectCode, harness } from './harness'

describe('mock persistence', () => {
  it('a second instance on the same storage sees the orders, receipts and keys of the first', async () => {
    const first = harness()
    const { request, order } = await first.residentOrder('p01')
    const started = await first.backend.startPayment({ orderId: order.orderId })
    await first.mock.cashier.complete(started.attemptId, 'pay')
    const receipt = await first.backend.getReceipt({ orderId: order.orderId })
    const pending = await first.residentOrder('p08')

    const second = harness({ storage: first.storage, now: first.clock.now })
    const seen = await second.backend.queryOrder({ orderId: order.orderId })
    expect(seen.state).toBe('paid')
    expect((await second.backend.getReceipt({ orderId: order.orderId })).taxVoucherNo).toBe(receipt.taxVoucherNo)
    expect((await second.backend.createOrder(request)).orderId).toBe(order.orderId)
    await expectCode(second.backend.listDueItems({ payerRef: request.payerRef }), 'ALREADY_PAID')
    expect((await second.backend.listDueItems({ payerRef: pending.payerRef })).openOrderId).toBe(pending.order.orderId)
    // Numbering continues: a new order never reuses an id from before the restart.
    const fresh = await second.residentOrder('p09')
    expect(first.mock.inspect.orders().map((o) => o.orderId)).not.toContain(fresh.order.orderId)
  })

  it('the clock moves stored orders on across a restart (late result, settlement)', async () => {
    const first = harness()
    const { order } = await first.residentOrder('p11')
    const started = await first.backend.startPayment({ orderId: order.orderId })
    await first.mock.cashier.complete(started.attemptId, 'pay')
    const second = harness({ storage: first.storage, now: first.clock.now + 10 * 60_000 })
    expect((await second.backend.queryOrder({ orderId: order.orderId })).state).toBe('settled')
  })

  it('a 全部缴纳 order survives a restart: its items, its open attempt, and its late result confirmed after it', async () => {
    const first = harness()
    const items = [
      { payerRef: await first.refOf('p01'), selection: { kind: 'resident' as const, coverageYear: 2027 } },
      { payerRef: await first.refOf('p11'), selection: { kind: 'resident' as const, coverageYear: 2027 } },
    ]
    const request = { idempotencyKey: 'key_family_restart', items }
    const family = await first.backend.createFamilyOrder(request)
    const started = await first.backend.startFamilyPayment({ familyOrderId: family.familyOrderId })

    const second = harness({ storage: first.storage, now: first.clock.now })
    expect((await second.backend.createFamilyOrder(request)).familyOrderId).toBe(family.familyOrderId)
    await second.mock.cashier.complete(started.attemptId, 'pay')
    const third = harness({ storage: first.storage, now: second.clock.now + 60_000 })
    const paid = await third.backend.queryFamilyOrder({ familyOrderId: family.familyOrderId })
    expect(paid.state).toBe('paid')
    expect(paid.items.map((o) => o.state)).toEqual(['paid', 'paid'])
    for (const item of paid.items) expect((await third.backend.getReceipt({ orderId: item.orderId })).amountFen).toBe(item.amountFen)
  })

  it.each([
    ['not JSON', '{"version":1,"seq":'],
    ['another version', JSON.stringify({ version: 2, seq: 3, orders: [], attempts: [] })],
    ['wrong shape', JSON.stringify({ version: 1, seq: 'x', orders: {}, attempts: [] })],
    ['an order missing fields', JSON.stringify({ version: 1, seq: 1, orders: [{ orderId: 'OD1' }], attempts: [] })],
  ])('stored data that is %s is moved aside; the mock starts clean', async (_label, raw) => {
    const storage = createMemoryStore({ [MOCK_STORAGE_KEY]: raw, unrelated: 'kept' })
    const h = harness({ storage })
    expect(storage.getItem(`${MOCK_STORAGE_KEY}.corrupt`)).toBe(raw)
    expect(storage.getItem('unrelated')).toBe('kept')
    await expectCode(h.backend.queryOrder({ orderId: 'OD1_old_order' }), 'ORDER_NOT_FOUND')
    const self = await h.backend.lookupPayer({ mode: 'self' })
    const { order } = await h.residentOrder('p01')
    expect(order.state).toBe('pending')
    // Seeded history is back, and what is stored now is valid again.
    expect((await h.backend.listRecords({ payerRef: self.payerRef })).records.length).toBeGreaterThan(0)
    const stored = JSON.parse(storage.getItem(MOCK_STORAGE_KEY)!)
    expect(stored.version).toBe(1)
    expect(stored.orders.map((o: { orderId: string }) => o.orderId)).toContain(order.orderId)
    // And a restart on top of the repaired data keeps it.
    const again = harness({ storage, now: h.clock.now })
    expect((await again.backend.queryOrder({ orderId: order.orderId })).state).toBe('pending')
  })

  it('reset forgets the app’s orders but keeps the seeded history', async () => {
    const h = harness()
    const { order } = await h.residentOrder('p01')
    h.mock.reset()
    await expectCode(h.backend.queryOrder({ orderId: order.orderId }), 'ORDER_NOT_FOUND')
    await expectCode(h.backend.listDueItems({ payerRef: await h.refOf('p02') }), 'ALREADY_PAID')
  })
})
