// The family board on home (H5): a family with mixed states — 李秀英 paid (已入库), 何秀珍 fully
// funded (特困), 陈桂兰 unpaid — and 本人, whose lookup fails once: each row on its own, 重试 fixes
// it, accessible at both sizes, and a row to 缴费成功 in 4 taps, with the tracker after it.
/* global document */
import assert from 'node:assert/strict'
import { assertAccessible } from './a11y.mjs'
import { CURRENT, e2e, PEOPLE, saveFamily } from './helpers.mjs'

const test = (artifact, name, fn, options) => e2e(name, fn, { file: import.meta.url, artifact, ...options })

const FAMILY = [PEOPLE.p02, PEOPLE.p15, PEOPLE.p06]

const row = async (app, i) => (await app.stationed(`#board-row-${i}`)).innerText()
async function rowsLoaded(app, n) {
  await app.page.waitForFunction(
    ({ current, n }) => Array.from({ length: n }, (_x, i) => document.querySelector(`${current} #board-row-${i}`)).every((el) => el && !el.textContent.includes('查询中')),
    { current: CURRENT, n },
    { polling: 50, timeout: 15_000 },
  )
}

test('mixed-family', 'mixed family on the board: one lookup failing once hides nobody, 重试 fixes it, a row pays in 4 taps', async (app) => {
  // A first-time visitor: today's home, no board.
  await app.open('/pages/home/index')
  await app.stationed('#entry-self')
  assert.equal(await app.page.locator(`${CURRENT} #board`).count(), 0, 'a first-time visitor sees the board')

  // The family is saved (as after 常用缴费人), and the board's first lookup (本人's) will fail once.
  await saveFamily(app, FAMILY)
  await app.mock('faults.inject', { method: 'lookupPayer', kind: 'error' })
  await app.tap('link-family', { to: '/packages/family/index' })
  await app.stationed('#family-2')
  // Back to home (the same page, shown again): it now knows a returning user.
  await app.page.goBack()
  await app.stationed('#board')
  await rowsLoaded(app, 4)
  await app.shot('board-mixed')

  assert.match(await row(app, 0), /本人[\s\S]*查询失败/)
  await app.stationed('#board-retry-0', { text: '重试' })
  assert.match(await row(app, 1), /李\*英[\s\S]*已入库/)
  assert.match(await row(app, 2), /何\*珍[\s\S]*无需个人缴费/)
  assert.doesNotMatch(await row(app, 2), /¥/)
  const mother = await row(app, 3)
  assert.match(mother, /陈\*兰[\s\S]*未缴[\s\S]*应缴¥120\.00/)
  assert.match(mother, /缴费期还剩\d+天；\d{4}年2月\d+日后缴费，需等待3个月才能享受待遇/)
  await app.stationed('#entry-self')
  await app.stationed('#entry-other')
  await assertAccessible(app, 'home/board-mixed')

  await app.tap('board-retry-0')
  await app.stationed('#board-row-0', { text: '未缴' })
  assert.match(await row(app, 0), /应缴¥400\.00/)
  assert.match(await row(app, 1), /已入库/)

  // 陈桂兰's row → 下一步 → 确认缴费 → 确认支付.
  app.resetTaps()
  await app.tap('board-row-3', { to: '/pages/items/index' })
  await app.stationed('#total', { text: '¥120.00' })
  await app.tap('next', { to: '/pages/confirm/index' })
  await app.stationed('#amount', { text: '¥120.00' })
  await app.tap('confirm-pay', { to: '/pages/pay/index' })
  await app.tapModal('微信支付（演示）', '确认支付')
  await app.stationed('#outcome-title', { text: '缴费成功', timeout: 20_000 })
  assert.equal(app.taps, 4, 'taps from the board row to 缴费成功')

  // Where the money is now, and home says so.
  await app.stationed('#tracker-paid', { text: '支付成功' })
  await app.stationed('#tracker-booked', { text: '预计' })
  await app.stationed('#tracker-cover', { text: '起享受' })
  await app.shot('result-tracker')
  await assertAccessible(app, 'result/tracker')
  await app.tap('go-home', { to: '/pages/home/index' })
  await app.stationed('#board-row-3', { text: '已缴费' })
  await app.shot('board-after-paying')
})
