// What happens after the cashier: a refused debit, a cancel and resume, a late confirmation, a
// flexible worker's months, and reloads mid-payment that must find the same order again.
import assert from 'node:assert/strict'
import { CASHIER_TITLE, e2e, lookUpOther, payAtCashier, payFromItems, PEOPLE } from './helpers.mjs'
import { assertAccessible } from './a11y.mjs'

const test = (artifact, name, fn, options) => e2e(name, fn, { file: import.meta.url, artifact, ...options })


/** 本人缴费 (p01, ¥400.00) up to the confirm page. */
async function selfToConfirm(app) {
  await app.open('/pages/home/index')
  await app.stationed('#entry-self')
  await app.shot('home')
  await app.tap('entry-self', { to: '/pages/payer/index' })
  await app.tap('next', { to: '/pages/items/index' })
  await app.stationed('#total', { text: '¥400.00' })
  await app.shot('items')
  await app.tap('next', { to: '/pages/confirm/index' })
  await app.stationed('#amount', { text: '¥400.00' })
  await app.shot('confirm')
}

const fen = (text) => Math.round(Number(text.replace(/[^\d.]/g, '')) * 100)
/** As the app writes money: ¥1,566.40. */
const yuan = (f) => `¥${(f / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

/** 重新支付 / 继续支付 (`button`): the cashier opens again on the same order and is paid. */
async function payAgain(app, button) {
  await app.tap(button)
  await app.modal(CASHIER_TITLE)
  await app.shot('cashier-again')
  await app.tapModal(CASHIER_TITLE, '确认支付')
}

async function outcomeTitle(app, title, timeout = 20_000) {
  await app.stationed('#outcome-title', { text: title, timeout })
  return (await app.stationed('#outcome')).innerText()
}

test('insufficient-funds', 'p10 孙丽: the debit is refused → 缴费失败, no money taken, 重新支付 keeps the same order', async (app) => {
  await lookUpOther(app, PEOPLE.p10)
  await payFromItems(app, { amount: '¥400.00' })
  const outcome = await outcomeTitle(app, '缴费失败')
  await app.shot('failed')
  await assertAccessible(app, 'outcomes/缴费失败')
  assert.match(outcome, /银行卡余额不足/)
  assert.match(outcome, /本次未扣款/)
  assert.match(outcome, /孙\*/)
  await app.stationed('#retry')
  await app.stationed('#go-home')
  let orders = await app.appOrders()
  assert.equal(orders.length, 1)
  assert.deepEqual([orders[0].state, orders[0].moneyTaken], ['failed', false])
  assert.equal((await app.mock('inspect.ledger')).takenFen, 0, 'no money moved')
  const orderId = orders[0].orderId
  assert.match(outcome, new RegExp(orderId), 'the order number is shown')

  // 重新支付: a new attempt on the same order, which the bank refuses again.
  await payAgain(app, 'retry')
  await outcomeTitle(app, '缴费失败')
  await app.shot('failed-again')
  orders = await app.appOrders()
  assert.equal(orders.length, 1, 'a retry must not create a second order')
  assert.equal(orders[0].orderId, orderId)
  assert.equal(orders[0].attempts, 2)

  await app.tap('go-home', { to: '/pages/home/index' })
  await app.stationed('#entry-self')
  await app.shot('home')
})

test('cancel-resume', 'cancel at the cashier → 支付未完成, then 继续支付 → 缴费成功 on the same order', async (app) => {
  await selfToConfirm(app)
  await payAtCashier(app, '¥400.00', '取消')
  const outcome = await outcomeTitle(app, '支付未完成')
  await app.shot('cancelled')
  await assertAccessible(app, 'outcomes/支付未完成')
  assert.match(outcome, /未扣款/)
  let orders = await app.appOrders()
  assert.equal(orders.length, 1)
  assert.equal(orders[0].state, 'pending')
  const orderId = orders[0].orderId

  await payAgain(app, 'resume')
  await outcomeTitle(app, '缴费成功')
  await app.stationed('#receipt')
  await app.shot('success')
  assert.match(await app.currentRoute(), new RegExp(`^/pages/result/index\\?orderId=${orderId}`))
  orders = await app.appOrders()
  assert.equal(orders.length, 1, 'continuing must not create a second order')
  assert.deepEqual([orders[0].orderId, orders[0].state], [orderId, 'paid'])
  assert.equal((await app.mock('inspect.ledger')).takenFen, 40000, 'charged once')
})

test('late', 'p11 周涛: WeChat says ok, the tax side confirms seconds later → 缴费成功 without a second order', async (app) => {
  await lookUpOther(app, PEOPLE.p11)
  await payFromItems(app, { amount: '¥400.00' })
  await app.stationed('#loading', { text: '正在确认缴费结果' })
  await app.shot('checking')
  await assertAccessible(app, 'outcomes/结果确认中')
  const [order] = await app.appOrders()
  assert.equal(order.state, 'paying', 'the order is still being confirmed')

  await outcomeTitle(app, '缴费成功', 30_000)
  await app.stationed('#receipt')
  await app.shot('success')
  const orders = await app.appOrders()
  assert.equal(orders.length, 1)
  assert.deepEqual([orders[0].orderId, orders[0].state], [order.orderId, 'paid'])
  assert.match(await app.currentRoute(), new RegExp(`orderId=${order.orderId}`))
})

test('flexible-months', 'p03 王强 (灵活就业): pick a 档次 and two months, the total follows, pay to 缴费成功', async (app) => {
  await lookUpOther(app, PEOPLE.p03)
  assert.match(await (await app.stationed('#item-name')).innerText(), /灵活就业人员基本医疗保险/)
  const tiers = app.page.locator('.taro_page_stationed:not(.taro_page_shade) #tiers [role="radio"]')
  const months = app.page.locator('.taro_page_stationed:not(.taro_page_shade) #months [role="radio"]')
  assert.ok((await tiers.count()) >= 2, 'several 档次 to choose from')
  assert.ok((await months.count()) >= 2, 'at least two unpaid months')
  const total = await app.stationed('#total')
  const before = fen(await total.innerText())

  // A 档次 other than the preselected one.
  const checked = await tiers.evaluateAll((els) => els.findIndex((e) => e.getAttribute('aria-checked') === 'true'))
  const pick = checked === 0 ? 1 : 0
  const tierId = await tiers.nth(pick).getAttribute('id')
  const monthly = fen(await tiers.nth(pick).locator('.chip__note').innerText())
  await app.tap(tierId)
  await app.stationed(`#${tierId}[aria-checked="true"]`)
  await app.shot('tier-picked')
  assert.equal(await total.innerText(), yuan(monthly), 'one month at the new 档次')
  assert.notEqual(fen(await total.innerText()), before, 'the total changed with the 档次')

  // The second month: both the first and the second are taken (paid contiguously).
  const secondId = await months.nth(1).getAttribute('id')
  const firstId = await months.nth(0).getAttribute('id')
  await app.tap(secondId)
  await app.stationed(`#${secondId}[aria-checked="true"]`)
  await app.stationed(`#${firstId}[aria-checked="true"]`)
  assert.equal(await months.evaluateAll((els) => els.filter((e) => e.getAttribute('aria-checked') === 'true').length), 2)
  await app.shot('two-months')
  assert.equal(await total.innerText(), yuan(2 * monthly), 'two months at the new 档次')

  await app.tap('next', { to: '/pages/confirm/index' })
  await app.stationed('#amount', { text: yuan(2 * monthly) })
  const confirm = await app.text()
  assert.match(confirm, /共2个月/, 'the confirm page names the two months')
  assert.match(confirm, /缴费档次/)
  await app.shot('confirm')
  await payAtCashier(app, yuan(2 * monthly))
  await outcomeTitle(app, '缴费成功')
  assert.equal((await (await app.stationed('#paid-amount')).innerText()).trim(), yuan(2 * monthly))
  await app.shot('success')
  const orders = await app.appOrders()
  assert.equal(orders.length, 1)
  assert.equal(orders[0].amountFen, 2 * monthly, 'charged what the page showed')
  assert.equal(orders[0].selection.months.length, 2)
  assert.equal(`tier-${orders[0].selection.tierCode}`, tierId)
  assert.deepEqual(
    orders[0].selection.months.map((m) => `month-${m}`),
    [firstId, secondId],
  )
})

