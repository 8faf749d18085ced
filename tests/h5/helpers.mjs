// Tier 3 helpers: the H5 production build (dist/h5) in headless Chromium through playwright-core.
// Every test gets a fresh browser profile (so the mock backend's localStorage starts empty), a
// 375×667 phone viewport, and a folder of numbered screenshots under artifacts/h5/<test>/.
// Any uncaught error in the page fails the test.
/* global document, window, getComputedStyle */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tsImport } from 'tsx/esm/api'
import { launchPhone, VIEWPORT } from '../../scripts/phoneBrowser.mjs'
import { serveStatic } from '../../scripts/staticServer.mjs'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const DIST = resolve(process.env.H5_DIST ?? join(ROOT, 'dist/h5'))
export const ARTIFACTS = join(ROOT, 'artifacts/h5')

export { VIEWPORT }


/** The page Taro shows: stationed (slid in) and not shaded by a page on top of it. */
export const CURRENT = '.taro_page_stationed:not(.taro_page_shade)'

const DEFAULT_TIMEOUT = 15_000

/**
 * The build under test, copied aside once per test file: other people rebuild dist/h5 while tests
 * run (a build first empties the folder), and a page must never load half of one build and half
 * of the next. Waits for a build in progress to finish writing.
 */
let snapshot
async function buildSnapshot() {
  if (snapshot) return snapshot
  const index = join(DIST, 'index.html')
  const listing = () => {
    if (!existsSync(index)) return undefined
    const files = []
    const walk = (dir) =>
      readdirSync(dir, { withFileTypes: true }).forEach((e) => {
        const p = join(dir, e.name)
        if (e.isDirectory()) walk(p)
        else files.push(`${p}:${statSync(p).size}:${statSync(p).mtimeMs}`)
      })
    walk(DIST)
    const html = readFileSync(index, 'utf8')
    const assets = [...html.matchAll(/(?:src|href)="\.?\/?((?:js|css)\/[^"]+)"/g)].map((m) => m[1])
    if (assets.length === 0 || assets.some((a) => !existsSync(join(DIST, a)))) return undefined
    return files.sort().join('\n')
  }
  const deadline = Date.now() + 120_000
  for (;;) {
    const before = listing()
    if (before) {
      await new Promise((ok) => setTimeout(ok, 1000))
      if (listing() === before) break
    } else if (Date.now() > deadline) {
      throw new Error(`${index} is missing or incomplete: run \`npm run build:h5\` first`)
    } else {
      await new Promise((ok) => setTimeout(ok, 1000))
    }
  }
  // A build older than the sources tests yesterday's app: say so (others may be editing src).
  const built = statSync(index).mtimeMs
  const newest = (dir) =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = join(dir, e.name)
      return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
    }, 0)
  const src = join(ROOT, 'src')
  if (existsSync(src) && newest(src) > built) {
    console.warn(`[h5] warning: src/ changed after ${DIST} was built; run \`npm run build:h5\` to test the current code`)
  }
  const copy = mkdtempSync(join(tmpdir(), 'yibao-dist-h5-'))
  cpSync(DIST, copy, { recursive: true })
  process.on('exit', () => rmSync(copy, { recursive: true, force: true }))
  snapshot = copy
  return copy
}

const slug = (s) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48)
    .replace(/-$/, '')

/**
 * True when exactly one Taro page is current and nothing is sliding: during the slide the old
 * page is still "stationed" and the new one lies on top of it, off to the right.
 */
function settledInPage() {
  const pages = [...document.querySelectorAll('.taro_page')]
  const live = pages.filter((p) => p.classList.contains('taro_page_stationed') && !p.classList.contains('taro_page_shade'))
  if (live.length !== 1) return false
  return pages.every((p) => getComputedStyle(p).display === 'none' || Math.abs(p.getBoundingClientRect().x) < 0.5)
}

/**
 * Starts a fresh browser on the H5 build for one test. Returns the app driver; `close()` must be
 * called (e2e() does it).
 */
