// 缴费记录查询 after one payment and one refused debit: both listed, filters by payer and year,
// the failed one explains itself on a tap, the paid one opens its receipt, and 保存凭证图片
// downloads a PNG of it.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CURRENT, downloadFrom, e2e, lookUpOther, payFromItems, PEOPLE, pngSize, selfToItems } from './helpers.mjs'
import { assertAccessible } from './a11y.mjs'

const test = (artifact, name, fn, options) => e2e(name, fn, { file: import.meta.url, artifact, ...options })

const cards = (app) => app.page.locator(`${CURRENT} #records .record`)
const chip = (app, filter, text) => app.page.locator(`${CURRENT} #filter-${filter} [role="radio"]`, { hasText: text })

/** Taps a filter chip by its words and waits for it to be the checked one. */
async function pickFilter(app, filter, text) {
  const id = await chip(app, filter, text).first().getAttribute('id')
  assert.ok(id, `no ${filter} filter "${text}"`)
  await app.tap(id)
  await app.stationed(`#${id}[aria-checked="true"]`)
  return id
}

test('paid-and-failed', 'records list a payment and a failed payment; filters, the failure explained, the receipt saved as a PNG', async (app) => {
  // 本人 ¥400.00 paid, then 孙丽 (p10) refused by the bank.
  await selfToItems(app)
  await payFromItems(app, { amount: '¥400.00' })
  await app.stationed('#outcome-title', { text: '缴费成功', timeout: 20_000 })
  await lookUpOther(app, PEOPLE.p10)
  await payFromItems(app, { amount: '¥400.00' })
  await app.stationed('#outcome-title', { text: '缴费失败', timeout: 20_000 })
  await app.shot('failed')
  const orders = await app.appOrders()
  const paid = orders.find((o) => o.personId === 'p01')
  const failed = orders.find((o) => o.personId === 'p10')
  assert.deepEqual([paid?.state, failed?.state], ['paid', 'failed'])

  await app.tap('go-home', { to: '/pages/home/index' })
  await app.tap('link-records', { to: '/packages/records/index' })
  await app.stationed('#records')
  await app.shot('records')
  const paidCard = await app.stationed(`#record-${paid.orderId}`)
  const failedCard = await app.stationed(`#record-${failed.orderId}`)
  const paidText = await paidCard.innerText()
  const failedText = await failedCard.innerText()
  assert.match(paidText, /已缴费/)
  assert.match(paidText, /张\*国/)
  assert.match(paidText, /¥400\.00/)
  assert.match(paidText, /查看缴费凭证/)
  assert.match(failedText, /缴费失败/)
  assert.match(failedText, /孙\*/)
  assert.match(failedText, /状态说明/)
  for (const secret of [PEOPLE.p01.idNumber, PEOPLE.p10.idNumber, PEOPLE.p01.name, PEOPLE.p10.name]) {
    assert.ok(!(await app.text()).includes(secret), `"${secret}" on the records page`)
  }
  // Newest first: the failed payment was made last.
  const order = await cards(app).evaluateAll((els) => els.map((e) => e.id))
  assert.ok(order.indexOf(`record-${failed.orderId}`) < order.indexOf(`record-${paid.orderId}`), `order: ${order.join(', ')}`)

  // Filter by payer: only 孙*'s records.
  await pickFilter(app, 'payer', '孙*')
  const hers = await cards(app).allInnerTexts()
  assert.ok(hers.length >= 1, 'her record is listed')
  assert.ok(hers.every((t) => /孙\*/.test(t)), `other payers shown:\n${hers.join('\n---\n')}`)
  await app.shot('filter-payer')
  await assertAccessible(app, 'records/filter-payer')
  await pickFilter(app, 'payer', '本人')
  const mine = await cards(app).allInnerTexts()
  assert.ok(mine.some((t) => /2027/.test(t) && /已缴费/.test(t)), 'the new payment under 本人')
  assert.ok(mine.every((t) => /张\*国/.test(t)), `other payers under 本人:\n${mine.join('\n---\n')}`)
  assert.ok(mine.some((t) => /2026/.test(t)), 'his seeded 2026 receipt is listed too')

  // … and by year: 2026 leaves only the seeded receipt, 2027 only the new payment.
  await pickFilter(app, 'year', '2026年')
  const mine2026 = await cards(app).allInnerTexts()
  assert.ok(mine2026.length >= 1 && mine2026.every((t) => /2026/.test(t) && !/2027/.test(t)), `2026:\n${mine2026.join('\n---\n')}`)
  await pickFilter(app, 'year', '2027年')
  assert.deepEqual(await cards(app).evaluateAll((els) => els.map((e) => e.id)), [`record-${paid.orderId}`], '本人 + 2027')
  await app.shot('filter-self-2027')
  await pickFilter(app, 'payer', '全部缴费人')
  const all2027 = await cards(app).evaluateAll((els) => els.map((e) => e.id))
  assert.ok(all2027.includes(`record-${paid.orderId}`) && all2027.includes(`record-${failed.orderId}`), `2027 for everyone: ${all2027}`)
  assert.ok((await cards(app).allInnerTexts()).every((t) => /2027/.test(t)), 'only 2027 records')
  await pickFilter(app, 'year', '全部年度')

  // The failed one explains itself on a tap (no receipt for it), and closes again.
  await app.tap(`record-${failed.orderId}`)
  await app.stationed(`#record-${failed.orderId} .record__explain`, { text: '未扣款' })
  assert.match(await app.currentRoute(), /^\/packages\/records\/index/, 'a failed record must not open a receipt')
  assert.match(await (await app.stationed(`#record-${failed.orderId}`)).innerText(), /缴费失败：本次支付未成功，未扣款/)
  await app.shot('failed-explained')
  await assertAccessible(app, 'records/failed-explained')
  await app.tap(`record-${failed.orderId}`)
  await app.page.locator(`${CURRENT} #record-${failed.orderId} .record__explain`).waitFor({ state: 'detached' })

  // The paid one opens its receipt.
  await app.tap(`record-${paid.orderId}`, { to: '/packages/records/receipt' })
  const receipt = await (await app.stationed('#receipt')).innerText()
  assert.match(await app.currentRoute(), new RegExp(`orderId=${paid.orderId}`))
  assert.match(receipt, /张\*国/)
  assert.match(receipt, /肆佰元整/)
  const voucher = (await (await app.stationed('#voucher-no')).innerText()).replace('电子税票号码', '').trim()
  assert.match(voucher, /^\d{6,}$/)
  await app.shot('receipt')

  // 保存凭证图片: in a browser, a PNG download named after the voucher.
  const file = await downloadFrom(app, () => app.tap('save-image'))
  assert.equal(file.name, `电子缴费凭证-${voucher}.png`)
  writeFileSync(join(app.dir, 'downloaded-receipt.png'), file.bytes) // kept to look at
  const size = pngSize(file.bytes)
  assert.equal(size.width, 750, `PNG width ${size.width}`)
  assert.ok(size.height >= 800 && size.height <= 3000, `PNG height ${size.height}`)
  assert.ok(file.bytes.length > 10_000, `PNG of ${file.bytes.length} bytes: blank?`)
  await app.stationed('#save-result', { text: '图片已下载' })
  await app.shot('saved')
})
