/** The mock's 全部缴纳 where the contract leaves the choice to the backend: the demo people's behaviours, lapses and expiry. */
import { FAIL_REASONS } from '@/domain/backendMessages'
import { DEFAULT_DELAYS } from '@/services/mock/orders'
import { expectCode, harness } from './harness'

async function familyOf(h: ReturnType<typeof harness>, ids: string[]) {
  const items = await Promise.all(ids.map(async (id) => ({ payerRef: await h.refOf(id), selection: { kind: 'resident' as const, coverageYear: 2027 } })))
  return h.backend.createFamilyOrder({ idempotencyKey: `key_family_${ids.join('_')}`, items })
}

describe('mock family orders (全部缴纳)', () => {
  it('a refused debit (孙丽, 余额不足) fails the one payment for everyone; nothing is taken and it can be paid again', async () => {
    const h = harness()
    const family = await familyOf(h, ['p01', 'p10'])
    const started = await h.backend.startFamilyPayment({ familyOrderId: family.familyOrderId })
    expect((await h.mock.cashier.complete(started.attemptId, 'pay')).result).toBe('fail')
    const failed = await h.backend.familyCashierReturned({ familyOrderId: family.familyOrderId, result: 'fail' })
    expect(failed.state).toBe('failed')
    expect(failed.failReason).toBe(FAIL_REASONS.insufficientFunds)
    expect(failed.items.map((o) => o.state)).toEqual(['failed', 'failed'])
    expect(h.mock.inspect.ledger().takenFen).toBe(0)
    const again = await h.backend.startFamilyPayment({ familyOrderId: family.familyOrderId })
    expect(again.attemptId).not.toBe(started.attemptId)
    expect(again.familyOrder.failReason).toBeUndefined()
  })

  it('an attempt nobody finishes lapses back to pending; an unpaid family order closes with its items, freeing their periods', async () => {
    const h = harness()
    const family = await familyOf(h, ['p01', 'p06'])
    await h.backend.startFamilyPayment({ familyOrderId: family.familyOrderId })
    h.advance(DEFAULT_DELAYS.attemptExpiryMs)
    expect((await h.backend.queryFamilyOrder({ familyOrderId: family.familyOrderId })).items.map((o) => o.state)).toEqual(['pending', 'pending'])
    h.advance(DEFAULT_DELAYS.pendingExpiryMs)
    const closed = await h.backend.queryFamilyOrder({ familyOrderId: family.familyOrderId })
    expect([closed.state, ...closed.items.map((o) => o.state)]).toEqual(['closed', 'closed', 'closed'])
    await expectCode(h.backend.startFamilyPayment({ familyOrderId: family.familyOrderId }), 'ORDER_NOT_PAYABLE')
    expect((await h.residentOrder('p06')).order.state).toBe('pending')
  })

  it('taking one person’s period over closes the whole unpaid family order; a paying one refuses with IN_OTHER_ORDER', async () => {
    const h = harness()
    const first = await familyOf(h, ['p01', 'p06'])
    const second = await familyOf(h, ['p06', 'p08'])
    expect((await h.backend.queryFamilyOrder({ familyOrderId: first.familyOrderId })).items.map((o) => o.state)).toEqual(['closed', 'closed'])
    // 张建国's period is free again: his own order takes it.
    expect((await h.residentOrder('p01')).order.state).toBe('pending')

    await h.backend.startFamilyPayment({ familyOrderId: second.familyOrderId })
    const refused = await expectCode(h.backend.createOrder({ idempotencyKey: 'key_single_p08', payerRef: await h.refOf('p08'), selection: { kind: 'resident', coverageYear: 2027 } }), 'IN_OTHER_ORDER')
    expect(refused.orderId).toBe(second.items[1].orderId)
    // Nor does listDueItems offer the family's item as an order to resume alone.
    expect((await h.backend.listDueItems({ payerRef: await h.refOf('p08') })).openOrderId).toBeUndefined()
  })

  it('names the payee of every tax authority in the order', async () => {
    const h = harness()
    const family = await familyOf(h, ['p01', 'p06', 'p08'])
    const started = await h.backend.startFamilyPayment({ familyOrderId: family.familyOrderId })
    const authorities = new Set(family.items.map((o) => o.taxAuthority))
    expect(authorities.size).toBeGreaterThan(1)
    for (const authority of authorities) expect(started.payee).toContain(authority)
  })
})
