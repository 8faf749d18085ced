// 常用缴费人: add a family member after a verified lookup, see only masked values (on screen, in
// the HTML and in storage), pay for them from 代他人缴费 with one tap on the saved row, and remove
// one after a confirm dialog.
/* global document */
import assert from 'node:assert/strict'
import { CURRENT, e2e, localStorageEntries, payFromItems, PEOPLE } from './helpers.mjs'
import { assertAccessible } from './a11y.mjs'

const test = (artifact, name, fn, options) => e2e(name, fn, { file: import.meta.url, artifact, ...options })

/** 陈桂兰 (低保, 绵阳, ¥120.00 after the subsidy) and 王强 (灵活就业). */
const MOTHER = { ...PEOPLE.p06, masked: '陈*兰', maskedId: '510703********0068' }
const BROTHER = { ...PEOPLE.p03, masked: '王*', maskedId: '510107********0031' }
const FULL = [MOTHER.name, MOTHER.idNumber, BROTHER.name, BROTHER.idNumber]

/** Fills the add form, picks the relation and submits; waits for the 已添加 notice. */
async function addMember(app, person, relation) {
  await app.type('name', person.name)
  await app.type('idNumber', person.idNumber)
  await app.tap(`relation-${relation}`)
  await app.stationed(`#relation-${relation}[aria-checked="true"]`)
  await app.tap('family-add')
  await app.stationed('#family-added', { text: person.masked, timeout: 10_000 })
}

/** Nothing typed in full is on the page, in its HTML, or in localStorage. */
async function assertOnlyMasked(app, where) {
  const html = await app.page.content()
  const text = await app.page.evaluate(() => document.body.innerText)
  const stored = JSON.stringify(await localStorageEntries(app.page))
  for (const secret of FULL) {
    assert.ok(!text.includes(secret), `${where}: "${secret}" is on screen`)
    assert.ok(!html.includes(secret), `${where}: "${secret}" is in the page HTML`)
    assert.ok(!stored.includes(secret), `${where}: "${secret}" is in localStorage`)
  }
}

const familyRows = (app) => app.page.locator(`${CURRENT} #family-list .family__row`)

