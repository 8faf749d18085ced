/**
 * Bench, tier 2: a scripted walk of 本人缴费, 代他人缴费 (a saved family member), a family board row and 全部缴纳
 * (a family of four) on the compiled weapp build, recording per page the setData traffic, the rendered tree and the taps.
 * Run by scripts/bench.mjs (`jest -c bench/jest.config.js`); WEAPP_DIST picks the build and
 * BENCH_WALK_OUT the JSON it writes (default bench/out/weapp-walk.json).
 *
 * How the figures are attributed:
 * - A "step" is one tap/input (or a launch) plus everything it sets off, until the next page is
 *   ready and no setData has arrived for QUIET_MS (lookups, the mock's latency, polling).
 * - setData to a page that the step opened = that page's first render (the whole of it, loading
 *   state included, until quiet). Everything else a step sends = the interaction, charged to the
 *   page where the tap happened (calls to pages lower in the stack are counted in and also shown
 *   apart as "background").
 * - The pay page opens by itself from 确认缴费: its first render ends when the cashier opens;
 *   what follows the cashier's 确认支付 is the pay page's interaction "cashier: 确认支付".
 * - Bytes are UTF-8 bytes of JSON.stringify(data) of each setData call (tests/weapp/harness.ts).
 * - Render tree: element nodes of the page in miniprogram-simulate's DOM (what wcc renders from
 *   base.wxml; Taro's recursive `comp` counts as a node), text nodes counted apart; depth counts
 *   elements from the page's first element (1) down. Largest seen on that page during the walk.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import fs from 'node:fs'
import path from 'node:path'
import { maskIdNumber, maskName } from '../src/domain/mask'
import { payerRefOf } from '../src/services/mock/people'
import { findPersonById } from '../src/services/mock/registry'
import { bootApp, DIST, type SetDataCall } from '../tests/weapp/harness'

const h = bootApp()
jest.setTimeout(180_000)

const OUT = path.resolve(process.env.BENCH_WALK_OUT ?? path.join(__dirname, 'out/weapp-walk.json'))
const QUIET_MS = 400
/** p06 陈桂兰 (绵阳, 低保对象), saved as 父母 on the family page before the proxy walk. */
const MOTHER = { name: '陈桂兰', idNumber: '510703196505050068' }
/**
 * The family board's walk: p02 李秀英 (paid), p15 何秀珍 (fully funded), p14 张德明 (unpaid, paid from
 * his row); 本人 is paid by the self walk above. The bench's build has no test hooks: no faults, and
 * the mock keeps what the walks before paid.
 */
const BOARD_FAMILY = ['p02', 'p15', 'p14']
/** 全部缴纳's walk: 本人 and p06 陈桂兰, p14 张德明, p08 陈嘉欣 (厦门), all unpaid (the demo data reset before it). */
const FAMILY_OF_FOUR = ['p06', 'p14', 'p08']

/** The family as the app saves it after verified lookups (set-up, not counted). */
function saveFamily(ids: readonly string[]): void {
  const saved = ids.map((id, i) => {
    const p = findPersonById(id)!
    return { payerRef: payerRefOf(p), maskedName: maskName(p.name), maskedIdNumber: maskIdNumber(p.idNumber), idType: p.idType, regionName: '', relation: 'parent', addedAt: 1_700_000_000_000 + i }
  })
  h.storage.set('yibao.family.v1', JSON.stringify(saved))
}
const boardShown = (ids: readonly string[]) => () =>
  [0, ...ids.map((_id, i) => i + 1)].every((i) => h.exists(`#board-row-${i}`) && !h.textOf(`#board-row-${i}`).includes('查询中'))

