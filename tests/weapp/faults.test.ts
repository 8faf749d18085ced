/**
 * Tier 2: one backend failure at each call of the 代他人缴费 journey, on the compiled
 * weapp build. Each case injects ONE fault into the embedded mock (src/services/mock/mockBackend.ts):
 *   error         → SERVER  (nothing done)        → 服务繁忙
 *   timeout       → TIMEOUT (nothing done)        → 请求超时
 *   lost_response → NETWORK (done, answer lost)   → 网络连接不稳定
 * and walks the journey: the page says the right thing (src/flow/advice.ts) or recovers by itself
 * where the app retries (createOrder/startPayment retry retryable errors; queryOrder is polled),
 * what was typed stays, the retry succeeds, and there is exactly one order, paid.
 */
import { appOrdersOf, bootApp, errorTitle, openProxyForm, registryPerson, runUntil as runOnFakeClock, toConfirm } from './harness'

const h = bootApp()
beforeEach(() => h.reset())

const MOTHER = registryPerson('p06')
type Method = 'lookupPayer' | 'listDueItems' | 'createOrder' | 'startPayment' | 'queryOrder' | 'getReceipt'
type Kind = 'error' | 'timeout' | 'lost_response'

const TITLE: Record<Kind, string> = { error: '服务繁忙', timeout: '请求超时', lost_response: '网络连接不稳定' }
/** A phrase of each advice's detail. */
const DETAIL: Record<Kind, string> = { error: '请稍后重试', timeout: '已填写的信息不会丢失，也不会重复扣款', lost_response: '已填写的信息不会丢失，也不会重复扣款' }

/** runUntil (fake clock), noting every error panel seen on the way. */
async function runUntil(done: () => boolean, label: string, seen: string[] = []): Promise<void> {
  const note = () => {
    if (h.stack().length && h.exists('#error-panel')) seen.push(`${h.route()}: ${errorTitle(h)}`)
  }
  await runOnFakeClock(h, done, label, { onStep: note })
}

const onResult = () => h.route() === 'pages/result/index' && h.exists('#voucher-no')

function expectOneOrderPaid(): void {
  const orders = appOrdersOf(h, MOTHER.id)
  expect(orders).toHaveLength(1)
  expect(orders[0]).toMatchObject({ state: 'paid', amountFen: 12000, attempts: 1 })
  expect(h.modals.filter((m) => m.confirmText === '确认支付')).toHaveLength(1)
  expect(h.textOf('#outcome-title')).toBe('缴费成功')
  expect(h.textOf('#paid-amount')).toBe('¥120.00')
  expect(h.mock.faults.pending()).toEqual([]) // the fault was met
}

/** The form, with the fault (if any) armed before anything is typed. */
async function fillAndLookup(fault?: { method: Method; kind: Kind }): Promise<void> {
  await openProxyForm(h)
  if (fault) h.mock.faults.inject(fault)
  await h.input('#name', MOTHER.name)
  await h.input('#idNumber', MOTHER.idNumber)
  await h.tap('#lookup')
}

const KINDS: Kind[] = ['error', 'timeout', 'lost_response']
const cases = (...methods: Method[]): Array<[Method, Kind]> => methods.flatMap((m) => KINDS.map((k): [Method, Kind] => [m, k]))

describe.each<[Method, Kind]>(cases('lookupPayer', 'listDueItems'))('%s fails once (%s): the payer page explains it next to the form', (method, kind) => {
  test('what was typed stays and 重试 goes on to pay once', async () => {
    await fillAndLookup({ method, kind })
    await runUntil(() => h.exists('#error-panel'), 'lookup error')
    expect(h.route()).toBe('pages/payer/index')
    expect(errorTitle(h)).toBe(TITLE[kind])
    expect(h.textOf('#error-panel')).toContain(DETAIL[kind])
    expect(h.textOf('#error-panel-action')).toBe('重试')
    expect(h.nodeData('name')?.value).toBe(MOTHER.name)
    expect(h.nodeData('idNumber')?.value).toBe(MOTHER.idNumber)
    expect(h.exists('#name-error')).toBe(false)
    expect(h.exists('#idNumber-error')).toBe(false)
    expect(appOrdersOf(h, MOTHER.id)).toHaveLength(0)

    await h.tap('#error-panel-action')
    await runUntil(() => h.route() === 'pages/items/index' && h.exists('#total'), 'items page')
    expect(h.textOf('#payer-card')).toContain(MOTHER.masked)
    expect(h.textOf('#total')).toBe('¥120.00')
    await toConfirm(h)
    await h.tap('#confirm-pay')
    await runUntil(onResult, 'result page')
    expectOneOrderPaid()
  })
})

describe.each<[Method, Kind]>(cases('createOrder', 'startPayment', 'queryOrder'))('%s fails once (%s): the app tries again by itself', (method, kind) => {
  test('no error is shown and the one order is paid', async () => {
    await fillAndLookup()
    await runUntil(() => h.route() === 'pages/items/index' && h.exists('#next'), 'items page')
    await toConfirm(h)
    h.mock.faults.inject({ method, kind })
    await h.tap('#confirm-pay')
    const seen: string[] = []
    await runUntil(onResult, 'result page', seen)
    expect(seen).toEqual([])
    expectOneOrderPaid()
    // A lost answer did the work once: the second call got the same order (idempotency key), not a new one.
    expect(h.current().query.orderId).toBe(appOrdersOf(h, MOTHER.id)[0].orderId)
    // Nothing left pending on the phone.
    expect(h.storage.has('yibao.pendingOrder.v1')).toBe(false)
  })
})

describe.each<[Method, Kind]>(cases('getReceipt'))('%s fails once (%s) after paying: the result page explains it', (method, kind) => {
  test('重试 shows the receipt; still one order, no second payment', async () => {
    await fillAndLookup()
    await runUntil(() => h.route() === 'pages/items/index' && h.exists('#next'), 'items page')
    await toConfirm(h)
    h.mock.faults.inject({ method, kind })
    await h.tap('#confirm-pay')
    await runUntil(() => h.route() === 'pages/result/index' && h.exists('#error-panel'), 'result error')
    expect(errorTitle(h)).toBe(TITLE[kind])
    expect(h.textOf('#error-panel')).toContain(DETAIL[kind])
    expect(h.exists('#voucher-no')).toBe(false)
    // Paid already: the backend holds it.
    expect(appOrdersOf(h, MOTHER.id)).toHaveLength(1)
    expect(appOrdersOf(h, MOTHER.id)[0].state).toBe('paid')

    await h.tap('#error-panel-action')
    await runUntil(onResult, 'receipt after retry')
    expect(h.textOf('#voucher-no')).toContain(appOrdersOf(h, MOTHER.id)[0].voucherNo)
    expectOneOrderPaid()
  })
})
