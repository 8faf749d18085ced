/** Tier 2: 请家人代缴 on the compiled weapp build: the token, the share card, and the family member's side. */
import { appOrdersOf, bootApp, errorTitle, PEOPLE } from './harness'

const h = bootApp()
beforeEach(() => h.reset())

const SHARE = 'packages/share/index'

/** 本人缴费 up to the items page, with the current year selected. */
async function selfItems(): Promise<void> {
  await h.launch()
  await h.waitFor('#entry-self')
  await h.tap('#entry-self')
  await h.waitFor('#next')
  await h.tap('#next')
  await h.waitFor(() => h.route() === 'pages/items/index' && h.exists('#ask-family'), 5000, 'items page')
}

/** The card the page would send (the ··· menu or the 发送给家人 button). */
function shareCard(from: 'button' | 'menu' = 'button'): { title?: string; path?: string } {
  const page = h.current().instance
  expect(typeof page.onShareAppMessage).toBe('function')
  return page.onShareAppMessage({ from, target: from === 'button' ? { id: 'share-family' } : undefined }) ?? {}
}

test('请家人代缴 makes a token; the card path carries only the token; the family member opens it cold and pays once', async () => {
  await selfItems()
  // Before asking, the page shares the app, nothing personal.
  expect(shareCard('menu')).toEqual({ title: '医保缴费：本人和家人的医保费，在这里缴', path: '/pages/home/index' })
  expect(h.mock.inspect.shares()).toHaveLength(0)

  await h.tap('#ask-family')
  await h.waitFor('#share-panel', 5000)
  const shares = h.mock.inspect.shares()
  expect(shares).toHaveLength(1)
  const { token } = shares[0]
  expect(token).toMatch(/^[A-Za-z0-9_-]{16,48}$/)
  expect(h.textOf('#share-name')).toContain(PEOPLE.self.masked)
  expect(h.textOf('#share-amount')).toContain('¥400.00')
  expect(h.textOf('#share-expires')).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/)
  expect(h.exists('#share-family')).toBe(true)
  expect(h.exists('#ask-family')).toBe(false)

  // The card: the share page and the token, neither the ID number nor the name (not even masked).
  const card = shareCard('button')
  expect(card.path).toBe(`/packages/share/index?t=${token}`)
  expect(card.title).toBe('请帮我缴纳医保费')
  const cardText = JSON.stringify(card)
  for (const secret of [PEOPLE.self.id, PEOPLE.self.name, PEOPLE.self.masked, '510104', '0012', 'pr_']) expect(cardText).not.toContain(secret)
  // The ··· menu sends the same card now.
  expect(shareCard('menu').path).toBe(card.path)

  // The family member taps the card: a cold start on the share page, nothing behind it.
  const [rawPath, search] = card.path!.split('?')
  const query = Object.fromEntries(search.split('&').map((pair) => pair.split('=')))
  await h.launch(rawPath.replace(/^\//, ''), query)
  expect(h.stack().map((p) => p.route)).toEqual([SHARE])
  await h.waitFor('#shared-item', 5000)
  expect(h.textOf('#shared-name')).toContain(PEOPLE.self.masked)
  expect(h.textOf('#shared-amount')).toBe('¥400.00')
  expect(h.textOf('#shared-item')).toContain('城乡居民基本医疗保险')
  expect(h.textOf('#proxy-warning')).toContain('代他人缴费')
  expect(h.textOf('#share-home')).toBe('返回首页')
  for (const secret of [PEOPLE.self.id, PEOPLE.self.name]) expect(h.text()).not.toContain(secret)

  await h.tap('#pay-shared')
  await h.waitFor(() => h.route() === 'pages/confirm/index' && h.exists('#confirm-pay'), 5000, 'confirm page')
  expect(h.textOf('#amount')).toBe('¥400.00')
  expect(h.textOf('#confirm-name')).toContain(PEOPLE.self.masked)
  await h.tap('#confirm-pay')
  await h.waitFor(() => h.route() === 'pages/result/index' && h.exists('#voucher-no'), 10000, 'result page')
  expect(h.textOf('#outcome-title')).toBe('缴费成功')
  expect(h.textOf('#paid-amount')).toBe('¥400.00')
  expect(appOrdersOf(h, 'p01')).toHaveLength(1)
  expect(appOrdersOf(h, 'p01')[0]).toMatchObject({ state: 'paid', amountFen: 40000 })

  // Opening the card again: already paid, said so, with the way home; nothing to pay.
  await h.launch(SHARE, { t: token })
  await h.waitFor('#error-panel', 5000)
  expect(errorTitle(h)).toBe('该缴费项目已缴费')
  expect(h.textOf('#error-panel')).toContain('无需再缴')
  expect(h.exists('#pay-shared')).toBe(false)
  expect(h.textOf('#error-panel-action')).toBe('返回首页')
  await h.tap('#error-panel-action')
  await h.waitFor(() => h.route() === 'pages/home/index', 3000, 'home')
  expect(h.stack()).toHaveLength(1)
  expect(appOrdersOf(h, 'p01')).toHaveLength(1)
  expect(h.modals).toHaveLength(1)
})

test.each([
  ['malformed (t=abc)', { t: 'abc' }],
  ['missing t', {}],
  ['well-formed but unknown', { t: 'AAAAAAAAAAAAAAAAAAAAAA' }],
])('a %s token shows 缴费链接无效 with a way home and a way to 代他人缴费', async (_case, query) => {
  await h.launch(SHARE, query)
  await h.waitFor('#error-panel', 5000)
  expect(errorTitle(h)).toBe('缴费链接无效')
  expect(h.exists('#shared-item')).toBe(false)
  expect(h.textOf('#error-panel-action')).toBe('代他人缴费')
  expect(h.textOf('#share-home')).toBe('返回首页')
  await h.tap('#share-home')
  await h.waitFor(() => h.route() === 'pages/home/index' && h.exists('#entry-self'), 3000, 'home')
  expect(h.stack()).toHaveLength(1)
})

test('an expired card says 缴费链接已过期 and offers 代他人缴费', async () => {
  await selfItems()
  await h.tap('#ask-family')
  await h.waitFor('#share-panel', 5000)
  const [{ token }] = h.mock.inspect.shares()
  h.advanceClock(24 * 3_600_000 + 60_000)
  await h.launch(SHARE, { t: token })
  await h.waitFor('#error-panel', 5000)
  expect(errorTitle(h)).toBe('缴费链接已过期')
  expect(h.textOf('#error-panel-action')).toBe('代他人缴费')
  await h.tap('#error-panel-action')
  await h.waitFor(() => h.route() === 'pages/payer/index', 3000, 'payer page')
  expect(h.current().query.mode).toBe('other')
})