interface Cost {
  calls: number
  bytes: number
}
/** A call of DETAIL_MIN bytes or more: where it went and its biggest keys. */
interface BigCall {
  to: string
  bytes: number
  keys: Array<{ key: string; bytes: number; node: string }>
}
interface Interaction extends Cost {
  label: string
  /** Part of the interaction's cost sent to other pages than the one tapped (lower in the stack). */
  background: Cost
  byTarget: Record<string, Cost>
  largestCall: number
  bigCalls: BigCall[]
}
interface PageRecord {
  flow: string
  route: string
  firstRender: Cost & { largestCall: number; bigCalls: BigCall[] }
  interactions: Interaction[]
  largestCall: { bytes: number; phase: string }
  tree: { nodes: number; textNodes: number; depth: number; comps: number }
}
interface FlowRecord {
  flow: string
  description: string
  /** Taps on pages (h.tap) from the ready home page to 缴费成功, the consent tap left out. */
  pageTaps: number
  /** Taps in the cashier dialog (确认支付). */
  cashierTaps: number
  /** The privacy consent card's 同意并继续, if it was shown (first ID entry only). */
  consentTaps: number
  taps: number
  inputs: number
  reached: string
  outcome: string
}

const pages: PageRecord[] = []
const flows: FlowRecord[] = []
const notes: string[] = []
let consentTaps = 0
let currentFlow = ''

const log = (): SetDataCall[] => h.setData().log
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Waits until no setData has been sent for QUIET_MS (at most maxMs). */
async function quiet(maxMs = 6000): Promise<void> {
  const start = Date.now()
  let last = log().length
  let since = Date.now()
  while (Date.now() - start < maxMs) {
    await sleep(50)
    const now = log().length
    if (now !== last) {
      last = now
      since = Date.now()
    } else if (Date.now() - since >= QUIET_MS) return
  }
  notes.push(`setData did not go quiet within ${maxMs} ms on ${h.route()}`)
}

function record(flow: string, route: string): PageRecord {
  let rec = pages.find((p) => p.flow === flow && p.route === route)
  if (!rec) {
    rec = {
      flow,
      route,
      firstRender: { calls: 0, bytes: 0, largestCall: 0, bigCalls: [] },
      interactions: [],
      largestCall: { bytes: 0, phase: '' },
      tree: { nodes: 0, textNodes: 0, depth: 0, comps: 0 },
    }
    pages.push(rec)
  }
  return rec
}

function noteLargest(rec: PageRecord, call: SetDataCall, phase: string) {
  if (call.bytes > rec.largestCall.bytes) rec.largestCall = { bytes: call.bytes, phase }
}

/** Element count, text-node count and depth of the page's rendered tree (simulate DOM). */
function measureTree(flow: string) {
  const entry = h.current()
  const rec = record(flow, entry.route)
  let nodes = 0
  let textNodes = 0
  let comps = 0
  let depth = 0
  const walk = (el: Element, d: number) => {
    for (const child of Array.from(el.childNodes)) {
      if (child.nodeType === 3) {
        if ((child.textContent ?? '').trim()) textNodes += 1
      } else if (child.nodeType === 1) {
        nodes += 1
        if ((child as Element).tagName.toLowerCase() === 'comp') comps += 1
        depth = Math.max(depth, d + 1)
        walk(child as Element, d + 1)
      }
    }
  }
  // node.dom is the page component's host element; its children are the page's own nodes.
  walk(entry.node.dom, 0)
  rec.tree = {
    nodes: Math.max(rec.tree.nodes, nodes),
    textNodes: Math.max(rec.tree.textNodes, textNodes),
    depth: Math.max(rec.tree.depth, depth),
    comps: Math.max(rec.tree.comps, comps),
  }
}

/** The consent card, if shown: its button is WeChat's agreePrivacyAuthorization (one tap). */
async function consentIfShown(): Promise<boolean> {
  if (!h.exists('#privacy-consent')) return false
  const button = h.find('#privacy-agree')
  if (!button) throw new Error('consent card without #privacy-agree')
  consentTaps += 1
  button.dispatchEvent('agreeprivacyauthorization')
  button.dispatchEvent('tap')
  await h.settle()
  return true
}

/**
 * What the big calls carried: every page instance's setData is wrapped once more (at render,
 * before the harness's own wrapper) to keep, per call, its biggest keys and the node they hit.
 */
