/** Tier 2: 本人缴费 end to end on the compiled weapp build, and no second order for the same year. */
import { appOrdersOf, bootApp, PEOPLE } from './harness'

const h = bootApp()
beforeEach(() => h.reset())

const SELF = 'p01'

async function paySelf(): Promise<void> {
  await h.launch()
  await h.waitFor('#entry-self')
  h.resetCounters()

  await h.tap('#entry-self') // 1
  await h.waitFor('#next')
  expect(h.textOf('#payer-card')).toContain(PEOPLE.self.masked)
  await h.tap('#next') // 2

  await h.waitFor(() => h.route() === 'pages/items/index' && h.exists('#total'), 5000, 'items page')
  expect(h.textOf('#total')).toBe('¥400.00')
  expect(h.textOf('#cover-start')).toContain('2027年1月1日')
  await h.tap('#next') // 3

  await h.waitFor(() => h.route() === 'pages/confirm/index' && h.exists('#confirm-pay'), 5000, 'confirm page')
  expect(h.textOf('#amount')).toBe('¥400.00')
  expect(h.textOf('#amount-capital')).toContain('肆佰元整')
  expect(h.textOf('#confirm-name')).toContain(PEOPLE.self.masked)
  expect(h.textOf('#confirm-pay')).toBe('确认缴费')
  await h.tap('#confirm-pay') // 4, then 确认支付 in the cashier (5)

  await h.waitFor(() => h.route() === 'pages/result/index' && h.exists('#voucher-no'), 10000, 'result page')
}

test('本人缴费 reaches 缴费成功 with the receipt in at most 5 taps', async () => {
  await paySelf()

  // The cashier showed the amount and was confirmed with 确认支付.
  expect(h.modals).toHaveLength(1)
  expect(h.modals[0]).toMatchObject({ confirmText: '确认支付', answer: 'confirm' })
  expect(h.modals[0].content).toContain('¥400.00')

  // Taps on the pages plus the one in the cashier.
  const taps = h.taps + h.modals.length
  expect(taps).toBe(5)
  expect(taps).toBeLessThanOrEqual(5)
  expect(h.inputs).toBe(0)

  expect(h.textOf('#outcome-title')).toBe('缴费成功')
  expect(h.textOf('#paid-amount')).toBe('¥400.00')
  expect(h.textOf('#receipt')).toContain('¥400.00')
  expect(h.textOf('#receipt')).toContain('肆佰元整')
  expect(h.textOf('#cover-start')).toContain('2027年1月1日')
  expect(h.textOf('#cover-start')).toContain(PEOPLE.self.masked)
  const voucher = h.textOf('#voucher-no').replace('电子税票号码', '').trim()
  expect(voucher).toMatch(/^\d{12,}$/)

  // The pay page was replaced by the result: back does not return to a pay step.
  expect(h.stack().map((p) => p.route)).toEqual([
    'pages/home/index',
    'pages/payer/index',
    'pages/items/index',
    'pages/confirm/index',
    'pages/result/index',
  ])
  expect(h.text()).not.toContain(PEOPLE.self.id)

  // Exactly one order, paid, with the voucher shown.
  const orders = appOrdersOf(h, SELF)
  expect(orders).toHaveLength(1)
  expect(orders[0]).toMatchObject({ state: 'paid', amountFen: 40000, voucherNo: voucher })
  expect(h.current().query.orderId).toBe(orders[0].orderId)
  // Nothing left pending on the phone.
  expect([...h.storage.keys()].filter((k) => k.includes('pendingOrder'))).toEqual([])
})

test('a second 确认缴费 after success cannot create a second order', async () => {
  await paySelf()
  expect(appOrdersOf(h, SELF)).toHaveLength(1)

  // Back to the confirm page: the button now says 已缴费 and does nothing.
  await h.back()
  expect(h.route()).toBe('pages/confirm/index')
  await h.waitFor(() => h.textOf('#confirm-pay') === '已缴费', 3000, '已缴费 button')
  await h.tap('#confirm-pay')
  await h.tap('#confirm-pay')
  await new Promise((r) => setTimeout(r, 900)) // longer than two backend calls
  expect(h.route()).toBe('pages/confirm/index')
  expect(h.modals).toHaveLength(1)
  expect(appOrdersOf(h, SELF)).toHaveLength(1)

  // A fresh 本人缴费 journey is told the year is paid, and still no second order exists.
  await h.launch()
  await h.waitFor('#entry-self')
  await h.tap('#entry-self')
  await h.waitFor('#error-panel', 5000)
  expect(h.textOf('#error-panel')).toContain('该缴费人已缴费')
  expect(h.exists('#next')).toBe(false)
  expect(appOrdersOf(h, SELF)).toHaveLength(1)
  expect(h.modals).toHaveLength(1)
})

test('tapping 确认缴费 twice at once opens one cashier and creates one order', async () => {
  await h.launch()
  await h.waitFor('#entry-self')
  await h.tap('#entry-self')
  await h.waitFor('#next')
  await h.tap('#next')
  await h.waitFor(() => h.route() === 'pages/items/index' && h.exists('#next'), 5000, 'items page')
  await h.tap('#next')
  await h.waitFor(() => h.route() === 'pages/confirm/index' && h.exists('#confirm-pay'), 5000, 'confirm page')

  const button = h.find('#confirm-pay')!
  button.dispatchEvent('tap')
  button.dispatchEvent('tap')
  await h.settle()
  await h.waitFor(() => h.route() === 'pages/result/index' && h.exists('#voucher-no'), 10000, 'result page')
  // One pay page was opened (then replaced by the result), one cashier, one order.
  expect(h.routerLog.filter((c) => c.url?.startsWith('/pages/pay/index'))).toHaveLength(1)
  expect(h.modals).toHaveLength(1)
  expect(appOrdersOf(h, SELF)).toHaveLength(1)
})
