// Home: what a first-time visitor sees, the self-pay entry, accessible names, no sideways scroll.
/* global document */
import assert from 'node:assert/strict'
import { buttonsWithoutName, CURRENT, e2e, horizontalOverflow, PEOPLE, VIEWPORT } from './helpers.mjs'
import { assertAccessible } from './a11y.mjs'

// test(<artifacts folder>, <description>, fn): screenshots go to artifacts/h5/home/<folder>/.
const test = (artifact, name, fn, options) => e2e(name, fn, { file: import.meta.url, artifact, ...options })

/** Sichuan's 集中缴费期 containing today (Asia/Shanghai): 1 Sep of the year before to the end of Feb. */
function sichuanWindowToday(now = new Date()) {
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now) // YYYY-MM-DD
  const today = Date.UTC(...ymd.split('-').map((n, i) => Number(n) - (i === 1 ? 1 : 0)))
  const year = Number(ymd.slice(0, 4))
  for (const coverageYear of [year, year + 1]) {
    const start = Date.UTC(coverageYear - 1, 8, 1)
    const end = Date.UTC(coverageYear, 2, 0) // the last day of February
    if (today >= start && today <= end) return { coverageYear, daysLeft: Math.round((end - today) / 86_400_000) + 1 }
  }
  return undefined
}

test('home', 'home shows the demo notice, both entries and the days left in the collection window', async (app) => {
  await app.open('/pages/home/index')
  await app.stationed('#entry-self')
  await app.shot('home')

  const text = await app.text()
  assert.match(text, /演示环境/, 'the demo notice must be visible')
  assert.equal((await (await app.stationed('#entry-self')).innerText()).trim(), '本人缴费')
  assert.equal((await (await app.stationed('#entry-other')).innerText()).trim(), '代他人缴费')
  assert.match(await (await app.stationed('#region')).innerText(), /成都市/)
  await app.stationed('#anti-fraud', { text: '不会向您索要支付密码' })

  const windowText = await (await app.stationed('#window')).innerText()
  const expected = sichuanWindowToday()
  if (expected) {
    assert.match(windowText, new RegExp(`${expected.coverageYear}年度居民医保集中缴费期`), windowText)
    const left = windowText.match(/还剩\s*(\d+)\s*天/)
    assert.ok(left, `no days-left count in: ${windowText}`)
    assert.equal(Number(left[1]), expected.daysLeft, `days left in: ${windowText}`)
  } else {
    assert.match(windowText, /当前不在居民医保集中缴费期/)
  }

  // Both entries are reachable without scrolling on a 375×667 phone.
  for (const id of ['entry-self', 'entry-other']) {
    const box = await (await app.stationed(`#${id}`)).boundingBox()
    assert.ok(box && box.y + box.height <= VIEWPORT.height, `#${id} is below the fold (${JSON.stringify(box)})`)
    assert.ok(box.height >= 44, `#${id} is ${box.height}px tall: too small a touch target`)
  }
})

test('self-entry', '本人缴费 opens the payer page with a masked name and no full ID number', async (app) => {
  await app.open('/pages/home/index')
  await app.stationed('#entry-self')
  await app.shot('home')
  await app.tap('entry-self', { to: '/pages/payer/index' })
  const card = await app.stationed('#payer-card')
  await app.stationed('#next')
  await app.shot('payer-self')

  assert.match(await app.currentRoute(), /^\/pages\/payer\/index\?.*mode=self/)
  assert.match(await card.innerText(), /张\*国/)
  const all = await app.page.evaluate(() => document.body.innerText)
  assert.ok(!all.includes(PEOPLE.p01.name), 'the full name must not be on screen')
  assert.ok(!all.includes(PEOPLE.p01.idNumber), 'the full ID number must not be on screen')
  // The HTML (titles, attributes) must not carry it either.
  const html = await app.page.content()
  assert.ok(!html.includes(PEOPLE.p01.idNumber), 'the full ID number is in the page HTML')
  assert.ok(!html.includes(PEOPLE.p01.name), 'the full name is in the page HTML')
  assert.match(await card.innerText(), /5101\*+0012|510104\*+0012/, 'the masked ID number is shown')
})

test('button-names', 'every button on home has an accessible name, also with the region list open', async (app) => {
  await app.open('/pages/home/index')
  await app.stationed('#entry-self')
  await app.shot('home')

  const buttons = await app.page.locator(`${CURRENT} button`).count()
  assert.ok(buttons >= 5, `expected native buttons on home (entries, region, links), found ${buttons}`)
  assert.deepEqual(await buttonsWithoutName(app.page), [], 'buttons without an accessible name')
  // The entries and links are announced by what they say.
  assert.equal(await app.page.getByRole('button', { name: '本人缴费' }).count(), 1)
  assert.equal(await app.page.getByRole('button', { name: '代他人缴费' }).count(), 1)
  assert.equal(await app.page.getByRole('link', { name: '缴费记录查询' }).count(), 1)
  assert.equal(await app.page.getByRole('link', { name: '常见问题' }).count(), 1)

  await app.tap('region')
  await app.stationed('#region-choices')
  await app.shot('region-open')
  await assertAccessible(app, 'home/region-open')
  assert.deepEqual(await buttonsWithoutName(app.page), [], 'buttons without an accessible name (region list open)')
  assert.ok((await app.page.getByRole('radio', { name: '绵阳市' }).count()) === 1, 'regions are announced as radio options')
})

test('no-overflow', 'nothing on home overflows horizontally at 375 px', async (app) => {
  await app.open('/pages/home/index')
  await app.stationed('#entry-self')
  await app.shot('home')
  let o = await horizontalOverflow(app.page)
  assert.ok(o.docScrollWidth <= 375, `document scrolls sideways: ${JSON.stringify(o)}`)
  assert.ok(o.pageScrollWidth <= o.pageClientWidth, `the page scrolls sideways: ${JSON.stringify(o)}`)
  assert.deepEqual(o.wide, [], 'elements reach past the right edge')

  await app.tap('region')
  await app.stationed('#region-choices')
  await app.shot('region-open')
  o = await horizontalOverflow(app.page)
  assert.ok(o.docScrollWidth <= 375, `document scrolls sideways with the region list open: ${JSON.stringify(o)}`)
  assert.deepEqual(o.wide, [], 'elements reach past the right edge (region list open)')
})
