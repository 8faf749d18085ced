/**
 * Tier 2: after paying, where the money is: 支付成功 (time) → 税务入库 (expected by a date, then
 * done) → 医保待遇开始 (date), on the result page and on the paid record; and the result page's
 * reminder asks for 入库完成 along with the window reminder.
 */
import { appOrdersOf, bootApp, installWxExtras, paySelfToResult, runUntil } from './harness'

const h = bootApp()
const wx = installWxExtras()
beforeEach(async () => {
  await h.reset()
  wx.reset()
})

/** Monday 23 November 2026, 10:00 Asia/Shanghai. */
const NOV_23 = Date.UTC(2026, 10, 23, 2)

test('the result page tracks the payment, and the reminder subscribes to 入库完成 too', async () => {
  h.setClock(NOV_23)
  await paySelfToResult(h)
  await runUntil(h, () => h.exists('#tracker-booked'), 'tracker')
  expect(h.textOf('#tracker-paid')).toMatch(/^✓ 支付成功2026-11-23 10:0\d$/)
  // Three working days after a Monday: Thursday.
  expect(h.textOf('#tracker-booked')).toBe('… 税务入库预计2026年11月26日前完成')
  expect(h.textOf('#tracker-cover')).toBe('… 医保待遇开始2027年1月1日起享受')

  expect(h.textOf('#reminder-subscribe')).toBe('入库完成和缴费期开始时提醒我')
  wx.answerSubscribe('accept')
  await h.tap('#reminder-subscribe')
  await h.waitFor('#reminder-result', 3000)
  expect(wx.calls.filter((c) => c.api === 'requestSubscribeMessage').map((c) => c.options)).toEqual([{ tmplIds: ['yibao_demo_payment_booked', 'yibao_demo_collection_window_open'] }])
  expect(h.textOf('#reminder-result')).toBe('已订阅，税务入库完成时和2027年缴费期开始时提醒您')
})

test('the paid record carries the tracker, and shows 已入库 once the tax side has booked it', async () => {
  h.setClock(NOV_23)
  await paySelfToResult(h)
  const [order] = appOrdersOf(h, 'p01')
  await h.tap('#view-records')
  await runUntil(h, () => h.exists(`#tracker-${order.orderId}`), 'records with the tracker')
  expect(h.textOf(`#tracker-${order.orderId}`)).toMatch(/^✓支付成功 2026-11-23 10:0\d → …税务入库 预计2026年11月26日前完成 → …医保待遇开始 2027年1月1日起享受$/)

  // The mock books a payment two minutes after it (a demo's 2–3 working days).
  h.advanceClock(3 * 60_000)
  await h.launch('packages/records/index')
  await runUntil(h, () => h.textOf(`#tracker-${order.orderId}`).includes('已入库'), 'booked record')
  expect(h.textOf(`#tracker-${order.orderId}`)).toContain('✓税务入库 已入库')
})