test('reload-checking', 'a reload on the pay page during 结果确认中 resumes the same order to 缴费成功', async (app) => {
  await lookUpOther(app, PEOPLE.p11)
  await payFromItems(app, { amount: '¥400.00' })
  await app.stationed('#loading', { text: '正在确认缴费结果' })
  await app.shot('checking')
  const [order] = await app.appOrders()
  assert.equal(order.state, 'paying')

  await app.reload()
  await app.shot('reloaded')
  assert.equal(await app.page.locator('.taro__modal .taro-modal__content:visible').count(), 0, 'a reload must never reopen the cashier')
  await outcomeTitle(app, '缴费成功', 30_000)
  await app.shot('success')
  assert.match(await app.currentRoute(), new RegExp(`^/pages/result/index\\?orderId=${order.orderId}`))
  const orders = await app.appOrders()
  assert.equal(orders.length, 1, 'the reload must not create a second order')
  assert.deepEqual([orders[0].orderId, orders[0].state, orders[0].attempts], [order.orderId, 'paid', 1])
})

test('reload-cancelled', 'a reload on 支付未完成 shows the same order, and 继续支付 pays it without a second order', async (app) => {
  await selfToConfirm(app)
  await payAtCashier(app, '¥400.00', '取消')
  await outcomeTitle(app, '支付未完成')
  await app.shot('cancelled')
  const [order] = await app.appOrders()

  await app.reload()
  const outcome = await outcomeTitle(app, '支付未完成')
  await app.shot('reloaded')
  assert.match(outcome, new RegExp(order.orderId), 'the same order number after the reload')
  await payAgain(app, 'resume')
  await outcomeTitle(app, '缴费成功')
  await app.shot('success')
  const orders = await app.appOrders()
  assert.equal(orders.length, 1, 'resuming after a reload must not create a second order')
  assert.deepEqual([orders[0].orderId, orders[0].state], [order.orderId, 'paid'])
  assert.equal((await app.mock('inspect.ledger')).takenFen, 40000)
})
