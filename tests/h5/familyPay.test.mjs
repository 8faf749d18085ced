// 全部缴纳 (H5): the family board's one button for everyone unpaid, one confirm page, one payment.
// Three people (本人, 陈桂兰, 张德明) to three receipts in 3 taps from the board; then 欧阳娜娜, whose
// booking the tax side refuses: the result page names her and her refund, the others covered.
// Accessible at both pages.
import assert from 'node:assert/strict'
import { assertAccessible } from './a11y.mjs'
import { CURRENT, e2e, PEOPLE, saveFamily } from './helpers.mjs'

const test = (artifact, name, fn, options) => e2e(name, fn, { file: import.meta.url, artifact, ...options })

/** Home with the family saved, its board loaded and 全部缴纳 offered. */
async function boardWith(app, ids, label) {
  await app.open('/pages/home/index')
  await app.stationed('#entry-self')
  await saveFamily(app, ids.map((id) => PEOPLE[id]))
  await app.reload()
  await app.stationed('#board-pay-all', { text: label, timeout: 15_000 })
}

test('three-receipts', '全部缴纳 for three: board → 全部缴纳 → 确认缴费 → 确认支付, three receipts', async (app) => {
  await boardWith(app, ['p06', 'p14'], '全部缴纳（3人，¥920.00）')
  await app.shot('board-pay-all')

  app.resetTaps()
  await app.tap('board-pay-all', { to: '/packages/family/pay' })
  await app.stationed('#family-item-2')
  assert.equal(await (await app.stationed('#amount')).innerText(), '¥920.00')
  assert.match(await (await app.stationed('#amount-capital')).innerText(), /玖佰贰拾元整/)
  const mother = await (await app.stationed('#family-item-1')).innerText()
  assert.match(mother, /陈\*兰[\s\S]*¥120\.00[\s\S]*510703\*{8}0068[\s\S]*2027年度/)
  assert.equal(await app.page.locator(`${CURRENT} #family-item-1[aria-checked="true"]`).count(), 1, 'each person ticked')
  await app.stationed('#proxy-warning')
  await app.shot('family-pay')
  await assertAccessible(app, 'family/pay')

  await app.tap('family-confirm')
  await app.tapModal('微信支付（演示）', '确认支付')
  await app.stationed('#outcome-title', { text: '缴费成功', timeout: 20_000 })
  assert.equal(app.taps, 3, 'taps from the board to everyone’s 缴费成功')
  for (const i of [0, 1, 2]) await app.stationed(`#family-voucher-${i}`, { text: '电子税票号码：' })
  assert.equal(await (await app.stationed('#outcome-detail')).innerText(), '一次支付¥920.00，已为3人缴费')
  const vouchers = await Promise.all([0, 1, 2].map(async (i) => (await app.stationed(`#family-voucher-${i}`)).innerText()))
  assert.equal(new Set(vouchers).size, 3, `three receipts: ${vouchers}`)
  await app.shot('family-result')
  await assertAccessible(app, 'family/result')

  await app.tap('go-home', { to: '/pages/home/index' })
  for (const i of [0, 1, 2]) await app.stationed(`#board-row-${i}`, { text: '已缴费', timeout: 15_000 })
})

test('one-refused', '全部缴纳 with a booking refused: the result page names her and her refund, the others covered', async (app) => {
  await boardWith(app, ['p06', 'p12'], '全部缴纳（3人，¥920.00）')
  await app.tap('board-pay-all', { to: '/packages/family/pay' })
  await app.stationed('#family-item-2')
  // Unticking one changes the total (and the 大写); ticking again puts it back.
  await app.tap('family-item-1')
  await app.stationed('#amount', { text: '¥800.00' })
  assert.equal(await app.page.locator(`${CURRENT} #family-item-1[aria-checked="false"]`).count(), 1, 'unticked')
  await app.tap('family-item-1')
  await app.stationed('#amount', { text: '¥920.00' })
  await app.tap('family-confirm')
  await app.tapModal('微信支付（演示）', '确认支付')
  await app.stationed('#outcome-title', { text: '2人缴费成功', timeout: 20_000 })
  assert.equal(await (await app.stationed('#outcome-detail')).innerText(), '一次支付¥920.00，已为2人缴费；欧阳**入库未成功，¥400.00原路退回')
  const refused = await (await app.stationed('#family-returned-0')).innerText()
  assert.match(refused, /欧阳\*\*[\s\S]*待冲正[\s\S]*¥400\.00将在1–2天内原路退回/)
  const covered = await (await app.stationed('#family-covered')).innerText()
  assert.match(covered, /张\*国[\s\S]*陈\*兰/)
  assert.doesNotMatch(covered, /欧阳/)
  for (const i of [0, 1]) await app.stationed(`#family-voucher-${i}`, { text: '电子税票号码：' })
  await app.shot('family-result-refund')
  await assertAccessible(app, 'family/result-refund')
})
