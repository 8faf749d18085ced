// Accessibility checks for tier 3: axe-core on the screen shown (every rule, every impact), and
// the 适老化 measurements (MIIT guideline, WeChat 关怀模式) taken on the live layout.
/* global document, getComputedStyle, innerHeight, innerWidth, requestAnimationFrame */
import AxeBuilder from '@axe-core/playwright'
import { CURRENT } from './helpers.mjs'

/** How many checks ran, for the test's own summary line. */
export const a11yCounts = { axeScreens: 0, measuredScreens: 0, primaryActions: 0 }

/**
 * axe-core over the whole document as it is now (the current page and any open dialog; pages
 * hidden under it are ignored by axe itself). Returns one readable line per violating node:
 * `<screen>: [impact] rule — element — what is wrong`.
 */
export async function axeViolations(app, screen) {
  // label-content-name-mismatch is "experimental" in axe 4.13, so off unless asked for: voice control needs it.
  const { violations } = await new AxeBuilder({ page: app.page }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } }).analyze()
  a11yCounts.axeScreens++
  const found = violations.flatMap((v) =>
    v.nodes.map((n) => `${screen}: [${v.impact}] ${v.id} — ${n.target.join(' ')} — ${(n.failureSummary ?? v.help).replace(/\s+/g, ' ').slice(0, 220)}`),
  )
  // axe judges the whole document; each Taro page is one part of it: one main, one titled <h1>.
  const outline = await app.page.evaluate((current) => {
    const page = document.querySelector(current)
    const shown = (el) => el.getClientRects().length > 0
    const mains = [...(page?.querySelectorAll('main, [role="main"]') ?? [])].filter(shown)
    const h1s = [...(page?.querySelectorAll('h1, [role="heading"][aria-level="1"]') ?? [])].filter(shown)
    return { mains: mains.length, h1s: h1s.map((h) => h.textContent.trim()), title: document.title }
  }, CURRENT)
  if (outline.mains !== 1) found.push(`${screen}: ${outline.mains} main landmarks on the page (want 1)`)
  if (outline.h1s.length !== 1 || !outline.h1s[0]) found.push(`${screen}: level-one headings ${JSON.stringify(outline.h1s)} (want one, with text)`)
  // The visible title is the page's navigationBarTitleText, which Taro also puts in the tab.
  else if (outline.h1s[0] !== outline.title) found.push(`${screen}: the <h1> says "${outline.h1s[0]}" but the page's title is "${outline.title}"`)
  return found
}

/**
 * The 适老化 measurements of the current page (and an open dialog), as readable lines: body text
 * ≥ 18 px in care mode, tap targets ≥ 60 × 60 in care mode and ≥ 44 × 44 outside it, text
 * contrast ≥ 4.5:1 at every size, line height ≥ 1.3. (Clipping, overlap and sideways scrolling
 * are largeFont's layoutProblems.)
 */
