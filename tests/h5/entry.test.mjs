// Entry by 小程序码: a scene picks the region and is remembered; malformed scenes are ignored and
// home loads as usual. 缴费提醒 in a browser downloads a calendar file for the next window.
import assert from 'node:assert/strict'
import { downloadFrom, e2e, localStorageEntries } from './helpers.mjs'
import { assertAccessible } from './a11y.mjs'

const test = (artifact, name, fn, options) => e2e(name, fn, { file: import.meta.url, artifact, ...options })

/** What Taro's storage holds under `key` (values are wrapped as {"data": …}). */
async function stored(app, key) {
  const raw = (await localStorageEntries(app.page))[key]
  return raw === undefined || raw === null ? undefined : JSON.parse(raw).data
}

async function regionShown(app) {
  return (await (await app.stationed('#region-name')).innerText()).trim()
}

/** Today in Asia/Shanghai, YYYY-MM-DD. */
const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())

/** Both provinces' 集中缴费期 open on 1 September: the next one that has not opened yet. */
function nextWindowStart(today = shanghaiToday()) {
  const year = Number(today.slice(0, 4))
  const start = `${year}-09-01` > today ? year : year + 1
  return { start: `${start}0901`, coverageYear: start + 1 }
}

test('scene-region', 'a QR scene picks 厦门市 and it stays across a reload without the scene; bad scenes are ignored', async (app) => {
  // A fresh install with a broken scene: home as usual, in the default region.
  await app.open('/pages/home/index?scene=%E0%A4%A')
  await app.stationed('#entry-self')
  await app.shot('bad-encoding-fresh')
  assert.equal(await regionShown(app), '成都市', 'the default region')
  assert.equal(await stored(app, 'yibao.region.v1'), undefined, 'a broken scene chose a region')

  await app.open('/pages/home/index?scene=r%3D350200%26c%3Dsq01')
  await app.stationed('#entry-self')
  await app.shot('scene-xiamen')
  assert.equal(await regionShown(app), '厦门市')
  // Fujian's 集中缴费期 is September to December (Sichuan's runs to the end of February).
  const today = shanghaiToday()
  const y = Number(today.slice(0, 4))
  const fujian = today >= `${y}-09-01` ? new RegExp(`${y + 1}年度居民医保集中缴费期：${y}年9月1日至${y}年12月31日`) : /当前不在居民医保集中缴费期/
  assert.match(await (await app.stationed('#window')).innerText(), fujian)
  assert.equal(await stored(app, 'yibao.region.v1'), '350200')
  assert.equal(JSON.parse(await stored(app, 'yibao.channel.v1')).channel, 'sq01')

  // No scene any more: the choice is remembered, also across a reload.
  await app.open('/pages/home/index')
  assert.equal(await regionShown(app), '厦门市', 'remembered without the scene')
  await app.reload()
  await app.stationed('#entry-self')
  assert.equal(await regionShown(app), '厦门市', 'remembered across a reload')
  await app.shot('reloaded')

  // Malformed scenes: home loads normally with the remembered region, nothing changes.
  const long = encodeURIComponent(`r=510700&c=${'a'.repeat(189)}`) // 200 characters decoded
  const bad = [
    ['bad-encoding', '%E0%A4%A'],
    ['too-long', long],
    ['unknown-region', encodeURIComponent('r=999999')],
    ['unknown-region-raw', 'r=999999'],
  ]
  for (const [name, scene] of bad) {
    await app.open(`/pages/home/index?scene=${scene}`)
    await app.stationed('#entry-self')
    await app.stationed('#entry-other')
    assert.equal(await regionShown(app), '厦门市', `${name}: the remembered region`)
    assert.equal(await stored(app, 'yibao.region.v1'), '350200', `${name}: the remembered region changed`)
    assert.equal(JSON.parse(await stored(app, 'yibao.channel.v1')).channel, 'sq01', `${name}: the channel changed`)
    assert.doesNotMatch(await app.text(), /undefined|NaN|999999/, `${name}: odd text on home`)
    // A region this app does not serve is said out loud, with the choice open; other bad scenes say nothing.
    const told = await app.page.locator('.taro_page_stationed:not(.taro_page_shade) #unknown-region').count()
    assert.equal(told, name.startsWith('unknown-region') ? 1 : 0, `${name}: the unknown-region notice`)
  }
  await app.shot('after-bad-scenes')
})

test('reminder', '缴费提醒 in a browser downloads an .ics for the next window and says so', async (app) => {
  await app.open('/pages/home/index?scene=r%3D350200%26c%3Dsq01')
  assert.equal(await regionShown(app), '厦门市')
  const next = nextWindowStart()
  await app.stationed('#reminder', { text: `${next.coverageYear}年度缴费期` })
  await app.shot('home')

  const file = await downloadFrom(app, () => app.tap('reminder-subscribe'))
  assert.equal(file.name, `医保缴费提醒-${next.coverageYear}.ics`)
  const ics = file.bytes.toString('utf8')
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/)
  assert.match(ics, /\r\nBEGIN:VEVENT\r\n[\s\S]*\r\nEND:VEVENT\r\n/)
  assert.match(ics, /END:VCALENDAR$/)
  assert.match(ics, new RegExp(`\\r\\nDTSTART;VALUE=DATE:${next.start}\\r\\n`), ics)
  assert.match(ics, new RegExp(`SUMMARY:${next.coverageYear}年度城乡居民医保缴费期开始`))
  assert.match(ics, /\r\nUID:yibao-window-\d{2}-\d{4}\r\n/)
  const result = await app.stationed('#reminder-result', { text: '已下载日历提醒' })
  assert.ok(!(await result.getAttribute('class')).includes('save-result--error'))
  assert.equal(await app.page.locator('.taro_page_stationed:not(.taro_page_shade) #reminder-subscribe').count(), 0)
  await app.shot('reminded')
  await assertAccessible(app, 'home/reminded')
})
