// 本人缴费 end to end: home → payer → items → confirm → mock cashier → 缴费成功 with the receipt.
/* global URLSearchParams */
import assert from 'node:assert/strict'
import { CASHIER_TITLE, e2e, PEOPLE } from './helpers.mjs'

const test = (artifact, name, fn, options) => e2e(name, fn, { file: import.meta.url, artifact, ...options })

/** Home to the result page for p01 张建国 (resident, 2027 due, ¥400.00); returns the orderId. */
async function paySelf(app) {
  await app.open('/pages/home/index')
  await app.stationed('#entry-self')
  await app.shot('home')
  app.resetTaps()

  await app.tap('entry-self', { to: '/pages/payer/index?mode=self' })
  await app.stationed('#payer-card', { text: '张*国' })
  await app.shot('payer')

  await app.tap('next', { to: '/pages/items/index' })
  const total = await app.stationed('#total')
  // The one payable year is preselected, so the user need not tap it.
  await app.stationed('#years [aria-checked="true"]')
  assert.equal((await total.innerText()).trim(), '¥400.00', 'items total')
  await app.stationed('#cover-start', { text: '起享受医保待遇' })
  await app.shot('items')

  await app.tap('next', { to: '/pages/confirm/index' })
  const amount = await app.stationed('#amount')
  assert.equal((await amount.innerText()).trim(), '¥400.00', 'confirm amount')
  assert.match(await (await app.stationed('#amount-capital')).innerText(), /肆佰元整/)
  await app.stationed('#confirm-name', { text: '张*国' })
  await app.shot('confirm')

  await app.tap('confirm-pay', { to: '/pages/pay/index' })
  const cashier = await app.modal(CASHIER_TITLE)
  assert.match(await cashier.innerText(), /¥400\.00/, 'the cashier shows the amount')
  assert.match(await cashier.innerText(), /演示环境，不会真实扣款/)
  await app.shot('cashier')
  await app.tapModal(CASHIER_TITLE, '确认支付')

  await app.stationed('#outcome-title', { text: '缴费成功', timeout: 20_000 })
  await app.stationed('#receipt')
  await app.shot('result')
  const route = await app.currentRoute()
  const orderId = new URLSearchParams(route.split('?')[1] ?? '').get('orderId')
  assert.ok(orderId, `the result page's address carries the order: ${route}`)
  return orderId
}

async function assertReceipt(app) {
  assert.equal((await (await app.stationed('#outcome-title')).innerText()).trim(), '缴费成功')
  assert.equal((await (await app.stationed('#paid-amount')).innerText()).trim(), '¥400.00')
  const receipt = await (await app.stationed('#receipt')).innerText()
  assert.match(receipt, /电子缴费凭证/)
  assert.match(receipt, /肆佰元整/, 'the receipt states the amount in capitals')
  assert.match(receipt, /张\*国/)
  assert.match(receipt, /城乡居民基本医疗保险/)
  assert.match(receipt, /2027年1月1日至2027年12月31日/, 'the period paid for')
  assert.match(receipt, /微信支付/)
  assert.ok(!receipt.includes(PEOPLE.p01.idNumber), 'no full ID number on the receipt')
  const voucher = (await (await app.stationed('#voucher-no')).innerText()).replace('电子税票号码', '').trim()
  assert.match(voucher, /\d{6,}/, `a tax voucher number is shown: "${voucher}"`)
  assert.match(await (await app.stationed('#cover-start')).innerText(), /张\*国的.*医保待遇自\d{4}年\d{1,2}月\d{1,2}日起享受/)
  return voucher
}

test('pay', 'self pay reaches 缴费成功 with ¥400.00, 肆佰元整 and a voucher in at most 5 taps', async (app) => {
  const orderId = await paySelf(app)
  const taps = app.taps
  assert.ok(taps <= 5, `self pay took ${taps} taps (at most 5: 本人缴费, 下一步, 下一步, 确认缴费, 确认支付)`)
  await assertReceipt(app)

  const orders = await app.appOrders()
  assert.equal(orders.length, 1, 'exactly one order was created')
  assert.equal(orders[0].orderId, orderId)
  assert.equal(orders[0].amountFen, 40000)
  assert.equal(orders[0].state, 'paid')
})

test('reload-result', 'reloading the result page still shows the receipt', async (app) => {
  const orderId = await paySelf(app)
  const voucher = await assertReceipt(app)
  await app.reload()
  await app.stationed('#receipt')
  await app.shot('result-reloaded')
  assert.equal(await assertReceipt(app), voucher, 'the same voucher after a reload')
  assert.match(await app.currentRoute(), new RegExp(`orderId=${orderId}`))
  assert.equal((await app.appOrders()).length, 1, 'a reload creates no order')

  await app.tap('view-receipt', { to: '/packages/records/receipt' })
  await app.stationed('#voucher-no', { text: voucher })
  await app.shot('receipt-page')
  assert.match(await app.currentRoute(), new RegExp(`^/packages/records/receipt\\?orderId=${orderId}`))
})

test('records', 'the records page lists the new payment first, as 已缴费, with a working receipt link', async (app) => {
  const orderId = await paySelf(app)
  const voucher = await assertReceipt(app)
  await app.tap('view-records', { to: '/packages/records/index' })
  await app.stationed('#records')
  await app.shot('records')
  assert.match(await app.currentRoute(), /^\/packages\/records\/index/)

  const cards = app.page.locator('.taro_page_stationed:not(.taro_page_shade) #records .record')
  const first = await cards.first().innerText()
  assert.match(first, /城乡居民基本医疗保险/)
  assert.match(first, /已缴费/)
  assert.match(first, /张\*国/)
  assert.match(first, /2027/)
  assert.match(first, /¥400\.00/)
  assert.ok(!first.includes(PEOPLE.p01.idNumber), 'no full ID number on the record')
  // The new order is listed exactly once (the seeded 2026 receipt may be there too).
  const all = await cards.allInnerTexts()
  assert.equal(all.filter((t) => /2027/.test(t) && /已缴费/.test(t)).length, 1, `records:\n${all.join('\n---\n')}`)

  await app.tap('#records .record', { to: '/packages/records/receipt' })
  await app.stationed('#voucher-no', { text: voucher })
  await app.shot('receipt-from-records')
  assert.match(await app.currentRoute(), new RegExp(`orderId=${orderId}`))
})
