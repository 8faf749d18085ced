/**
 * Tier 2: what WeChat's screen reader gets on every page of the compiled weapp. The templates
 * must bind aria-role / aria-label (Taro drops attributes it does not know), every tappable view
 * says what it is and what it does, buttons have names, amounts are said as "400元" (never
 * "¥400.00"), and confirm and result are read as one sentence.
 */
import fs from 'node:fs'
import path from 'node:path'
import { bootApp, DIST, runUntil, type Harness } from './harness'

const h = bootApp()
beforeEach(() => h.reset())

const SENTENCE = '为张*国缴纳2027年度城乡居民医保，400元'

/** What is wrong with the accessibility attributes of the page shown, one line per node. */
function labelProblems(h: Harness): string[] {
  const page = h.route()
  const problems: string[] = []
  const nodes = h.nodes()
  if (nodes.length < 5) problems.push(`${page}: only ${nodes.length} nodes rendered`)
  for (const n of nodes) {
    const classes = String(n.cl ?? '').split(/\s+/)
    const what = `${page}: <${n.tag}${n.uid ? ` #${n.uid}` : ''} class="${n.cl ?? ''}">`
    const label = typeof n.ariaLabel === 'string' ? n.ariaLabel : ''
    if (classes.includes('tappable')) {
      if (n.tag !== 'view') problems.push(`${what} is a tappable ${n.tag}, not a view`)
      if (!['button', 'radio', 'link'].includes(n.ariaRole)) problems.push(`${what} has aria-role "${n.ariaRole ?? ''}"`)
      if (!label.trim()) problems.push(`${what} has no aria-label`)
    }
    if (n.tag === 'button' && !label.trim()) problems.push(`${what} has no aria-label`)
    if (classes.includes('loading') && n.ariaRole !== 'status') problems.push(`${what} is not a status`)
    if (classes.includes('error-panel') && n.ariaRole !== 'alert') problems.push(`${what} is not an alert`)
    if (/[¥￥]/.test(label)) problems.push(`${what} reads "${label}": amounts are said as "…元"`)
  }
  return problems
}

test('the compiled templates pass aria-role and aria-label to view, and aria-label to button', () => {
  const base = fs.readFileSync(path.join(DIST, 'base.wxml'), 'utf8')
  const opening = (tag: string) => [...base.matchAll(new RegExp(`<template name="tmpl_0_\\d+">\\s*<${tag}\\s([^>]*)>`, 'g'))].map((m) => m[1])
  // Taro's pure-view and click-view variants (class, style and id only) serve views without other props.
  const views = opening('view').filter((attrs) => /\bi\.p\d/.test(attrs))
  const buttons = opening('button')
  expect(views.length).toBeGreaterThan(0)
  expect(buttons.length).toBeGreaterThan(0)
  for (const attrs of views) {
    for (const name of ['aria-role', 'aria-label', 'aria-checked', 'aria-disabled']) expect(attrs).toContain(`${name}="{{`)
  }
  for (const attrs of buttons) expect(attrs).toContain('aria-label="{{')
})

test('every page of self pay, and the pages around it, gives the screen reader roles, names and amounts in 元', async () => {
  const problems: string[] = []
  const check = () => problems.push(...labelProblems(h))

  await h.launch()
  await h.waitFor('#entry-self')
  check()
  await h.tap('#entry-self')
  await runUntil(h, () => h.exists('#next'), 'self payer')
  check()
  await h.tap('#next')
  await runUntil(h, () => h.route() === 'pages/items/index' && h.exists('#next'), 'items page')
  check()
  expect(h.nodeData('year-2027')?.ariaLabel).toBe('2027年度，应缴400元')
  await h.tap('#next')
  await runUntil(h, () => h.route() === 'pages/confirm/index' && h.exists('#confirm-pay'), 'confirm page')
  check()
  // One sentence for the amount block, not 应缴金额 / ¥400.00 / 大写 read one by one.
  expect(h.nodeData('spoken-summary')?.ariaLabel).toBe(SENTENCE)
  await h.tap('#confirm-pay')
  await runUntil(h, () => h.route() === 'pages/result/index' && h.exists('#voucher-no'), 'result page')
  check()
  expect(h.nodeData('outcome')?.ariaLabel).toMatch(new RegExp(`^缴费成功，${SENTENCE.replace('*', '\\*')}。医保待遇自2027年1月1日起享受$`))

  for (const route of ['packages/records/index', 'packages/family/index', 'packages/help/index', 'packages/help/privacy', 'packages/backend/index']) {
    await h.launch(route)
    await runUntil(h, () => h.nodes().length > 5 && !h.exists('#loading'), route)
    check()
  }
  expect(problems).toEqual([])
})
