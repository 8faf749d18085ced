// 代他人缴费: a subsidised payment to the receipt, a mistyped ID number caught at the field, and
// the people the backend turns away, each at an error panel with what was typed still there.
import assert from 'node:assert/strict'
import { e2e, lookUpOther, openProxyForm, payAtCashier, PEOPLE } from './helpers.mjs'
import { assertAccessible } from './a11y.mjs'

const test = (artifact, name, fn, options) => e2e(name, fn, { file: import.meta.url, artifact, ...options })

/** The typed values are still in both inputs. */
async function assertKeptInputs(app, person) {
  assert.equal(await app.inputValue('name'), person.name, '#name lost what was typed')
  assert.equal(await app.inputValue('idNumber'), person.idNumber, '#idNumber lost what was typed')
}

test('subsidy', 'proxy pay for p06 陈桂兰 (低保) shows the subsidy and ends at her receipt', async (app) => {
  await lookUpOther(app, PEOPLE.p06)

  const card = await (await app.stationed('#payer-card')).innerText()
  assert.match(card, /陈\*兰/)
  assert.match(card, /代缴/)
  assert.match(card, /低保/, 'the subsidy group is shown on the payer card')
  assert.match(card, /绵阳市/)
  const year = await (await app.stationed('#years [aria-checked="true"]')).innerText()
  assert.match(year, /个人缴费\s*¥120\.00，政府资助\s*¥280\.00/, `both parts on the year: ${year}`)
  assert.equal((await (await app.stationed('#total')).innerText()).trim(), '¥120.00')

  await app.tap('next', { to: '/pages/confirm/index' })
  await app.stationed('#amount')
  const confirm = await app.text()
  assert.match(confirm, /政府资助\s*¥280\.00/)
  assert.match(await (await app.stationed('#amount-capital')).innerText(), /壹佰贰拾元整/)
  await app.stationed('#proxy-warning', { text: '代他人缴费' })
  assert.match(confirm, /国家税务总局绵阳市税务局/)
  assert.doesNotMatch(confirm, /510703196505050068/, 'no full ID number on the confirm page')
  assert.equal((await (await app.stationed('#amount')).innerText()).trim(), '¥120.00')
  await app.shot('confirm')
  await payAtCashier(app, '¥120.00')

  await app.stationed('#outcome-title', { text: '缴费成功', timeout: 20_000 })
  assert.equal((await (await app.stationed('#paid-amount')).innerText()).trim(), '¥120.00')
  await app.shot('result')
  await app.tap('view-receipt', { to: '/packages/records/receipt' })
  const receipt = await (await app.stationed('#receipt')).innerText()
  await app.shot('receipt')
  assert.match(await app.currentRoute(), /^\/packages\/records\/receipt\?orderId=/)
  assert.match(receipt, /陈\*兰/)
  assert.match(receipt, /¥120\.00/)
  assert.match(receipt, /壹佰贰拾元整/)
  assert.match(receipt, /国家税务总局绵阳市税务局/)
  assert.match(receipt, /5107\d*\*+0068/, 'masked ID number')
  // (The payer page below in the stack still holds what was typed, for going back: only the shown page counts.)
  const html = await app.page.locator('.taro_page_stationed:not(.taro_page_shade)').evaluate((el) => el.outerHTML)
  assert.ok(!/510703196505050068|陈桂兰/.test(html), 'full name or ID number in the receipt page HTML')
  const orders = await app.appOrders()
  assert.equal(orders.length, 1)
  assert.deepEqual([orders[0].amountFen, orders[0].subsidyFen, orders[0].state], [12000, 28000, 'paid'])
})