export async function startApp(testName, file, artifact) {
  const root = await buildSnapshot()
  const dir = join(ARTIFACTS, `${basename(file ?? 'h5', '.test.mjs')}/${artifact ?? slug(testName)}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })

  // H5_API: the merchant server the page's /v1/ and /sim/ calls go to (tests/h5-server).
  const server = await serveStatic(root, 0, { api: process.env.H5_API })
  const profile = mkdtempSync(join(tmpdir(), 'yibao-h5-'))
  const context = await launchPhone(profile)
  context.setDefaultTimeout(DEFAULT_TIMEOUT)
  const page = context.pages()[0] ?? (await context.newPage())

  const pageErrors = []
  const consoleLines = []
  page.on('pageerror', (error) => pageErrors.push(error))
  page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`))
  page.on('dialog', (d) => void d.dismiss()) // a native alert would block the page; none is expected

  let step = 0
  let taps = 0

  const assertNoPageError = () => {
    if (pageErrors.length > 0) {
      const e = pageErrors[0]
      const err = new Error(`uncaught error in the page: ${e.message}`)
      err.stack = `${err.message}\n${e.stack ?? ''}`
      throw err
    }
  }

  const settle = async (timeout = DEFAULT_TIMEOUT) => {
    await page.waitForFunction(settledInPage, null, { timeout, polling: 50 })
  }

  const app = {
    page,
    context,
    dir,
    baseUrl: server.url,
    get taps() {
      return taps
    },
    resetTaps() {
      taps = 0
    },

    /** A full page load of `route` (e.g. '/pages/home/index?x=1'), never a same-document hash change. */
    async open(route) {
      if (page.url().startsWith(server.url)) await page.goto('about:blank')
      await page.goto(`${server.url}#${route}`)
      await settle()
      assertNoPageError()
    },

    /** Reloads the current address (localStorage survives, memory does not). */
    async reload() {
      await page.reload()
      await settle()
      assertNoPageError()
    },

    /** Waits for the slide to finish. */
    settle,

    /**
     * A locator for `selector` inside the current page, after waiting until the page is settled
     * and the element is visible there (optionally containing `text`).
     */
    async stationed(selector, { text, timeout = DEFAULT_TIMEOUT } = {}) {
      try {
        await page.waitForFunction(
          ({ current, selector, text }) => {
            const pages = [...document.querySelectorAll('.taro_page')]
            const live = pages.filter((p) => p.classList.contains('taro_page_stationed') && !p.classList.contains('taro_page_shade'))
            if (live.length !== 1) return false
            if (!pages.every((p) => getComputedStyle(p).display === 'none' || Math.abs(p.getBoundingClientRect().x) < 0.5)) return false
            const el = document.querySelector(`${current} ${selector}`)
            if (!el || el.getClientRects().length === 0) return false
            return text === undefined || (el.textContent ?? '').includes(text)
          },
          { current: CURRENT, selector, text },
          { timeout, polling: 50 },
        )
      } catch (error) {
        assertNoPageError()
        const where = await app.currentRoute().catch(() => '?')
        const seen = await app.text().catch(() => '')
        throw new Error(
          `${selector}${text === undefined ? '' : ` with "${text}"`} not shown on ${where} within ${timeout} ms; the page says:\n${seen.slice(0, 600)}\n(${error.message.split('\n')[0]})`,
        )
      }
      assertNoPageError()
      return page.locator(`${CURRENT} ${selector}`).first()
    },

    /**
     * Taps the element with this id (or CSS selector) on the current page, like a finger. With
     * `to` (a route prefix such as '/pages/items/index'), the tap must open that page: this waits
     * until a different page is current at that address and has finished sliding in, so the next
     * lookup cannot hit an element of the same id on the page being left.
     */
    async tap(idOrSelector, { to, timeout = DEFAULT_TIMEOUT, ...options } = {}) {
      const selector = /^[A-Za-z][\w-]*$/.test(idOrSelector) ? `#${idOrSelector}` : idOrSelector
      const target = await app.stationed(selector, { timeout, ...options })
      if (to) await page.evaluate((current) => document.querySelector(current)?.setAttribute('data-e2e-left', ''), CURRENT)
      await target.tap()
      taps++
      assertNoPageError()
      if (to) await app.arrived(to, timeout)
    },

    /** Waits until a page not yet seen by the last navigating tap is current at route `to`, and settled. */
    async arrived(to, timeout = DEFAULT_TIMEOUT) {
      try {
        await page.waitForFunction(
          ({ current, to }) => {
            const pages = [...document.querySelectorAll('.taro_page')]
            const live = pages.filter((p) => p.classList.contains('taro_page_stationed') && !p.classList.contains('taro_page_shade'))
            if (live.length !== 1 || live[0].hasAttribute('data-e2e-left')) return false
            if (!pages.every((p) => getComputedStyle(p).display === 'none' || Math.abs(p.getBoundingClientRect().x) < 0.5)) return false
            return decodeURIComponent(window.location.hash.replace(/^#/, '')).startsWith(to) && document.querySelector(current) === live[0]
          },
          { current: CURRENT, to },
          { timeout, polling: 50 },
        )
      } catch {
        assertNoPageError()
        throw new Error(`did not arrive at ${to} within ${timeout} ms: still at ${await app.currentRoute()}, showing:\n${(await app.text()).slice(0, 400)}`)
      }
      assertNoPageError()
    },

    /** Types into the inner <input> of a Taro <Input id=…>, replacing what is there. */
    async type(id, value) {
      const input = await app.stationed(`#${id} input`)
      await input.tap()
      taps++
      await input.fill(value)
      assert.equal(await input.inputValue(), value, `#${id} did not take the typed value`)
      assertNoPageError()
    },

    /** What the inner <input> of a Taro <Input id=…> holds now. */
    async inputValue(id) {
      return (await app.stationed(`#${id} input`)).inputValue()
    },

    /** The visible modal (Taro.showModal), after its fade-in, with this title. */
    async modal(title, { timeout = DEFAULT_TIMEOUT } = {}) {
      const modal = page.locator('.taro__modal').filter({ has: page.locator('.taro-modal__title', { hasText: title }) })
      await modal.locator('.taro-modal__content').waitFor({ state: 'visible', timeout })
      await page.waitForFunction((el) => getComputedStyle(el).opacity === '1', await modal.elementHandle(), { timeout, polling: 50 })
      assertNoPageError()
      return modal
    },

    /** Taps a button of the visible modal titled `title`, by its text. */
    async tapModal(title, buttonText) {
      const modal = await app.modal(title)
      await modal.locator('.taro-model__btn', { hasText: buttonText }).tap()
      taps++
      await modal.waitFor({ state: 'hidden', timeout: DEFAULT_TIMEOUT })
      assertNoPageError()
    },

    /** The current page's visible text. */
    async text() {
      return page.evaluate((current) => document.querySelector(current)?.innerText ?? document.body.innerText, CURRENT)
    },

    /** The route shown, e.g. '/pages/pay/index?x=1'. */
    async currentRoute() {
      return page.evaluate(() => decodeURIComponent(window.location.hash.replace(/^#/, '')))
    },

    /** Calls into the embedded mock (window.__yibaoMock of a test build, fetched first if need be), e.g. mock('inspect.orders'). */
    async mock(path, ...args) {
      return page.evaluate(
        async ({ path, args }) => {
          const parts = path.split('.')
          if (!window.__yibaoMock) await window.__yibaoLoadAdapter()
          let owner = window.__yibaoMock
          for (const p of parts.slice(0, -1)) owner = owner[p]
          return owner[parts.at(-1)](...args)
        },
        { path, args },
      )
    },

    /** Orders the app created (the mock's seeded history left out). */
    async appOrders() {
      const orders = await app.mock('inspect.orders')
      return orders.filter((o) => !o.idempotencyKey.startsWith('seed_'))
    },

    /**
     * Saves artifacts/h5/<test>/<NN>-<name>.png of the whole current page. Taro pages scroll
     * inside their own element, so a full-page screenshot would stop at the fold: the viewport is
     * stretched to the page's height for the shot, then put back.
     */
    async shot(name) {
      step++
      // Never a picture of a half-slid page.
      await settle().catch(() => undefined)
      const file = join(dir, `${String(step).padStart(2, '0')}-${slug(name)}.png`)
      const height = await page.evaluate(
        // The body does not scroll (overflow: hidden); the current page element does.
        (current) => document.querySelector(current)?.scrollHeight ?? document.scrollingElement.scrollHeight,
        CURRENT,
      )
      const tall = Math.min(Math.ceil(height), 4000)
      if (tall > VIEWPORT.height) {
        await page.setViewportSize({ width: VIEWPORT.width, height: tall })
        await page.evaluate(() => new Promise((ok) => window.requestAnimationFrame(() => window.requestAnimationFrame(ok))))
      }
      try {
        await page.screenshot({ path: file, fullPage: true, animations: 'disabled' })
      } finally {
        if (tall > VIEWPORT.height) await page.setViewportSize(VIEWPORT)
      }
      assertNoPageError()
      return file
    },

    assertNoPageError,

    async close() {
      writeFileSync(join(dir, 'console.log'), consoleLines.join('\n') + '\n')
      await context.close().catch(() => undefined)
      await server.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
  return app
}

/**
 * One end-to-end test: a fresh app, `fn(app)`, a FAILED screenshot if it throws, and a failure
 * for any uncaught page error even when every assertion passed.
 */
export function e2e(name, fn, { timeout = 90_000, file, artifact } = {}) {
  return test(name, { timeout }, async () => {
    const app = await startApp(name, file, artifact)
    try {
      await fn(app)
      app.assertNoPageError()
    } catch (error) {
      await app.page.screenshot({ path: join(app.dir, 'FAILED.png'), fullPage: true }).catch(() => undefined)
      throw error
    } finally {
      await app.close()
    }
  })
}

/** The accessible name a screen reader would announce for each <button> (aria-labelledby, aria-label, text, title). */
export async function buttonsWithoutName(page, scope = 'body') {
  return page.evaluate((scope) => {
    const root = document.querySelector(scope) ?? document.body
    const nameOf = (el) => {
      const by = el.getAttribute('aria-labelledby')
      if (by) {
        const t = by
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' ')
          .trim()
        if (t) return t
      }
      return (el.getAttribute('aria-label') ?? '').trim() || (el.textContent ?? '').trim() || (el.getAttribute('title') ?? '').trim()
    }
    return [...root.querySelectorAll('button, [role="button"]')].filter((b) => !nameOf(b)).map((b) => b.outerHTML.slice(0, 120))
  }, scope)
}

/** Widths that would make the 375 px page scroll sideways: the document and the current page. */
export async function horizontalOverflow(page) {
  return page.evaluate((current) => {
    const doc = document.scrollingElement
    const cur = document.querySelector(current)
    const wide = cur
      ? [...cur.querySelectorAll('*')]
          .filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().right > window.innerWidth + 0.5)
          .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${String(el.className).split(' ')[0]} right=${Math.round(el.getBoundingClientRect().right)}`)
          .slice(0, 5)
      : []
    return { docScrollWidth: doc.scrollWidth, pageScrollWidth: cur?.scrollWidth ?? 0, pageClientWidth: cur?.clientWidth ?? 0, innerWidth: window.innerWidth, wide }
  }, CURRENT)
}

/**
 * The demo people as a user types them, keyed by registry id (p01 张建国 …): read from the mock's
 * registry itself (src/services/mock/registry.ts, through tsx), so the table lives once.
 */
export const PEOPLE = Object.fromEntries(
  (await tsImport('../../src/services/mock/registry.ts', import.meta.url)).DEMO_PEOPLE.map((p) => [p.id, { name: p.name, idNumber: p.idNumber }]),
)

/** The first ID entry asks for consent to the privacy notice; agree (with a screenshot of it). */
export async function agreeToPrivacy(app) {
  await app.stationed(':is(#privacy-agree, #lookup)')
  if ((await app.page.locator(`${CURRENT} #privacy-agree`).count()) === 0) return
  await app.shot('privacy-consent')
  await app.tap('privacy-agree')
  await app.stationed('#lookup')
}

/** Home → 代他人缴费 → (consent) → the empty form; screenshots on the way. */
export async function openProxyForm(app) {
  await app.open('/pages/home/index')
  await app.stationed('#entry-other')
  await app.shot('home')
  await app.tap('entry-other', { to: '/pages/payer/index?mode=other' })
  await app.stationed('#proxy-warning')
  await agreeToPrivacy(app)
}

/** 代他人缴费 up to the items page for a demo person; screenshots on the way. */
export async function lookUpOther(app, person, { expectItems = true } = {}) {
  await openProxyForm(app)
  await app.type('name', person.name)
  await app.type('idNumber', person.idNumber)
  await app.shot('payer-filled')
  await app.tap('lookup', expectItems ? { to: '/pages/items/index' } : {})
  if (expectItems) {
    await app.stationed('#total')
    await app.shot('items')
  }
}

/** From the items page through confirm and the mock cashier (确认支付) to the result page. */
export async function payFromItems(app, { amount } = {}) {
  await app.tap('next', { to: '/pages/confirm/index' })
  const figure = await app.stationed('#amount')
  if (amount) assert.equal((await figure.innerText()).trim(), amount, 'confirm page amount')
  await app.shot('confirm')
  await payAtCashier(app, amount)
}

/** The mock cashier's dialog title. */
export const CASHIER_TITLE = '微信支付（演示）'

/** On the confirm page: 确认缴费, then at the mock cashier `button` (确认支付 or 取消); `shot: false` skips its screenshot. */
export async function payAtCashier(app, amount, button = '确认支付', { shot = true } = {}) {
  await app.tap('confirm-pay', { to: '/pages/pay/index' })
  const cashier = await app.modal(CASHIER_TITLE)
  if (amount) assert.match(await cashier.innerText(), new RegExp(amount.replace(/[.$]/g, '\\$&')), 'the cashier shows the amount')
  if (shot) await app.shot('cashier')
  await app.tapModal(CASHIER_TITLE, button)
}


// ---- added for family / share / records / largeFont / entry tests ------------------------------

/** 本人缴费 (p01 张建国, ¥400.00) from a fresh home page up to the items page. */
export async function selfToItems(app) {
  await app.open('/pages/home/index')
  await app.stationed('#entry-self')
  await app.tap('entry-self', { to: '/pages/payer/index' })
  await app.stationed('#payer-card', { text: '张*国' })
  await app.tap('next', { to: '/pages/items/index' })
  await app.stationed('#total', { text: '¥400.00' })
}

/**
 * Runs `action` (e.g. a tap) and returns the download it starts: the file name the page chose and
 * its bytes.
 */
export async function downloadFrom(app, action, { timeout = 15_000 } = {}) {
  const [download] = await Promise.all([app.page.waitForEvent('download', { timeout }), action()])
  const failure = await download.failure()
  if (failure) throw new Error(`download of ${download.suggestedFilename()} failed: ${failure}`)
  const path = await download.path()
  return { name: download.suggestedFilename(), bytes: readFileSync(path) }
}

/** The app's localStorage: every key with its raw value (Taro wraps values as {"data": …}). */
export async function localStorageEntries(page) {
  return page.evaluate(() => Object.fromEntries(Object.keys(window.localStorage).map((k) => [k, window.localStorage.getItem(k)])))
}

/** Width and height of a PNG from its IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(bytes) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b) || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error(`not a PNG (starts ${bytes.subarray(0, 8).toString('hex')})`)
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** Saves family members as the app does after verified lookups (the backend's masked views, its payerRefs). */
export async function saveFamily(app, people) {
  await app.page.evaluate(async (people) => {
    const { backend } = await window.__yibaoLoadAdapter()
    const list = []
    for (const [i, p] of people.entries()) {
      const view = await backend.lookupPayer({ mode: 'other', name: p.name, idType: 'resident_id', idNumber: p.idNumber })
      list.push({ payerRef: view.payerRef, maskedName: view.maskedName, maskedIdNumber: view.maskedIdNumber, idType: view.idType, regionName: view.region.name, relation: 'parent', addedAt: 1_700_000_000_000 + i })
    }
    // Taro's H5 storage keeps each value as {"data": …}.
    window.localStorage.setItem('yibao.family.v1', JSON.stringify({ data: JSON.stringify(list) }))
  }, people)
}

/** Saves family members through 常用缴费人's form, each verified by the backend's lookup (as a 父母). */
export async function addFamilyByForm(app, people) {
  await app.open('/packages/family/index')
  await app.tap('privacy-agree')
  for (const { name, idNumber } of people) {
    await app.type('name', name)
    await app.type('idNumber', idNumber)
    await app.tap('relation-parent')
    await app.tap('family-add')
    await app.stationed('#family-added', { text: name[0], timeout: 15_000 })
  }
}
