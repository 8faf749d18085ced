// 请家人代缴: from the items page the H5 twin copies a link; opened in the same browser it shows
// the masked payer and the amount, pays through the ordinary confirm page, and then no longer
// works (already paid). A malformed link explains itself and offers a way home.
/* global navigator */
import assert from 'node:assert/strict'
import { CURRENT, e2e, payAtCashier, PEOPLE, selfToItems } from './helpers.mjs'
import { assertAccessible } from './a11y.mjs'

const test = (artifact, name, fn, options) => e2e(name, fn, { file: import.meta.url, artifact, ...options })

const SELF = { ...PEOPLE.p01, masked: '张*国' }

/** Loads `link` (a full address) as a fresh page load, as a family member tapping it would. */
async function openLink(app, link) {
  await app.page.goto('about:blank')
  await app.page.goto(link)
  await app.settle()
  app.assertNoPageError()
}

test('share-and-pay', '请家人代缴 → copied link → the share page (masked, amount) → pay → 缴费成功; reopening says already paid', async (app) => {
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.baseUrl).origin })
  await selfToItems(app)
  await app.shot('items')

  await app.tap('ask-family')
  const panel = await app.stationed('#share-panel', { timeout: 10_000 })
  await app.shot('share-panel')
  assert.equal(await app.page.locator(`${CURRENT} #ask-family`).count(), 0, 'the ask button stays next to its answer')
  assert.match(await (await app.stationed('#share-name')).innerText(), /张\*国/)
  assert.match(await (await app.stationed('#share-amount')).innerText(), /¥400\.00/)
  assert.match(await (await app.stationed('#share-period')).innerText(), /2027/)
  assert.match(await (await app.stationed('#share-expires')).innerText(), /\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/)
  const panelText = await panel.innerText()
  assert.ok(!panelText.includes(SELF.idNumber) && !panelText.includes(SELF.name), `full name or ID number in the share panel: ${panelText}`)

  // The H5 twin copies the link (no WeChat share sheet in a browser).
  await app.tap('share-family')
  await app.stationed('#share-family-copied', { text: '链接已复制' })
  await app.shot('copied')
  await assertAccessible(app, 'items/share-copied')
  const link = await app.page.evaluate(() => navigator.clipboard.readText())
  const shares = await app.mock('inspect.shares')
  assert.equal(shares.length, 1, 'one token issued')
  assert.equal(link, `${app.baseUrl.replace(/\/$/, '')}/#/packages/share/index?t=${shares[0].token}`, 'the copied link')
  for (const secret of [SELF.idNumber, SELF.name, encodeURIComponent(SELF.name), 'payerRef', 'p01']) {
    assert.ok(!link.includes(secret), `the link carries "${secret}": ${link}`)
  }

  // The family member opens it in the same browser (same install, so same mock backend).
  await openLink(app, link)
  await app.stationed('#shared-item', { timeout: 10_000 })
  await app.shot('share-page')
  assert.equal((await (await app.stationed('#shared-amount')).innerText()).trim(), '¥400.00')
  assert.match(await (await app.stationed('#shared-name')).innerText(), /张\*国/)
  assert.match(await (await app.stationed('#shared-period')).innerText(), /2027/)
  await app.stationed('#proxy-warning')
  await app.stationed('#share-home', { text: '返回首页' })
  const html = await app.page.content()
  assert.ok(!html.includes(SELF.idNumber) && !html.includes(SELF.name), 'full name or ID number in the share page HTML')

  await app.tap('pay-shared', { to: '/pages/confirm/index' })
  await app.stationed('#amount', { text: '¥400.00' })
  await app.stationed('#confirm-name', { text: '张*国' })
  await app.shot('confirm')
  await payAtCashier(app, '¥400.00')
  await app.stationed('#outcome-title', { text: '缴费成功', timeout: 20_000 })
  assert.equal((await (await app.stationed('#paid-amount')).innerText()).trim(), '¥400.00')
  await app.shot('paid')
  const orders = await app.appOrders()
  assert.equal(orders.length, 1)
  assert.deepEqual([orders[0].personId, orders[0].state, orders[0].amountFen], ['p01', 'paid', 40000])
  assert.equal(orders[0].selection.coverageYear, 2027)

  // The same link again: nothing left to pay, said plainly, with a way on.
  await openLink(app, link)
  const panelAgain = await app.stationed('#error-panel', { timeout: 10_000 })
  await app.shot('reopened')
  await assertAccessible(app, 'share/already-paid')
  assert.match(await panelAgain.innerText(), /该缴费项目已缴费/)
  assert.equal(await app.page.locator(`${CURRENT} #pay-shared`).count(), 0, 'a pay button on a paid link')
  assert.equal((await (await app.stationed('#error-panel-action')).innerText()).trim(), '返回首页')
  await app.tap('error-panel-action', { to: '/pages/home/index' })
  await app.stationed('#entry-self')
  assert.equal((await app.appOrders()).length, 1, 'reopening created no order')
})

// [name, token]: cut short / not a token at all, and well-formed but never issued.
const BAD_LINKS = [
  ['malformed', 'abc%25%E0'],
  ['unknown', 'AAAAAAAAAAAAAAAAAAAAAAAA'],
]

test('bad-links', 'a malformed or unknown share token explains the link is no good and offers a way home', async (app) => {
  for (const [name, token] of BAD_LINKS) {
    await app.open(`/packages/share/index?t=${token}`)
    const panel = await app.stationed('#error-panel', { timeout: 10_000 })
    await app.shot(`${name}-error`)
    await assertAccessible(app, `share/${name}-link`)
    const text = await panel.innerText()
    assert.match(text, /缴费链接无效/, `${name}: ${text}`)
    assert.match(text, /代他人缴费/, `${name}: says what to do instead`)
    assert.equal(await app.page.locator(`${CURRENT} #shared-item`).count(), 0)
    assert.equal((await (await app.stationed('#error-panel-action')).innerText()).trim(), '代他人缴费')
    await app.tap('share-home', { to: '/pages/home/index' })
    await app.stationed('#entry-self')
    await app.shot(`${name}-home`)
  }
  assert.deepEqual(await app.appOrders(), [])
})