interface CallDetail {
  /** Index of the call in the harness's setData log. */
  at: number
  target: string
  bytes: number
  keys: Array<{ key: string; bytes: number; node: string }>
}
const details: CallDetail[] = []
const DETAIL_MIN = 1024
const jsonBytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v) ?? '', 'utf8')
/** 'root.cn.[0].cn.[2]' → the node at that path in the page data: its class / id / tag number. */
function describePath(data: any, key: string): string {
  const parts = key.split('.').map((p) => (p.startsWith('[') ? Number(p.slice(1, -1)) : p))
  let node: any = data
  let lastNode: any
  for (const part of parts) {
    if (node == null) break
    node = node[part as any]
    if (node && typeof node === 'object' && !Array.isArray(node) && ('nn' in node || 'cn' in node)) lastNode = node
  }
  if (key === 'root' || key === 'root.cn' || key === 'root.uid') return 'the whole page'
  if (!lastNode) return ''
  const cls = typeof lastNode.cl === 'string' ? lastNode.cl.split(/\s+/)[0] : ''
  const id = lastNode.uid && !String(lastNode.uid).startsWith('_') ? `#${lastNode.uid}` : ''
  const what = [id, cls ? `.${cls}` : ''].filter(Boolean).join(' ') || `node nn=${lastNode.nn}`
  return key.endsWith('.cn') ? `all children of ${what}` : what
}
function valueAt(data: any, key: string): any {
  let node = data
  for (const part of key.split('.')) {
    if (node == null) return undefined
    node = node[part.startsWith('[') ? Number(part.slice(1, -1)) : part]
  }
  return node
}
/** '#pending-order' for a node with a JSX id, '.notice' for one with a class, else its tag number. */
function tagOf(n: any): string {
  if (!n || typeof n !== 'object') return '?'
  if (n.uid && !String(n.uid).startsWith('_')) return `#${n.uid}`
  if (typeof n.cl === 'string' && n.cl) return `.${n.cl.split(/\s+/)[0]}`
  return n.nn === '9' ? 'text' : `nn${n.nn}`
}
function childDiff(before: unknown, after: unknown[]): string {
  if (!Array.isArray(before)) return `${after.length} children, none before`
  const count = (xs: unknown[]) => xs.map(tagOf).reduce((m, t) => m.set(t, (m.get(t) ?? 0) + 1), new Map<string, number>())
  const a = count(before)
  const b = count(after)
  const added = [...b].filter(([t, n]) => n > (a.get(t) ?? 0)).map(([t]) => `+${t}`)
  const removed = [...a].filter(([t, n]) => n > (b.get(t) ?? 0)).map(([t]) => `-${t}`)
  const diff = [...added, ...removed]
  return diff.length ? `${after.length} children; ${diff.join(' ')}` : `${after.length} children, same tags`
}
{
  const simulate = h.simulate as any
  const render = simulate.render
  simulate.render = function (...args: unknown[]) {
    const node = render.apply(this, args)
    const instance = node?.instance
    if (instance && typeof instance.setData === 'function' && !instance.__benchWrapped) {
      instance.__benchWrapped = true
      const original = instance.setData
      instance.setData = function (this: any, data: Record<string, unknown>, cb?: () => void) {
        const bytes = jsonBytes(data)
        // A child list sent whole: which children it gained or lost against what the view had.
        const changes = new Map<string, string>()
        if (bytes >= DETAIL_MIN) {
          for (const [key, value] of Object.entries(data ?? {})) {
            if (Array.isArray(value)) changes.set(key, childDiff(valueAt(instance.data, key), value))
          }
        }
        const result = original.call(this, data, cb)
        if (bytes >= DETAIL_MIN) {
          const keys = Object.entries(data ?? {})
            .map(([key, value]) => ({ key, bytes: jsonBytes(value), node: '' }))
            .sort((a, b) => b.bytes - a.bytes)
            .slice(0, 3)
          for (const k of keys) {
            k.node = describePath(instance.data, k.key)
            const change = changes.get(k.key)
            if (change) k.node += ` (${change})`
          }
          details.push({ at: log().length - 1, target: String(instance.__route__ ?? 'comp'), bytes, keys })
        }
        return result
      }
    }
    return node
  }
}

/** h.reset() empties the harness's log: the details indexed into it go too. */
async function reset(): Promise<void> {
  await h.reset()
  details.length = 0
}

