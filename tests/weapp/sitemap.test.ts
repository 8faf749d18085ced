/**
 * Tier 2: being found. The built sitemap.json names every page of app.json (so a new page must be
 * classified), WeChat search indexes only the public entry pages, every page has a title a person
 * would recognise, and the public pages forward the app itself, never a person.
 */
import fs from 'node:fs'
import path from 'node:path'
import { bootApp, DIST } from './harness'

/** The pages people search for (with what each shows first); the rest show a person's data or the demo controls. */
const LANDING: Record<string, string> = { 'pages/home/index': '本人缴费', 'packages/help/index': '服务热线', 'packages/help/privacy': '清除本机数据', 'packages/help/policy': '个人缴费标准' }
const INDEXABLE = Object.keys(LANDING)

const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(DIST, file), 'utf8'))
/** Taro compiles a page config's enableShareAppMessage into the page's script, not its JSON. */
const offersForwarding = (page: string) => fs.readFileSync(path.join(DIST, `${page}.js`), 'utf8').includes('enableShareAppMessage')
const app = readJson('app.json')
const pages: string[] = [...app.pages, ...app.subPackages.flatMap((p: { root: string; pages: string[] }) => p.pages.map((page) => `${p.root}/${page}`))]
const sitemap = readJson('sitemap.json') as { rules: Array<{ action: 'allow' | 'disallow'; page: string }> }

test('app.json points WeChat at the sitemap, and the sitemap classifies every page once', () => {
  expect(app.sitemapLocation).toBe('sitemap.json')
  const named = sitemap.rules.filter((r) => r.page !== '*').map((r) => r.page)
  expect([...named].sort()).toEqual([...pages].sort())
  // Anything a rule does not name is left out of search.
  expect(sitemap.rules.at(-1)).toEqual({ action: 'disallow', page: '*' })
})

test('only the public entry pages are indexable', () => {
  const allowed = sitemap.rules.filter((r) => r.action === 'allow').map((r) => r.page)
  expect(allowed.sort()).toEqual([...INDEXABLE].sort())
})

test('every page has its own title a person would recognise, with no number in it', () => {
  const titles = pages.map((page) => readJson(`${page}.json`).navigationBarTitleText ?? app.window.navigationBarTitleText)
  for (const title of titles) expect(title).toMatch(/^[\u4e00-\u9fa5]{2,10}$/)
  // Only the home page may use the app's own name.
  expect(titles.filter((t) => t === app.window.navigationBarTitleText)).toEqual(['医保缴费'])
  expect(new Set(titles).size).toBe(titles.length)
  expect(titles).toEqual(expect.arrayContaining(['医保缴费', '缴费记录查询', '电子缴费凭证', '常见问题与服务热线', '缴费标准与缴费时间']))
})

describe('public pages forward the app itself', () => {
  const h = bootApp()
  beforeEach(() => h.reset())

  test.each(INDEXABLE)('%s: share card opens home with a generic title, and it opens directly', async (page) => {
    expect(offersForwarding(page)).toBe(true)
    const entry = await h.launch(page)
    await h.settle()
    // Opened straight from search or a card, with nothing before it, the page shows its content.
    await h.waitFor(() => h.text().includes(LANDING[page]), 3000, `${page} content`)
    for (const from of ['menu', 'button']) {
      const card = entry.instance.onShareAppMessage({ from })
      expect(card).toEqual({ title: '医保缴费：本人和家人的医保费，在这里缴', path: '/pages/home/index' })
    }
    expect(entry.instance.onShareTimeline()).toEqual({ title: '医保缴费' })
  })

  test('pages with a person on them offer no forwarding of their own', () => {
    const personal = pages.filter((p) => !INDEXABLE.includes(p) && p !== 'pages/items/index')
    expect(personal.filter(offersForwarding)).toEqual([])
  })
})
