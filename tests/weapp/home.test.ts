/** Tier 2: the home page and the entries out of it, on the compiled weapp build. */
import { bootApp, PEOPLE } from './harness'

const h = bootApp()
beforeEach(() => h.reset())

/** Asia/Shanghai wall-clock time as an instant. */
const shanghai = (y: number, m: number, d: number, hour = 10) => Date.UTC(y, m - 1, d, hour - 8)

test('home shows the demo notice, both entries and the days left in the window', async () => {
  // 23 November 2026: Sichuan's window for 2027 runs to 28 February 2027, 98 days counting today.
  h.setClock(shanghai(2026, 11, 23))
  await h.launch()
  await h.waitFor('#entry-self')
  const text = h.text()
  expect(text).toContain('演示环境')
  expect(h.textOf('#entry-self')).toBe('本人缴费')
  expect(h.textOf('#entry-other')).toBe('代他人缴费')
  expect(h.textOf('#region')).toContain('成都市')
  expect(h.textOf('#anti-fraud')).toContain('不会向您索要支付密码')

  const window = h.textOf('#window')
  expect(window).toContain('2027年度居民医保集中缴费期')
  expect(window).toContain('至2027年2月')
  expect(window).toContain('还剩 98 天')
  // Nothing is pending on a fresh install.
  expect(h.exists('#pending-order')).toBe(false)
})

test('outside the window home says so instead of counting days', async () => {
  // 10 May 2026: between Sichuan's windows (they run 1 September to the end of February).
  h.setClock(shanghai(2026, 5, 10))
  await h.launch()
  await h.waitFor('#window')
  expect(h.textOf('#window')).toContain('当前不在居民医保集中缴费期')
})

test('本人缴费 opens the payer page with the masked self name and never the full ID number', async () => {
  await h.launch()
  await h.waitFor('#entry-self')
  await h.tap('#entry-self')
  await h.waitFor(() => h.route() === 'pages/payer/index', 3000, 'payer page')
  expect(h.current().query.mode).toBe('self')
  expect(h.stack().map((p) => p.route)).toEqual(['pages/home/index', 'pages/payer/index'])

  await h.waitFor('#payer-card')
  const card = h.textOf('#payer-card')
  expect(card).toContain(PEOPLE.self.masked)
  expect(card).toContain('本人')
  expect(card).toContain('510104********0012')
  expect(h.textOf('#next')).toBe('下一步')

  // The full name and ID number appear nowhere: not on screen, not in what was sent to the view.
  const viewData = JSON.stringify(h.current().node.data)
  for (const secret of [PEOPLE.self.id, PEOPLE.self.name]) {
    expect(h.text()).not.toContain(secret)
    expect(viewData).not.toContain(secret)
  }
  // ...and the app saved neither on the phone.
  expect(JSON.stringify([...h.storage.entries()])).not.toContain(PEOPLE.self.id)
})

test('常见问题 opens the help subpackage with the 12366 hotline, and the button dials it', async () => {
  await h.launch()
  await h.waitFor('#link-help')
  await h.tap('#link-help')
  await h.waitFor(() => h.route() === 'packages/help/index', 3000, 'help page')
  await h.waitFor('#call-12366')
  expect(h.text()).toContain('常见问题')
  expect(h.textOf('#call-12366')).toContain('12366')

  await h.tap('#call-12366')
  await h.waitFor(() => h.phoneCalls.length > 0, 2000, 'makePhoneCall')
  expect(h.phoneCalls).toEqual(['12366'])

  // Back returns to home, still showing both entries.
  await h.back()
  expect(h.route()).toBe('pages/home/index')
  expect(h.textOf('#entry-self')).toBe('本人缴费')
})
