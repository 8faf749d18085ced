/**
 * Bugs the session model found, each kept as its minimal sequence with the behaviour we expect.
 * 1–4: the payment controller carried on after an await for a session (or lookup) the person had
 * left; it now checks after every wait that the session is still the one on screen. 5: restore()
 * now drops the journey data of a different payer. 6–7: the embedded mock now checks what it reads
 * (stored state that names unknown people, requests of the wrong shape) as a server would.
 */
import type { Backend, Method } from '@/contract'
import { createTestMock } from '@/services/mock/testMock'
import { MOCK_STORAGE_KEY } from '@/services/storage'
import { createMemoryStore } from '@/services/storage'
import { appOnMock, lookupOf } from '../mock/app'
import { harness, START } from '../mock/harness'

const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

function setup() {
  const h = harness()
  const storage = createMemoryStore()
  // Requests on a slow network: held until released, then sent.
  const holdNext = new Set<Method>()
  const held: (() => void)[] = []
  const backend = {} as Record<Method, (request: unknown) => Promise<unknown>>
  for (const method of Object.keys(h.backend) as Method[]) {
    const real = h.backend[method] as (request: unknown) => Promise<unknown>
    backend[method] = (request) => {
      if (!holdNext.delete(method)) return real(request)
      return new Promise((resolve, reject) => held.push(() => real(request).then(resolve, reject)))
    }
  }
  // Back-off timers that fire when told to.
  const timers: (() => void)[] = []
  const app = appOnMock({
    h,
    storage,
    backend: backend as unknown as Backend,
    sleep: (ms) => new Promise<void>((resolve) => timers.push(() => (h.advance(ms), resolve()))),
  })
  const { store, controller, started, cashier } = app
  return {
    h,
    store,
    storage,
    controller,
    started,
    cashier,
    other: lookupOf,
    hold: (method: Method) => void holdNext.add(method),
    release: async () => {
      held.shift()!()
      await settle()
    },
    fireTimers: async () => {
      timers.splice(0).forEach((fire) => fire())
      await settle()
    },
  }
}