/** Cut point in the log when the cashier dialog opens (set by the modal hook below). */
let cashierAt: number | undefined
{
  const modals = h.modals as any
  modals.push = function (...items: unknown[]) {
    cashierAt = log().length
    // The pay page is replaced by the result within the step: measure it while the cashier is up.
    if (h.stack().length && h.route() === 'pages/pay/index') measureTree(currentFlow)
    return Array.prototype.push.apply(this, items)
  }
}

function bigCall(at: number, to: string): BigCall | undefined {
  const d = details.find((x) => x.at === at)
  return d ? { to, bytes: d.bytes, keys: d.keys } : undefined
}

function chargeFirstRender(rec: PageRecord, c: SetDataCall, at: number) {
  rec.firstRender.calls += 1
  rec.firstRender.bytes += c.bytes
  rec.firstRender.largestCall = Math.max(rec.firstRender.largestCall, c.bytes)
  const big = bigCall(at, rec.route)
  if (big) rec.firstRender.bigCalls.push(big)
  noteLargest(rec, c, 'first render')
}

/**
 * One step: `action` on the page `from` (undefined for a launch), then wait for `ready`, then
 * quiet. Attributes the step's setData as described at the top.
 */
async function step(
  flow: string,
  label: string,
  action: () => Promise<unknown>,
  ready: () => boolean,
  readyLabel: string,
  opts: { consent?: boolean } = {},
): Promise<void> {
  currentFlow = flow
  const from = h.stack().length ? h.current() : undefined
  const before = new Set(h.stack().map((p) => p.instance))
  const start = log().length
  cashierAt = undefined
  await action()
  await h.waitFor(() => ready() || (Boolean(opts.consent) && h.exists('#privacy-consent')), 15_000, readyLabel)
  if (opts.consent && (await consentIfShown())) {
    // The consent tap is a step of its own (its cost is charged to the page showing the card).
    await h.waitFor(ready, 15_000, readyLabel)
  }
  await quiet()
  const calls = log().slice(start)

  // Pages this step opened (some may be gone again, e.g. pay → result by redirectTo).
  const opened = new Set<string>()
  const nowRoutes = h.stack().filter((p) => !before.has(p.instance)).map((p) => p.route)
  for (const r of nowRoutes) opened.add(r)
  // A page that opened and closed within the step (the pay page) shows up only in the log.
  const stackRoutes = new Set(h.stack().map((p) => p.route))
  for (const c of calls) if (c.target !== 'comp' && !stackRoutes.has(c.target) && c.target !== from?.route) opened.add(c.target)

  const newInteraction = (name: string): Interaction => ({ label: name, calls: 0, bytes: 0, background: { calls: 0, bytes: 0 }, byTarget: {}, largestCall: 0, bigCalls: [] })
  const interaction = newInteraction(label)
  const payInteraction = newInteraction('cashier: 确认支付')
  const charge = (into: Interaction, c: SetDataCall, target: string, at: number) => {
    into.calls += 1
    into.bytes += c.bytes
    into.largestCall = Math.max(into.largestCall, c.bytes)
    const t = (into.byTarget[target] ??= { calls: 0, bytes: 0 })
    t.calls += 1
    t.bytes += c.bytes
    const big = bigCall(at, target)
    if (big) into.bigCalls.push(big)
  }
  calls.forEach((c, i) => {
    // Taro's recursive comp has no route: it belongs to the page on top when the step ends.
    const target = c.target === 'comp' ? (opened.size ? h.current().route : from?.route ?? h.current().route) : c.target
    if (c.target === 'comp') notes.push(`a setData to Taro's comp during "${label}" (charged to ${target})`)
    if (opened.has(target)) {
      const rec = record(flow, target)
      if (target === 'pages/pay/index' && cashierAt !== undefined && start + i >= cashierAt) {
        charge(payInteraction, c, target, start + i)
        noteLargest(rec, c, payInteraction.label)
        return
      }
      chargeFirstRender(rec, c, start + i)
    } else if (from) {
      charge(interaction, c, target, start + i)
      if (target !== from.route) {
        interaction.background.calls += 1
        interaction.background.bytes += c.bytes
      }
      noteLargest(record(flow, from.route), c, label)
      if (target !== from.route) noteLargest(record(flow, target), c, `background during "${label}"`)
    }
  })
  if (from) record(flow, from.route).interactions.push(interaction)
  if (payInteraction.calls) record(flow, 'pages/pay/index').interactions.push(payInteraction)
  for (const r of opened) record(flow, r)
  measureTree(flow)
}

