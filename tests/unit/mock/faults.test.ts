/** Transport faults: what the app sees, and what the backend did or did not do behind them. */
import { isRetryable } from '@/contract'
import { MOCK_STORAGE_KEY } from '@/services/storage'
import { createMemoryStore } from '@/services/storage'
import { expectCode, harness } from './harness'

const appOrders = (h: ReturnType<typeof harness>) => h.mock.inspect.orders().filter((o) => !o.idempotencyKey.startsWith('seed_'))

describe('mock faults', () => {
  it('error: the call fails as SERVER (retryable) before anything happens; the retry works', async () => {
    const h = harness()
    const payerRef = await h.refOf('p01')
    h.mock.faults.inject({ method: 'createOrder', kind: 'error' })
    const request = { idempotencyKey: 'key_error_1', payerRef, selection: { kind: 'resident' as const, coverageYear: 2027 } }
    const error = await expectCode(h.backend.createOrder(request), 'SERVER')
    expect(isRetryable(error)).toBe(true)
    expect(appOrders(h)).toHaveLength(0)
    expect((await h.backend.listDueItems({ payerRef })).openOrderId).toBeUndefined()
    expect(h.mock.faults.pending()).toHaveLength(0)
    const order = await h.backend.createOrder(request)
    expect(order.state).toBe('pending')
    expect(appOrders(h)).toHaveLength(1)
  })

  it('timeout: the call fails as TIMEOUT (retryable) and starts no attempt', async () => {
    const h = harness()
    const { order } = await h.residentOrder('p01')
    h.mock.faults.inject({ method: 'startPayment', kind: 'timeout' })
    const error = await expectCode(h.backend.startPayment({ orderId: order.orderId }), 'TIMEOUT')
    expect(isRetryable(error)).toBe(true)
    const after = await h.backend.queryOrder({ orderId: order.orderId })
    expect(after.state).toBe('pending')
    expect(after.attempts).toBe(0)
    const started = await h.backend.startPayment({ orderId: order.orderId })
    expect(started.order.attempts).toBe(1)
  })

  it('lost_response on createOrder: the order exists although the app saw NETWORK; the same key returns it', async () => {
    const h = harness()
    const payerRef = await h.refOf('p01')
    const request = { idempotencyKey: 'key_lost_create', payerRef, selection: { kind: 'resident' as const, coverageYear: 2027 } }
    h.mock.faults.inject({ method: 'createOrder', kind: 'lost_response' })
    const error = await expectCode(h.backend.createOrder(request), 'NETWORK')
    expect(isRetryable(error)).toBe(true)
    const created = appOrders(h)
    expect(created).toHaveLength(1)
    expect((await h.backend.listDueItems({ payerRef })).openOrderId).toBe(created[0].orderId)
    const retried = await h.backend.createOrder(request)
    expect(retried.orderId).toBe(created[0].orderId)
    expect(appOrders(h)).toHaveLength(1)
  })

  it('lost_response on startPayment: the attempt is running; the retry hands back that attempt, not a second one', async () => {
    const h = harness()
    const { order } = await h.residentOrder('p01')
    h.mock.faults.inject({ method: 'startPayment', kind: 'lost_response' })
    await expectCode(h.backend.startPayment({ orderId: order.orderId }), 'NETWORK')
    const meanwhile = await h.backend.queryOrder({ orderId: order.orderId })
    expect(meanwhile.state).toBe('paying')
    expect(meanwhile.attempts).toBe(1)
    const retried = await h.backend.startPayment({ orderId: order.orderId })
    expect(retried.order.attempts).toBe(1)
    expect((await h.mock.cashier.complete(retried.attemptId, 'pay')).result).toBe('ok')
    expect((await h.backend.queryOrder({ orderId: order.orderId })).state).toBe('paid')
  })

  it('malformed: an answer outside the contract becomes BAD_RESPONSE, not a crash; the backend did nothing', async () => {
    const h = harness()
    const payerRef = await h.refOf('p01')
    h.mock.faults.inject({ method: 'createOrder', kind: 'malformed' })
    const request = { idempotencyKey: 'key_malformed', payerRef, selection: { kind: 'resident' as const, coverageYear: 2027 } }
    const error = await expectCode(h.backend.createOrder(request), 'BAD_RESPONSE')
    expect(isRetryable(error)).toBe(false)
    expect(appOrders(h)).toHaveLength(0)
    const order = await h.backend.createOrder(request)
    h.mock.faults.inject({ method: 'queryOrder', kind: 'malformed' })
    await expectCode(h.backend.queryOrder({ orderId: order.orderId }), 'BAD_RESPONSE')
    expect((await h.backend.queryOrder({ orderId: order.orderId })).orderId).toBe(order.orderId)
  })

  it('duplicate: a request that arrives twice makes one order and one attempt', async () => {
    // Counts how often the backend handled a request (it stores its state once per request).
    const store = createMemoryStore()
    let handled = 0
    const h = harness({ storage: { ...store, setItem: (k, v) => void ((handled += k === MOCK_STORAGE_KEY ? 1 : 0), store.setItem(k, v)) } })
    const payerRef = await h.refOf('p01')
    h.mock.faults.inject({ method: 'createOrder', kind: 'duplicate' })
    handled = 0
    const order = await h.backend.createOrder({ idempotencyKey: 'key_duplicate', payerRef, selection: { kind: 'resident', coverageYear: 2027 } })
    expect(handled).toBe(2) // it really did arrive twice
    expect(appOrders(h)).toHaveLength(1)
    expect(appOrders(h)[0].orderId).toBe(order.orderId)
    h.mock.faults.inject({ method: 'startPayment', kind: 'duplicate' })
    handled = 0
    const started = await h.backend.startPayment({ orderId: order.orderId })
    expect(handled).toBe(2)
    expect(started.order.attempts).toBe(1)
    expect((await h.backend.startPayment({ orderId: order.orderId })).attemptId).toBe(started.attemptId)
  })

  it('duplicate with a different key while an order is open still leaves one order for the person-period', async () => {
    const h = harness()
    const { payerRef, order } = await h.residentOrder('p01')
    h.mock.faults.inject({ method: 'createOrder', kind: 'duplicate' })
    const second = await h.backend.createOrder({ idempotencyKey: 'key_other_session', payerRef, selection: { kind: 'resident', coverageYear: 2027 } })
    expect(second.orderId).toBe(order.orderId)
    expect(appOrders(h)).toHaveLength(1)
  })

  it('a fault hits only its method, once, in the order injected; clear drops the rest', async () => {
    const h = harness()
    h.mock.faults.inject({ method: 'createOrder', kind: 'error' })
    h.mock.faults.inject({ method: 'createOrder', kind: 'timeout' })
    h.mock.faults.inject({ method: 'listRecords', kind: 'error' })
    const { payerRef } = { payerRef: await h.refOf('p01') }
    expect((await h.backend.listDueItems({ payerRef })).resident?.years.length).toBeGreaterThan(0)
    expect(h.mock.faults.pending()).toHaveLength(3)
    const request = { idempotencyKey: 'key_queue', payerRef, selection: { kind: 'resident' as const, coverageYear: 2027 } }
    await expectCode(h.backend.createOrder(request), 'SERVER')
    await expectCode(h.backend.createOrder(request), 'TIMEOUT')
    expect(h.mock.faults.pending()).toEqual([{ method: 'listRecords', kind: 'error' }])
    h.mock.faults.clear()
    expect(h.mock.faults.pending()).toHaveLength(0)
    await h.backend.listRecords({})
    await h.backend.createOrder(request)
  })
})
