/**
 * The payment controller against the embedded mock: the saved key, double taps, cancels,
 * failures, late results, lost answers and restarts, as the pay page lives through them.
 */
import { findPersonById } from '../services/mock/registry'
import { createMemoryStore } from '../services/storage'
import { harness } from '../../tests/unit/mock/harness'
import { appOnMock, lookupOf, type AppOptions } from '../../tests/unit/mock/app'
import { PENDING_ORDER_KEY } from '../storage/pendingOrder'
import { storedChecks } from '../services/storedChecks'

function setup(options: AppOptions & { sleepAdvancesClock?: boolean } = {}) {
  const h = options.h ?? harness()
  const app = appOnMock({ ...options, h, sleep: async (ms) => void (options.sleepAdvancesClock !== false && h.advance(ms)) })
  const ordersOf = (personId: string) => h.mock.inspect.orders().filter((o) => o.personId === personId)
  return { ...app, ordersOf }
}

async function lookupOther(s: ReturnType<typeof setup>, personId: string) {
  return s.controller.lookup(lookupOf(personId))
}

describe('payment controller', () => {
  it('pays for oneself: one order, one attempt, 缴费成功, nothing left pending', async () => {
    const s = setup()
    expect(await s.controller.lookup({ mode: 'self' })).toMatchObject({ ok: true, payer: { isSelf: true } })
    expect(s.store.get().flow.selection).toEqual({ kind: 'resident', coverageYear: 2027 })
    await s.controller.confirm()
    const { payment } = s.store.get().flow
    expect(payment).toMatchObject({ step: 'done', outcome: 'success' })
    expect(s.store.get().order).toMatchObject({ state: 'paid', amountFen: 40000 })
    // p01 also has last year's receipt; this year's period has exactly one order.
    expect(s.ordersOf('p01').filter((o) => o.periodStart === '2027-01-01')).toHaveLength(1)
    expect(s.started).toHaveLength(1)
    expect(s.storage.getItem(PENDING_ORDER_KEY)).toBeNull()
  })

  it('saves the idempotency key before the order is created', async () => {
    const s = setup()
    await lookupOther(s, 'p06')
    const createOrder = s.h.backend.createOrder
    let savedAtCreate: string | null = null
    s.h.backend.createOrder = (request) => {
      savedAtCreate = s.storage.getItem(PENDING_ORDER_KEY)
      return createOrder(request)
    }
    await s.controller.confirm()
    expect(JSON.parse(savedAtCreate!)).toMatchObject({ key: expect.stringMatching(/^ik_/), selection: { kind: 'resident', coverageYear: 2027 } })
    expect(savedAtCreate).not.toContain(findPersonById('p06')!.idNumber)
  })

  it('a double tap on 确认缴费 opens the cashier once and creates one order', async () => {
    const s = setup()
    await lookupOther(s, 'p06')
    await Promise.all([s.controller.confirm(), s.controller.confirm(), s.controller.confirm()])
    expect(s.started).toHaveLength(1)
    expect(s.ordersOf('p06')).toHaveLength(1)
    expect(s.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'success' })
  })

  it('a cancel leaves the order payable; 继续支付 pays the same order', async () => {
    const s = setup({ cashier: ['cancel', 'pay'] })
    await lookupOther(s, 'p06')
    await s.controller.confirm()
    expect(s.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'cancelled' })
    const first = s.store.get().order!.orderId
    expect(s.storage.getItem(PENDING_ORDER_KEY)).not.toBeNull()
    await s.controller.confirm()
    expect(s.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'success', orderId: first })
    expect(s.ordersOf('p06')).toHaveLength(1)
  })

  it('insufficient funds ends in 缴费失败 with the reason, and 重新支付 uses the same order', async () => {
    const s = setup()
    await lookupOther(s, 'p10')
    await s.controller.confirm()
    expect(s.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'failed', state: 'failed' })
    expect(s.store.get().order?.failReason).toMatch(/余额不足/)
    const orderId = s.store.get().order!.orderId
    await s.controller.retry()
    expect(s.store.get().order?.orderId).toBe(orderId)
    expect(s.ordersOf('p10')).toHaveLength(1)
  })

  it('a late result is waited for, then reported as success', async () => {
    const s = setup()
    await lookupOther(s, 'p11')
    await s.controller.confirm()
    expect(s.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'success' })
  })

  it('when the result does not come within the polls: 结果确认中, then 刷新 finds it', async () => {
    const s = setup({ sleepAdvancesClock: false })
    await lookupOther(s, 'p11')
    await s.controller.confirm()
    expect(s.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'unconfirmed' })
    s.h.advance(60_000)
    await s.controller.refresh()
    expect(s.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'success' })
  })

  it('a lost answer to createOrder is retried under the same key: still one order', async () => {
    const s = setup()
    await lookupOther(s, 'p06')
    s.h.mock.faults.inject({ method: 'createOrder', kind: 'lost_response' })
    await s.controller.confirm()
    expect(s.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'success' })
    expect(s.ordersOf('p06')).toHaveLength(1)
  })

  it('an error before the cashier keeps the key: 重试 returns the same order', async () => {
    const s = setup()
    await lookupOther(s, 'p06')
    s.h.mock.faults.inject({ method: 'startPayment', kind: 'error' })
    s.h.mock.faults.inject({ method: 'startPayment', kind: 'error' })
    s.h.mock.faults.inject({ method: 'startPayment', kind: 'error' })
    await s.controller.confirm()
    const failed = s.store.get().flow.payment
    expect(failed).toMatchObject({ step: 'error', error: { code: 'SERVER' } })
    await s.controller.confirm()
    expect(s.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'success', key: failed.step === 'error' ? failed.key : '' })
    expect(s.ordersOf('p06')).toHaveLength(1)
  })

  it('after a restart mid-payment, the saved order is found and settled without opening the cashier', async () => {
    const storage = createMemoryStore()
    const h = harness()
    const first = setup({ storage, h, sleepAdvancesClock: false })
    await lookupOther(first, 'p11')
    await first.controller.confirm()
    expect(first.store.get().flow.payment).toMatchObject({ outcome: 'unconfirmed' })
    const orderId = first.store.get().order!.orderId

    // The app is closed and opened again later: a fresh store and controller on the same storage.
    h.advance(30_000)
    const second = setup({ storage, h })
    expect(await second.controller.restore()).toBe(true)
    expect(second.started).toHaveLength(0)
    expect(second.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'success', orderId })
    expect(second.ordersOf('p11')).toHaveLength(1)
    expect(storage.getItem(PENDING_ORDER_KEY)).toBeNull()
  })

  it('a restart while the stored-data checks cannot load (offline) keeps the saved order; two restores at once settle it once', async () => {
    const storage = createMemoryStore()
    const h = harness()
    const first = setup({ storage, h, sleepAdvancesClock: false })
    await lookupOther(first, 'p11')
    await first.controller.confirm()
    const saved = storage.getItem(PENDING_ORDER_KEY)
    expect(saved).not.toBeNull()

    let online = false
    const second = setup({ storage, h, checks: async () => (online ? storedChecks : Promise.reject(new Error('offline'))) })
    expect(await second.controller.restore()).toBe(false)
    expect(storage.getItem(PENDING_ORDER_KEY)).toBe(saved)
    expect(second.store.get().flow.payment).toEqual({ step: 'idle' })

    online = true
    h.advance(30_000)
    const outcomes = await Promise.all([second.controller.restore(), second.controller.restore()])
    expect(outcomes.sort()).toEqual([false, true])
    expect(second.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'success' })
    expect(second.ordersOf('p11')).toHaveLength(1)
    expect(second.started).toHaveLength(0)
  })

  it('with nothing saved, restore settles at once without fetching the stored-data checks', async () => {
    let fetched = 0
    const s = setup({ checks: async () => (fetched++, storedChecks) })
    expect(await s.controller.restore()).toBe(false)
    expect(fetched).toBe(0)
  })

  it('a restart before the order was created re-creates it under the saved key, never twice', async () => {
    const storage = createMemoryStore()
    const h = harness()
    const first = setup({ storage, h })
    await lookupOther(first, 'p06')
    h.mock.faults.inject({ method: 'createOrder', kind: 'timeout' })
    h.mock.faults.inject({ method: 'createOrder', kind: 'timeout' })
    h.mock.faults.inject({ method: 'createOrder', kind: 'timeout' })
    await first.controller.confirm()
    expect(first.store.get().flow.payment).toMatchObject({ step: 'error' })
    const second = setup({ storage, h })
    expect(await second.controller.restore()).toBe(true)
    expect(second.ordersOf('p06')).toHaveLength(1)
    // Restored, not paid: the person decides to pay; the cashier was never opened on its own.
    expect(second.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'cancelled' })
    expect(second.started).toHaveLength(0)
  })

  it('a lookup failure keeps the typed form and says why', async () => {
    const s = setup()
    s.store.startJourney('other')
    s.store.dispatch({ type: 'form_changed', field: 'name', value: '赵敏' })
    expect(await lookupOther(s, 'p04')).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } })
    expect(s.store.get().flow.lookup).toMatchObject({ status: 'error', error: { code: 'NOT_REGISTERED' } })
    expect(s.store.get().flow.form.name).toBe('赵敏')
  })
})