const routeIs = (r: string) => h.stack().length > 0 && h.route() === r

/** Runs one counted walk (after launchHome) and records its taps: the pages', the cashier's and the consent sheet's apart. */
async function countedWalk(flow: string, description: string, walk: () => Promise<void>): Promise<void> {
  const taps0 = h.taps
  const inputs0 = h.inputs
  const modals0 = h.modals.length
  await walk()
  const pageTaps = h.taps - taps0 - consentTaps
  const cashierTaps = h.modals.length - modals0
  flows.push({ flow, description, pageTaps, cashierTaps, consentTaps, taps: pageTaps + cashierTaps, inputs: h.inputs - inputs0, reached: h.route(), outcome: h.textOf('#outcome-title') })
}

/** A cold start on the home page (storage as it is: reset() first for a fresh install), ready when `ready` holds. */
async function launchHome(flow: string, ready: () => boolean = () => h.exists('#entry-self')) {
  consentTaps = 0
  const start = log().length
  await h.launch()
  await h.waitFor(ready, 10_000, 'home ready')
  await quiet()
  const rec = record(flow, 'pages/home/index')
  log()
    .slice(start)
    .forEach((c, i) => chargeFirstRender(rec, c, start + i))
  measureTree(flow)
}

test('walk: 本人缴费, 代他人缴费 with a saved family member, a row of the family board, and 全部缴纳 for a family of four', async () => {
  // ---- 本人缴费 ------------------------------------------------------------------------------
  {
    const flow = 'self'
    await reset()
    await launchHome(flow)
    await countedWalk(flow, '本人缴费: home → 缴费成功', async () => {
      await step(flow, '本人缴费', () => h.tap('#entry-self'), () => routeIs('pages/payer/index') && h.exists('#next'), 'payer card', { consent: true })
      await step(flow, '下一步', () => h.tap('#next'), () => routeIs('pages/items/index') && h.exists('#next') && h.exists('#total'), 'items page')
      await step(flow, '下一步', () => h.tap('#next'), () => routeIs('pages/confirm/index') && h.exists('#confirm-pay'), 'confirm page')
      await step(flow, '确认缴费', () => h.tap('#confirm-pay'), () => routeIs('pages/result/index') && h.exists('#voucher-no'), 'result page')
    })
  }

  // ---- 代他人缴费, saved family member ---------------------------------------------------------
  {
    const flow = 'proxy'
    await reset()
    // Set-up (not part of the counted walk): save 陈桂兰 as 父母 on the family page.
    const setup = 'setup'
    const start = log().length
    await h.launch('packages/family/index')
    await h.waitFor(() => h.exists('#family-add') || h.exists('#privacy-consent'), 10_000, 'family page')
    await quiet()
    const fam = record(setup, 'packages/family/index')
    log()
      .slice(start)
      .forEach((c, i) => chargeFirstRender(fam, c, start + i))
    measureTree(setup)
    if (h.exists('#privacy-consent')) {
      await step(setup, '同意并继续 (consent)', () => consentIfShown(), () => h.exists('#family-add'), 'family form')
    }
    await step(setup, 'type 姓名', () => h.input('#name', MOTHER.name), () => true, 'name typed')
    await step(setup, 'type 证件号码', () => h.input('#idNumber', MOTHER.idNumber), () => true, 'id typed')
    await step(setup, '父母', () => h.tap('#relation-parent'), () => true, 'relation')
    await step(setup, '核验并添加', () => h.tap('#family-add'), () => h.exists('#family-added') && h.exists('#family-0'), 'family member added')

    // The counted walk: a cold start with the saved member in storage.
    await launchHome(flow)
    consentTaps = 0
    await countedWalk(flow, '代他人缴费 (saved family member): home → 缴费成功', async () => {
      await step(flow, '代他人缴费', () => h.tap('#entry-other'), () => routeIs('pages/payer/index') && h.exists('#family-0'), 'family quick row', { consent: true })
      await step(flow, '常用缴费人 row', () => h.tap('#family-0'), () => routeIs('pages/items/index') && h.exists('#next') && h.exists('#total'), 'items page')
      await step(flow, '下一步', () => h.tap('#next'), () => routeIs('pages/confirm/index') && h.exists('#confirm-pay'), 'confirm page')
      await step(flow, '确认缴费', () => h.tap('#confirm-pay'), () => routeIs('pages/result/index') && h.exists('#voucher-no'), 'result page')
    })
  }

  // ---- the family board: a saved family, then a family member's row to 缴费成功 ---------------
  {
    const flow = 'board'
    await reset()
    saveFamily(BOARD_FAMILY)
    await launchHome(flow, boardShown(BOARD_FAMILY))
    const father = BOARD_FAMILY.indexOf('p14') + 1
    await countedWalk(flow, '全家缴费一览 (a family member’s row): home → 缴费成功', async () => {
      await step(flow, '家人 row on the board', () => h.tap(`#board-row-${father}`), () => routeIs('pages/items/index') && h.exists('#next') && h.exists('#total'), 'items page')
      await step(flow, '下一步', () => h.tap('#next'), () => routeIs('pages/confirm/index') && h.exists('#confirm-pay'), 'confirm page')
      await step(flow, '确认缴费', () => h.tap('#confirm-pay'), () => routeIs('pages/result/index') && h.exists('#voucher-no'), 'result page')
    })
  }

  // ---- 全部缴纳: a family of four, all unpaid, from the board to everyone's 缴费成功 ------------
  {
    const flow = 'family'
    await reset()
    saveFamily(FAMILY_OF_FOUR)
    // Set-up (not counted): 演示后台's reset, as a person would, puts the demo data back as it
    // started: the walks above paid 本人, 陈桂兰 and 张德明 (this build has no test hooks).
    await h.launch('packages/backend/index')
    await h.waitFor('#demo-reset', 10_000, 'demo backend')
    await h.tap('#demo-reset')
    await h.waitFor(() => routeIs('pages/home/index'), 10_000, 'home after the reset')
    await quiet()
    const rowsShown = boardShown(FAMILY_OF_FOUR)
    await launchHome(flow, () => rowsShown() && h.exists('#board-pay-all'))
    const everyone = [0, 1, 2, 3]
    await countedWalk(flow, '全部缴纳 (a family of four, all unpaid): home → everyone’s 缴费成功', async () => {
      await step(flow, '全部缴纳', () => h.tap('#board-pay-all'), () => routeIs('packages/family/pay') && h.exists('#family-item-3') && h.exists('#family-confirm'), 'family confirm page')
      await step(
        flow,
        '确认缴费',
        () => h.tap('#family-confirm'),
        () => routeIs('packages/family/result') && everyone.every((i) => h.exists(`#family-voucher-${i}`) && !h.textOf(`#family-voucher-${i}`).includes('获取中')),
        'family result with every receipt',
      )
    })
  }

  const result = {
    dist: DIST,
    quietMs: QUIET_MS,
    bytes: 'UTF-8 bytes of JSON.stringify(data) per setData call',
    pages: pages.map((p) => ({
      ...p,
      interactionMax: p.interactions.reduce((m, i) => Math.max(m, i.bytes), 0),
      interactionMaxLabel: p.interactions.reduce((m: Interaction | undefined, i) => (!m || i.bytes > m.bytes ? i : m), undefined)?.label ?? null,
      interactionTotal: p.interactions.reduce((t, i) => ({ calls: t.calls + i.calls, bytes: t.bytes + i.bytes }), { calls: 0, bytes: 0 }),
    })),
    flows,
    notes: [...new Set(notes)],
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true })
  fs.writeFileSync(OUT, JSON.stringify(result, null, 2))
  for (const f of flows) expect(f.outcome).toBe('缴费成功')
})