test('add-pay-remove', 'add two family members (masked only), pay for one from 代他人缴费 in one tap, remove the other', async (app) => {
  await app.open('/packages/family/index')
  await app.stationed('#family-empty')
  // The first ID entry asks for consent; nothing can be typed before it.
  await app.stationed('#privacy-consent')
  assert.equal(await app.page.locator(`${CURRENT} #name input`).count(), 0, 'the form is shown before consent')
  await app.shot('empty-consent')
  await app.tap('privacy-agree')
  await app.stationed('#family-add')

  // A relation is required: without it nothing is sent.
  await app.type('name', MOTHER.name)
  await app.type('idNumber', MOTHER.idNumber)
  await app.tap('family-add')
  await app.stationed('#relation-error', { text: '请选择与您的关系' })
  await app.shot('no-relation')
  await assertAccessible(app, 'family/no-relation')
  assert.equal(await app.page.locator(`${CURRENT} #family-list`).count(), 0, 'saved without a relation')

  await app.tap('relation-parent')
  await app.stationed('#relation-parent[aria-checked="true"]')
  assert.equal(await app.page.locator(`${CURRENT} #relation-error`).count(), 0, 'the relation error stays after choosing one')

  // Only a verified person is saved: a name that does not match the number is turned away.
  await app.type('name', '陈桂芳')
  await app.tap('family-add')
  await app.stationed('#error-panel', { text: '姓名与证件号码不一致', timeout: 10_000 })
  await app.shot('name-mismatch')
  await assertAccessible(app, 'family/name-mismatch')
  assert.equal(await app.page.locator(`${CURRENT} #family-list`).count(), 0, 'saved an unverified person')
  assert.equal((await localStorageEntries(app.page))['yibao.family.v1'], undefined)
  assert.equal(await app.inputValue('idNumber'), MOTHER.idNumber, 'the typed number was lost')

  await app.type('name', MOTHER.name)
  assert.equal(await app.page.locator(`${CURRENT} #error-panel`).count(), 0, 'the answer stays after editing')
  await app.tap('family-add')
  await app.stationed('#family-added', { text: MOTHER.masked, timeout: 10_000 })
  // The form is emptied after saving.
  assert.equal(await app.inputValue('name'), '')
  assert.equal(await app.inputValue('idNumber'), '')
  await addMember(app, BROTHER, 'child')
  await app.stationed('#family-count', { text: '已保存 2 位' })
  await app.shot('two-added')

  const rows = await familyRows(app).allInnerTexts()
  assert.equal(rows.length, 2)
  assert.match(rows[0], /父母/)
  assert.match(rows[0], new RegExp(MOTHER.masked.replace('*', '\\*')))
  assert.ok(rows[0].includes(MOTHER.maskedId), `masked ID number in: ${rows[0]}`)
  assert.match(rows[0], /绵阳市/)
  assert.match(rows[1], /子女/)
  assert.ok(rows[1].includes(BROTHER.maskedId), `masked ID number in: ${rows[1]}`)
  await assertOnlyMasked(app, 'family page after adding')

  const saved = JSON.parse(JSON.parse((await localStorageEntries(app.page))['yibao.family.v1']).data)
  assert.equal(saved.length, 2)
  assert.deepEqual(
    saved.map((e) => [e.maskedName, e.maskedIdNumber, e.relation]),
    [
      [MOTHER.masked, MOTHER.maskedId, 'parent'],
      [BROTHER.masked, BROTHER.maskedId, 'child'],
    ],
  )

  // 代他人缴费 from home: the saved row looks her up in one tap, no number typed.
  await app.open('/pages/home/index')
  await app.tap('entry-other', { to: '/pages/payer/index?mode=other' })
  const quick = await app.stationed('#family-0')
  assert.match(await quick.innerText(), /父母/)
  assert.match(await quick.innerText(), /陈\*兰/)
  await app.shot('quick-list')
  await assertAccessible(app, 'payer/family-quick-list')
  app.resetTaps()
  await app.tap('family-0', { to: '/pages/items/index' })
  assert.equal(app.taps, 1, 'one tap from the saved row to the items')
  assert.match(await (await app.stationed('#payer-card')).innerText(), /陈\*兰/)
  await app.stationed('#total', { text: '¥120.00' })
  await app.shot('items')
  await assertOnlyMasked(app, 'items page')

  await payFromItems(app, { amount: '¥120.00' })
  await app.stationed('#outcome-title', { text: '缴费成功', timeout: 20_000 })
  assert.equal((await (await app.stationed('#paid-amount')).innerText()).trim(), '¥120.00')
  await app.shot('paid')
  const orders = await app.appOrders()
  assert.equal(orders.length, 1)
  assert.deepEqual([orders[0].personId, orders[0].state, orders[0].amountFen], ['p06', 'paid', 12000])

  // Remove the second one: a confirm dialog first; 取消 keeps it.
  await app.open('/packages/family/index')
  await app.stationed('#family-count', { text: '已保存 2 位' })
  await app.tap('family-remove-1')
  const dialog = await app.modal('删除常用缴费人')
  assert.match(await dialog.innerText(), /子女\s*王\*/)
  await app.shot('remove-dialog')
  await assertAccessible(app, 'family/remove-dialog')
  // A real dialog: named by its title, focus inside it, and back on 删除 once it closes.
  const focused = () => app.page.evaluate(() => {
    const el = document.activeElement
    const by = el?.getAttribute('aria-labelledby')
    return { id: el?.id, role: el?.getAttribute('role'), name: by ? document.getElementById(by)?.textContent : undefined, html: el?.outerHTML.slice(0, 100) }
  })
  const inside = await focused()
  assert.deepEqual([inside.role, inside.name], ['dialog', '删除常用缴费人'], `focus moved into the dialog: ${inside.html}`)
  await app.tapModal('删除常用缴费人', '取消')
  // Taro fades the modal out over 200 ms; focus returns as the fade starts.
  await app.page.waitForFunction(() => document.activeElement?.id === 'family-remove-1', null, { timeout: 2000 }).catch(() => undefined)
  const back = await focused()
  assert.equal(back.id, 'family-remove-1', `focus went back to the button that opened the dialog, not ${back.html}`)
  assert.equal(await familyRows(app).count(), 2, '取消 removed the entry')
  await app.tap('family-remove-1')
  await app.tapModal('删除常用缴费人', '删除')
  await app.stationed('#family-count', { text: '已保存 1 位' })
  await app.shot('removed')
  assert.equal(await familyRows(app).count(), 1)
  assert.match(await familyRows(app).first().innerText(), /陈\*兰/)
  const left = JSON.parse(JSON.parse((await localStorageEntries(app.page))['yibao.family.v1']).data)
  assert.deepEqual(left.map((e) => e.maskedName), [MOTHER.masked], 'storage after removing')
  await assertOnlyMasked(app, 'family page after removing')
})
