/**
 * Tier 2: policy truth on the compiled weapp build: the 缴费标准与缴费时间 page for two regions
 * and two years, a 2-year break's date and reason, a 特困 person never offered payment, and the
 * 81… number typed as 居民身份证.
 */
import { appOrdersOf, bootApp, lookupOther, openProxyForm, registryPerson } from './harness'

const h = bootApp()
const HMT = registryPerson('p08')
/** 23 November 2026, 10:00 in Shanghai: Sichuan's window for coverage year 2027 is open. */
beforeEach(async () => {
  await h.reset()
  h.setClock(Date.UTC(2026, 10, 23, 2))
})

test('缴费标准与缴费时间: two regions, two years, each figure with its source or 演示数据, 尚未公布 for a year without data', async () => {
  await h.launch()
  await h.waitFor('#link-policy')
  await h.tap('#link-policy')
  await h.waitFor(() => h.route() === 'packages/help/policy' && h.exists('#standard'), 5000, 'policy page')
  expect(h.textOf('#heading')).toContain('成都市')

  await h.tap('#year-2025')
  await h.waitFor(() => h.textOf('#heading').includes('2025年度'))
  expect(h.textOf('#standard')).toContain('¥400.00')
  expect(h.textOf('#standard')).not.toContain('演示数据')
  expect(h.textOf('#standard-source')).toContain('医保发〔2024〕19号')
  expect(h.textOf('#window')).toContain('2024年9月1日至2025年2月28日')
  expect(h.textOf('#window-source')).toContain('seed 000')
  expect(h.textOf('#scope')).toContain('四川省统一标准')
  expect(h.textOf('#waiting-rule')).toContain('固定等待期3个月')

  await h.tap('#year-2027')
  await h.waitFor(() => h.textOf('#heading').includes('2027年度'))
  expect(h.textOf('#standard')).toContain('演示数据')
  expect(h.textOf('#window')).toContain('演示数据')
  expect(h.textOf('#flexible-p100')).toContain('¥7,831.00')

  await h.tap('#region-350200')
  await h.waitFor(() => h.textOf('#heading').includes('厦门市'))
  expect(h.textOf('#window')).toContain('2026年9月1日至2026年12月31日')
  await h.tap('#year-2026')
  await h.waitFor(() => h.textOf('#heading').includes('2026年度'))
  expect(h.textOf('#flexible-p100')).toContain('¥7,631.00')
  expect(h.textOf('#flexible-source')).toContain('闽医保函〔2026〕65号')
  expect(h.textOf('#flexible-rate-source')).toContain('演示数据')
  await h.tap('#year-2028')
  await h.waitFor(() => h.exists('#not-published'))
  expect(h.textOf('#not-published')).toContain('该地区2028年度缴费标准尚未公布')
  expect(h.text()).toContain('12393')
})

test('a 2-year break (张德明) sees the date cover starts and why', async () => {
  await lookupOther(h, registryPerson('p14').name, registryPerson('p14').idNumber)
  await h.waitFor(() => h.route() === 'pages/items/index' && h.exists('#cover-start'), 8000, 'items page')
  expect(h.textOf('#cover-reason')).toBe('断保2年：固定等待期3个月 + 变动等待期2个月')
  // Inside the window the 5 months run from 1 January of the year paid for.
  expect(h.textOf('#cover-start')).toBe('今天缴费，2027年6月1日起享受医保待遇')
  expect(h.text()).not.toContain('即可享受')
})

test('a 特困 person (何秀珍) is told 由政府全额资助 and is never offered payment', async () => {
  await lookupOther(h, registryPerson('p15').name, registryPerson('p15').idNumber)
  await h.waitFor(() => h.route() === 'pages/items/index' && h.exists('#total'), 8000, 'items page')
  expect(h.textOf('#payer-card')).toContain('特困人员')
  expect(h.textOf('#fully-funded')).toContain('特困人员：由政府全额资助，无需个人缴费')
  expect(h.textOf('#total')).toBe('¥0.00')
  expect(h.exists('#next')).toBe(false)
  expect(h.exists('#ask-family')).toBe(false)
  expect(appOrdersOf(h, 'p15')).toEqual([])
  expect(h.modals).toEqual([])
})

test('an 81… number typed as 居民身份证 gets the switch, and one tap switches keeping the number', async () => {
  await openProxyForm(h)
  await h.input('#name', HMT.name)
  await h.input('#idNumber', HMT.idNumber)
  await h.waitFor('#idNumber-error', 2000)
  expect(h.textOf('#idNumber-error')).toBe('这是港澳台居民居住证号码，请将证件类型改为港澳台居民居住证')
  await h.tap('#id-type-switch')
  await h.waitFor(() => h.textOf('#id-type-value') === '港澳台居民居住证')
  expect(h.exists('#idNumber-error')).toBe(false)
  expect(h.nodeData('idNumber')?.value).toBe(HMT.idNumber)
  await h.tap('#lookup')
  await h.waitFor(() => h.route() === 'pages/items/index' && h.exists('#payer-card'), 8000, 'items page')
  expect(h.textOf('#payer-card')).toContain('厦门市')
})