test('bad-check-digit', 'an ID number with a wrong check digit is explained at the field and nothing is lost', async (app) => {
  const typed = { name: PEOPLE.p06.name, idNumber: '510703196505050069' } // the real check digit is 8
  await openProxyForm(app)
  await app.shot('payer-empty')
  await app.type('name', typed.name)
  await app.type('idNumber', typed.idNumber)
  // Explained as soon as all 18 characters are there, next to the field.
  await app.stationed('#idNumber-error', { text: '校验位不正确' })
  await app.shot('typed-bad-id')

  await app.tap('lookup')
  await app.page.waitForTimeout(800) // a lookup would answer in ~700 ms: give it the chance to (wrongly) move on
  await app.stationed('#idNumber-error', { text: '校验位不正确，请核对最后一位' })
  await app.shot('after-lookup')
  await assertAccessible(app, 'proxyPay/bad-check-digit')
  assert.match(await app.currentRoute(), /^\/pages\/payer\/index/, 'stayed on the payer page')
  assert.equal(await app.page.locator('.taro_page_stationed:not(.taro_page_shade) #error-panel').count(), 0, 'no backend error for a local mistake')
  await assertKeptInputs(app, typed)
  // The error sits right under the ID field.
  const field = await (await app.stationed('#idNumber')).boundingBox()
  const error = await (await app.stationed('#idNumber-error')).boundingBox()
  assert.ok(error.y >= field.y + field.height - 1 && error.y - (field.y + field.height) < 60, `error far from its field: ${JSON.stringify({ field, error })}`)
  assert.equal(await app.page.locator('.taro_page_stationed:not(.taro_page_shade) #name-error').count(), 0, 'the name was fine')

  // Fixing the last digit clears the message and the lookup goes through.
  await app.type('idNumber', PEOPLE.p06.idNumber)
  assert.equal(await app.page.locator('.taro_page_stationed:not(.taro_page_shade) #idNumber-error').count(), 0, 'the message stays after the fix')
  await app.shot('fixed')
  await app.tap('lookup', { to: '/pages/items/index' })
  await app.stationed('#total', { text: '¥120.00' })
  await app.shot('items')
})

// [person, artifacts folder, panel title, the panel's button, where that button leads]
const TURNED_AWAY = [
  ['p04', 'not-registered', '未查询到参保信息', '修改信息', '/pages/payer/index'],
  ['p02', 'already-paid', '该缴费人已缴费', '查看缴费记录', '/packages/records/index'],
  ['p05', 'employee', '已参加职工医保', '返回首页', '/pages/home/index'],
]

for (const [id, artifact, title, actionLabel, actionRoute] of TURNED_AWAY) {
  test(artifact, `${id} ${PEOPLE[id].name} ends at the ${title} panel with the typed values kept`, async (app) => {
    const person = PEOPLE[id]
    await lookUpOther(app, person, { expectItems: false })
    const panel = await app.stationed('#error-panel', { timeout: 10_000 })
    await app.shot('error-panel')
    await assertAccessible(app, `proxyPay/${artifact}`)
    const text = await panel.innerText()
    assert.match(text, new RegExp(title), `panel says: ${text}`)
    assert.match(await app.currentRoute(), /^\/pages\/payer\/index/, 'stayed on the payer page')
    await assertKeptInputs(app, person)
    assert.equal(await app.page.locator('.taro_page_stationed:not(.taro_page_shade) #name-error, .taro_page_stationed:not(.taro_page_shade) #idNumber-error').count(), 0, 'no field is blamed')
    assert.deepEqual(await app.appOrders(), [], 'no order for someone turned away')

    // The panel's one button does what it says.
    const action = await app.stationed('#error-panel-action')
    assert.equal((await action.innerText()).trim(), actionLabel)
    if (actionRoute === '/pages/payer/index') {
      await app.tap('error-panel-action')
      await app.settle()
      await app.shot('after-action')
      assert.match(await app.currentRoute(), /^\/pages\/payer\/index/)
      await assertKeptInputs(app, person)
    } else {
      await app.tap('error-panel-action', { to: actionRoute })
      await app.shot('after-action')
      if (id === 'p02') {
        const records = await (await app.stationed('#records')).innerText()
        assert.match(records, /李\*英/, 'her earlier payment is listed')
      } else {
        await app.stationed('#entry-self')
      }
    }
  })
}