describe('regressions found by the session model', () => {
  it('1. a slow createOrder answered after a new journey pays the OLD person’s order in the new session', async () => {
    const s = setup()
    const selfRef = await s.h.refOf('p01')
    const otherRef = await s.h.refOf('p11')
    await s.controller.lookup({ mode: 'self' })
    s.hold('createOrder')
    void s.controller.confirm() // 张建国: 确认缴费 on a slow network
    s.store.startJourney('other') // back to home → 代他人缴费
    await s.controller.lookup(s.other('p11')) // 周涛
    s.hold('createOrder')
    void s.controller.confirm() // 确认缴费 for 周涛 (the confirm page shows 周涛)
    await s.release() // 张建国's order arrives: order_created lands in 周涛's session
    // Was: the cashier opens for 张建国's order (started[0].order.payerRef === selfRef), it is paid,
    // and 周涛's session ends { step: 'done', outcome: 'success' } on 张建国's order; 周涛 is unpaid.
    // (Before it settles, the pending record holds 周涛's key with 张建国's orderId.)
    expect(s.started.map((x) => x.order.payerRef)).not.toContain(selfRef)
    expect(s.store.get().flow.payerRef).toBe(otherRef)
  })

  it('2. a back-off of a session the person left opens WeChat’s cashier anyway', async () => {
    const s = setup()
    await s.controller.lookup({ mode: 'self' })
    s.h.mock.faults.inject({ method: 'startPayment', kind: 'error' })
    void s.controller.confirm() // startPayment fails; the retry waits 500 ms
    await settle()
    s.store.startJourney('self') // the person goes back home and starts again
    await s.controller.lookup({ mode: 'self' })
    expect(s.store.get().flow.payment.step).toBe('idle')
    await s.fireTimers()
    // Was: the old drive retries startPayment and calls pay(): a cashier pops up on the items page.
    expect(s.started).toHaveLength(0)
  })

  it('3. a slow startPayment answered after a restore opens no cashier and pays nothing', async () => {
    const s = setup()
    await s.controller.lookup({ mode: 'self' })
    s.hold('startPayment')
    void s.controller.confirm() // the order is created; startPayment is slow
    await settle()
    s.store.startJourney('self') // back home…
    await s.controller.restore() // …home's useDidShow restores the saved order: pending → 'cancelled'
    expect(s.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'cancelled' })
    await s.release() // the slow startPayment returns to a drive the person has left
    expect(s.started).toHaveLength(0)
    const orderId = (s.store.get().flow.payment as { orderId: string }).orderId
    expect(s.h.mock.inspect.orders().find((o) => o.orderId === orderId)?.state).not.toBe('paid')
  })

  it('4. a slow lookup answered after a new journey replaces the payer just looked up', async () => {
    const s = setup()
    const otherRef = await s.h.refOf('p06')
    s.hold('lookupPayer')
    void s.controller.lookup({ mode: 'self' }) // 本人缴费, slow
    s.store.startJourney('other') // back, 代他人缴费 for 陈桂兰
    expect(await s.controller.lookup(s.other('p06'))).toMatchObject({ ok: true })
    await s.release() // the first lookup answers last
    // Was: payer, due items and payerRef are 张建国's; the items page now prices 张建国's year.
    expect(s.store.get().flow.payerRef).toBe(otherRef)
    expect(s.store.get().payer?.payerRef).toBe(otherRef)
  })

  it('5. restore() swaps in the saved order’s payer but keeps the current journey’s payer and due items', async () => {
    const s = setup()
    await s.controller.lookup({ mode: 'self' })
    s.cashier.push('cancel')
    const confirmed = s.controller.confirm()
    await s.fireTimers()
    await confirmed // 张建国's order is pending (支付未完成), saved for later
    s.store.startJourney('other')
    await s.controller.lookup(s.other('p06')) // 陈桂兰, on the items page
    await s.controller.restore() // the home page is shown again
    const { flow, payer, due } = s.store.get()
    // Never 陈桂兰's name and amount beside 张建国's order: the confirm page sends the person home.
    expect(payer === undefined || payer.payerRef === flow.payerRef).toBe(true)
    expect(due === undefined || due.payer.payerRef === flow.payerRef).toBe(true)
  })

  it('6. the mock keeps stored state naming a person it does not know, then 缴费记录 fails for good', async () => {
    // Say a later build drops or renumbers a demo person: the state still passes the schema.
    const h = harness()
    const { order } = await h.residentOrder('p06')
    await h.backend.startPayment({ orderId: order.orderId }) // 支付中: listed in 缴费记录
    const state = JSON.parse(h.storage.getItem(MOCK_STORAGE_KEY)!) as { orders: { orderId: string; personId: string }[] }
    state.orders.find((o) => o.orderId === order.orderId)!.personId = 'p99'
    const storage = createMemoryStore({ [MOCK_STORAGE_KEY]: JSON.stringify(state) })
    const mock = createTestMock({ clock: () => START, storage, latencyMs: 0 })
    // Was: not moved aside; listRecords/queryOrder/startPayment/getReceipt throw
    // "TypeError: Cannot read properties of undefined (reading 'regionCode')" (the app sees NETWORK).
    // A stored order with a negative amountFen passes too and getReceipt throws RangeError.
    await expect(mock.transport.call('listRecords', {})).resolves.toMatchObject({ ok: true })
  })

  it('7. the mock’s transport throws on requests of the wrong shape instead of answering INVALID_REQUEST', async () => {
    // createBackend validates first, so the app never sends these; a real backend would receive them.
    const mock = createTestMock({ clock: () => START, storage: createMemoryStore(), latencyMs: 0 })
    // Was: TypeError "Cannot destructure property 'orderId' of 'object null'"; for lookupPayer,
    // "raw.replace is not a function" (a non-string idNumber), and any mode but self/ref is taken as 'other'.
    await expect(mock.transport.call('queryOrder', null)).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    await expect(mock.transport.call('lookupPayer', { mode: 'other', name: '张三', idType: 'resident_id', idNumber: 510104 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    })
  })
})
