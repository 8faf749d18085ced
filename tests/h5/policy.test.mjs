// Policy truth in the browser: the 缴费标准与缴费时间 page for two regions and two years, a
// 2-year break's date and reason, a 特困 person never offered payment, the 81… number typed as
// 居民身份证, and a QR code naming a region this app does not serve.
import assert from 'node:assert/strict'
import { e2e, lookUpOther, openProxyForm, PEOPLE } from './helpers.mjs'

const test = (artifact, name, fn, options) => e2e(name, fn, { file: import.meta.url, artifact, ...options })

const innerText = async (app, selector) => (await (await app.stationed(selector)).innerText()).trim()

test('policy-page', '缴费标准与缴费时间 from home: two regions, two years, sources, 演示数据 and 尚未公布', async (app) => {
  await app.open('/pages/home/index')
  await app.tap('link-policy', { to: '/packages/help/policy' })
  assert.match(await innerText(app, '#heading'), /成都市/)
  await app.shot('policy-default')

  await app.tap('year-2025')
  await app.stationed('#heading', { text: '2025年度' })
  assert.match(await innerText(app, '#standard'), /¥400\.00/)
  assert.doesNotMatch(await innerText(app, '#standard'), /演示数据/)
  assert.match(await innerText(app, '#standard-source'), /医保发〔2024〕19号/)
  assert.match(await innerText(app, '#window'), /2024年9月1日至2025年2月28日/)

  await app.tap('region-350100')
  await app.stationed('#heading', { text: '福州市' })
  await app.tap('year-2027')
  await app.stationed('#heading', { text: '2027年度' })
  assert.match(await innerText(app, '#standard'), /演示数据/)
  assert.match(await innerText(app, '#window'), /2026年9月1日至2026年12月31日.*演示数据/s)
  assert.match(await innerText(app, '#flexible-p100'), /¥7,631\.00/)
  assert.match(await innerText(app, '#scope'), /福建省统一标准（福州市未单独公布）/)
  await app.shot('policy-fuzhou-2027')

  await app.tap('year-2028')
  assert.match(await innerText(app, '#not-published'), /该地区2028年度缴费标准尚未公布/)
  assert.match(await app.text(), /12393/)
})

test('break', 'a 2-year break (张德明) sees the date cover starts and why', async (app) => {
  await lookUpOther(app, PEOPLE.p14)
  assert.equal(await innerText(app, '#cover-reason'), '断保2年：固定等待期3个月 + 变动等待期2个月')
  assert.match(await innerText(app, '#cover-start'), /^今天缴费，\d{4}年\d{1,2}月\d{1,2}日起享受医保待遇$/)
  assert.doesNotMatch(await app.text(), /即可享受/)
})

test('tekun', 'a 特困 person (何秀珍) is told 由政府全额资助 and offered no payment', async (app) => {
  await lookUpOther(app, PEOPLE.p15)
  assert.match(await innerText(app, '#fully-funded'), /特困人员：由政府全额资助，无需个人缴费/)
  assert.equal(await innerText(app, '#total'), '¥0.00')
  assert.equal(await app.page.locator('.taro_page_stationed:not(.taro_page_shade) #next').count(), 0, 'no 下一步')
  await app.shot('fully-funded')
})

test('hmt-switch', 'an 81… number typed as 居民身份证: the switch message, one tap, the number kept', async (app) => {
  await openProxyForm(app)
  await app.type('name', PEOPLE.p08.name)
  await app.type('idNumber', PEOPLE.p08.idNumber)
  assert.equal(await innerText(app, '#idNumber-error'), '这是港澳台居民居住证号码，请将证件类型改为港澳台居民居住证')
  await app.shot('hmt-number')
  await app.tap('id-type-switch')
  await app.stationed('#id-type-value', { text: '港澳台居民居住证' })
  assert.equal(await app.inputValue('idNumber'), PEOPLE.p08.idNumber)
  await app.tap('lookup', { to: '/pages/items/index' })
  assert.match(await innerText(app, '#payer-card'), /厦门市/)
})

test('unknown-region', 'a QR scene naming an unknown region says so and opens the choice', async (app) => {
  await app.open(`/pages/home/index?scene=${encodeURIComponent('r=999999&c=sq01')}`)
  assert.match(await innerText(app, '#unknown-region'), /暂未开通.*请在下方选择/s)
  await app.stationed('#region-choices')
  await app.shot('unknown-region')
})
