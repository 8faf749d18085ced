// 全部缴纳 (H5) against the merchant server: dist/h5-server in Chromium, its calls forwarded to a
// server process of its own (embedded PostgreSQL in a fresh data folder, simulators on). 本人,
// 陈桂兰 and 欧阳娜娜 (whose booking the tax simulator refuses), saved on 常用缴费人: 全部缴纳 → 确认缴费 →
// 确认支付, one payment, two receipts, her item alone refunded.
import assert from 'node:assert/strict'
import { addFamilyByForm, PEOPLE } from '../h5/helpers.mjs'
import { withOwnServer } from './ownServer.mjs'

const test = withOwnServer(import.meta.url)

test('family', '全部缴纳 against the server: three people, one payment, two receipts, one booking refused and refunded alone', async (app) => {
  await addFamilyByForm(app, [PEOPLE.p06, PEOPLE.p12])
  await app.open('/pages/home/index')
  for (const i of [0, 1, 2]) await app.stationed(`#board-row-${i}`, { text: '未缴', timeout: 20_000 })
  await app.stationed('#board-pay-all', { text: '全部缴纳（3人，¥920.00）' })

  app.resetTaps()
  await app.tap('board-pay-all', { to: '/packages/family/pay' })
  await app.stationed('#family-item-2')
  await app.stationed('#amount', { text: '¥920.00' })
  await app.shot('family-pay')
  await app.tap('family-confirm')
  await app.tapModal('微信支付（演示）', '确认支付')
  await app.stationed('#outcome-title', { text: '2人缴费成功', timeout: 30_000 })
  assert.equal(app.taps, 3, 'taps from the board to everyone’s result')
  assert.equal(await (await app.stationed('#outcome-detail')).innerText(), '一次支付¥920.00，已为2人缴费；欧阳**入库未成功，¥400.00原路退回')
  assert.match(await (await app.stationed('#family-returned-0')).innerText(), /欧阳\*\*[\s\S]*¥400\.00/)
  for (const i of [0, 1]) assert.match(await (await app.stationed(`#family-voucher-${i}`, { text: '电子税票号码：' })).innerText(), /电子税票号码：\d{8,}/)
  await app.shot('family-result')

  // 缴费记录 (the server's) lists both paid people and her refund.
  await app.tap('view-records', { to: '/packages/records/index' })
  const records = await (await app.stationed('#records', { text: '欧阳' })).innerText()
  assert.match(records, /张\*国/)
  assert.match(records, /陈\*兰/)
  assert.match(records, /待冲正|已退款/)
})