function elderlyProblems({ current, care }) {
  const roots = [document.querySelector(current), ...document.querySelectorAll('.taro__modal')].filter(Boolean)
  const problems = []
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && parseFloat(getComputedStyle(el).opacity) > 0 && !el.closest('.spoken')
  const name = (el) => {
    const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/).filter(Boolean).slice(0, 2) : []
    const words = (el.tagName === 'INPUT' ? el.value || el.placeholder : el.innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 20)
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls.map((c) => `.${c}`).join('')} "${words}"`
  }
  const ownText = (el) =>
    el.tagName === 'INPUT' ? Boolean(el.value || el.placeholder) : [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())
  const rgba = (s) => {
    const m = s.match(/rgba?\(([^)]+)\)/)
    if (!m) return [0, 0, 0, 0]
    const [r, g, b, a = '1'] = m[1].split(/[\s,/]+/).filter(Boolean)
    return [+r, +g, +b, +a]
  }
  const over = (top, under) => {
    const a = top[3]
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1)
  }
  // The colour behind an element: its own and its ancestors' backgrounds, laid over white.
  const background = (el) => {
    const layers = []
    for (let a = el; a; a = a.parentElement) {
      const c = rgba(getComputedStyle(a).backgroundColor)
      if (c[3] > 0) layers.push(c)
      if (c[3] === 1) break
    }
    return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1])
  }
  const luminance = ([r, g, b]) => {
    const lin = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
  }
  const ratio = (p, q) => {
    const [hi, lo] = [luminance(p), luminance(q)].sort((x, y) => y - x)
    return (hi + 0.05) / (lo + 0.05)
  }

  for (const root of roots) {
    const all = [...root.querySelectorAll('*')].filter(visible)
    for (const el of all.filter(ownText)) {
      const cs = getComputedStyle(el)
      const fs = parseFloat(cs.fontSize)
      if (care && fs < 18 - 0.01) problems.push(`${name(el)} is set in ${fs} px (< 18 in care mode)`)
      const lh = cs.lineHeight === 'normal' ? 1.2 : parseFloat(cs.lineHeight) / fs
      if (lh < 1.3 - 0.01) problems.push(`${name(el)} has line height ${lh.toFixed(2)} (< 1.3)`)
      const bg = background(el)
      const contrast = ratio(over(rgba(cs.color), bg), bg)
      if (contrast < 4.5) problems.push(`${name(el)} has contrast ${contrast.toFixed(2)}:1 (< 4.5)`)
    }
    const min = care ? 60 : 44
    const targets = 'button, input, a[href], [role="button"], [role="radio"], [role="link"], [role="switch"], [role="checkbox"], .taro-model__btn'
    for (const el of root.querySelectorAll(targets)) {
      if (!visible(el)) continue
      // A Taro <Input>'s real <input> fills its row: the row is the target.
      const box = (el.tagName === 'INPUT' ? el.closest('.field') ?? el : el).getBoundingClientRect()
      if (box.width < min - 0.01 || box.height < min - 0.01) {
        problems.push(`${name(el)} is a ${box.width.toFixed(0)} × ${box.height.toFixed(0)} target (< ${min} × ${min})`)
      }
    }
  }
  return [...new Set(problems)]
}

/** The 适老化 measurements of the screen shown, one line per problem prefixed by `screen`. */
export async function elderlyMeasurements(app, screen, { care }) {
  const found = await app.page.evaluate(elderlyProblems, { current: CURRENT, care })
  a11yCounts.measuredScreens++
  return found.map((p) => `${screen}: ${p}`)
}

/**
 * "The primary action reachable without precise scrolling" (适老化), measured on the live layout.
 * The screen's primary action must be wholly inside the viewport (375 × 667), at least 60 × 60 in
 * care mode (44 × 44 outside it), and the topmost element at its centre (not under a bar, toast or
 * dialog) at one of the page's two resting positions: as it arrives (scrolled to the top) or flung
 * to its end (scrolled as far as it goes). A button in a bar fixed or sticky to the bottom passes at
 * both. A button that is whole only part-way down the page fails: reaching it takes a scroll that
 * stops in the right place, which is the precise scrolling the guideline rules out.
 * `action` is a selector within the current page, or `modal:<button text>` for an open Taro modal.
 */
async function primaryActionReach({ current, action, min }) {
  const frame = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)))
  const shown = (el) => el.getClientRects().length > 0
  const describe = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/)[0]}` : ''} "${(el.innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 16)}"`
  const el = action.startsWith('modal:')
    ? [...document.querySelectorAll('.taro__modal .taro-model__btn')].find((b) => shown(b) && b.textContent.trim() === action.slice(6))
    : document.querySelector(current)?.querySelector(action)
  if (!el || !shown(el)) return { problem: `its primary action ${action} is not on the screen` }
  // What scrolls the page: the nearest ancestor that can, else the document.
  let scroller = el.parentElement
  while (scroller && !(/auto|scroll/.test(getComputedStyle(scroller).overflowY) && scroller.scrollHeight > scroller.clientHeight)) scroller = scroller.parentElement
  scroller = scroller ?? document.scrollingElement
  const was = scroller.scrollTop
  const at = async (where, top) => {
    scroller.scrollTop = top
    await frame()
    const r = el.getBoundingClientRect()
    const box = `${Math.round(r.width)} × ${Math.round(r.height)} at y ${Math.round(r.top)}..${Math.round(r.bottom)}`
    if (r.top < -0.5 || r.left < -0.5 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5) return `${where}: ${box}, not wholly in the ${innerWidth} × ${innerHeight} viewport`
    if (r.width < min - 0.01 || r.height < min - 0.01) return `${where}: ${box}, smaller than ${min} × ${min}`
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
    if (!hit || !el.contains(hit)) return `${where}: ${box}, under ${hit ? describe(hit) : 'nothing'}`
    return undefined
  }
  const arrival = await at('as it arrives', 0)
  const end = arrival && (await at('scrolled to the end', scroller.scrollHeight))
  scroller.scrollTop = was
  await frame()
  return arrival && end ? { problem: `its primary action ${describe(el)} is not reachable without precise scrolling (${arrival}; ${end})` } : {}
}

/**
 * The primary-action measurement of the screen shown: one line if it fails (screen, element, where
 * it was), none if it passes. `action` as for primaryActionReach.
 */
export async function primaryActionProblems(app, screen, action, { care }) {
  const { problem } = await app.page.evaluate(primaryActionReach, { current: CURRENT, action, min: care ? 60 : 44 })
  a11yCounts.primaryActions++
  return problem ? [`${screen}: ${problem}`] : []
}

/** The primary action a journey's screen shows: an open modal's confirming (last) button, else the page's first primary button. */
async function shownPrimaryAction(app) {
  return app.page.evaluate((current) => {
    const shown = (el) => el.getClientRects().length > 0
    const modal = [...document.querySelectorAll('.taro__modal')].find(shown)
    const last = modal && [...modal.querySelectorAll('.taro-model__btn')].filter(shown).pop()
    if (last) return `modal:${last.textContent.trim()}`
    const primary = [...(document.querySelector(current)?.querySelectorAll('.btn--primary') ?? [])].find((b) => shown(b) && b.id)
    return primary ? `#${primary.id}` : undefined
  }, CURRENT)
}

/**
 * For a screen a journey reaches (an outcome, an error, a dialog): axe and the 适老化 measurements
 * at the size shown, its primary action's reach included, failing with every problem found (rule or measure, element, screen).
 */
export async function assertAccessible(app, screen) {
  const care = (await app.page.locator(`${CURRENT} .page.care`).count()) > 0
  const problems = [...(await axeViolations(app, screen)), ...(await elderlyMeasurements(app, screen, { care }))]
  const primary = await shownPrimaryAction(app)
  if (primary) problems.push(...(await primaryActionProblems(app, screen, primary, { care })))
  if (problems.length > 0) throw new Error(`${problems.length} accessibility problem(s) on ${screen}:\n  ${problems.join('\n  ')}`)
}
