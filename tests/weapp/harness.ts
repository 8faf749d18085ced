/**
 * Tier-2 harness: drives the compiled weapp build made for tests (dist/weapp, TARO_APP_TEST_HOOKS=1)
 * inside jest with miniprogram-simulate. Each piece below says why it is here.
 *
 * Usage (one app per test file: jest gives every file a fresh module registry):
 *
 *   const h = bootApp()               // at the top of the file, once
 *   beforeEach(() => h.reset())       // fresh storage, mock backend, page stack, wx mocks
 *   await h.launch()                  // opens pages/home/index
 *   await h.tap('#entry-self')
 *   await h.waitFor('#payer-card')
 */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */
import fs from 'node:fs'
import path from 'node:path'
import { maskName } from '@/domain/mask'
import { findPersonById } from '@/services/mock/registry'

/** The build under test; WEAPP_DIST points the tier at another copy (e.g. a mutated one). */
export const DIST = path.resolve(process.env.WEAPP_DIST ?? path.join(__dirname, '../../dist/weapp'))
export const HOME = 'pages/home/index'

type AnyFn = (...args: any[]) => any

/** A j-component wrapper (what simulate.render returns and querySelector finds). */
export interface SimNode {
  dom: HTMLElement
  data: any
  instance: any
  dispatchEvent(name: string, options?: { detail?: unknown }): void
  querySelector(selector: string): SimNode | undefined
  querySelectorAll(selector: string): SimNode[]
  attach(parent: Element): void
  detach(): void
}

export interface PageEntry {
  /** 'pages/payer/index' */
  route: string
  /** Query as the page received it in onLoad. */
  query: Record<string, string>
  node: SimNode
  parent: Element
  instance: any
}

export interface ModalCall {
  title?: string
  content?: string
  confirmText?: string
  cancelText?: string
  answer: 'confirm' | 'cancel'
}

export interface SetDataCall {
  /** The page route (or 'comp' for Taro's recursive component) that received the setData. */
  target: string
  bytes: number
  keys: number
}

export interface RouterCall {
  api: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'navigateBack' | 'switchTab'
  url?: string
  delta?: number
  ok: boolean
  errMsg: string
}

export interface Harness {
  readonly simulate: any
  /** The embedded mock backend the app put on globalThis.__yibaoMock. */
  readonly mock: any
  /** Storage behind wx.*StorageSync (cleared by reset()). */
  readonly storage: Map<string, unknown>
  readonly modals: ModalCall[]
  readonly phoneCalls: string[]
  readonly paymentRequests: unknown[]
  readonly routerLog: RouterCall[]
  readonly toasts: unknown[]
  /** Taps and inputs made through tap()/input() since reset() (or resetCounters()). */
  readonly taps: number
  readonly inputs: number

  /** Fresh storage, mock backend, wx mocks, counters, clock; every open page is unloaded. */
  reset(): Promise<void>
  /** reLaunch to the home page (or another route) as a cold start would. */
  launch(route?: string, query?: Record<string, string>): Promise<PageEntry>
  /** The page on top of the stack. */
  current(): PageEntry
  stack(): PageEntry[]
  /** Current route without leading slash, e.g. 'pages/home/index'. */
  route(): string
  /** Visible text of the current page. */
  text(): string
  /** Text of one element on the current page ('' when absent). */
  textOf(selector: string): string
  exists(selector: string): boolean
  find(selector: string): SimNode | undefined
  /**
   * The node's data in Taro's setData tree, found by the JSX id, with Taro's short prop keys
   * (p25...) decoded to attribute names from base.wxml: { value, disabled, placeholder, ... }.
   * This is what the view layer was told, e.g. an input's value (the stub input has none).
   */
  nodeData(id: string): Record<string, any> | undefined
  /** Every node of the current page's data tree, decoded like nodeData, with its WXML tag as `tag`. */
  nodes(): Array<Record<string, any>>
  /** Text inside the first node with this class in the data tree (under the node with id `within`). */
  textByClass(className: string, within?: string): string
  tap(selector: string): Promise<void>
  /** The back button in the navigation bar (wx.navigateBack). */
  back(): Promise<void>
  input(selector: string, value: string): Promise<void>
  /** Lets React, Taro's update queue and simulate's async events run. */
  settle(): Promise<void>
  /** Loops until the predicate (or selector present) holds; throws with the page text on timeout. */
  waitFor(what: string | (() => boolean), timeoutMs?: number, label?: string): Promise<void>
  /** How the next cashier modal(s) are answered (a queue; default 'confirm'). */
  answerModal(...answers: Array<'confirm' | 'cancel'>): void
  /** requestPayment's next result (default ok). */
  answerPayment(result: 'ok' | 'cancel' | 'fail'): void
  /**
   * Runs the app's own timers (poll back-off, mock latency) up to `ms` of fake time in a fraction
   * of real time, stopping early once `until` holds; Date moves with the fake clock. Real timers
   * are back when it returns. Use plain waitFor() again afterwards.
   */
  fastForward(ms: number, until?: () => boolean, stepMs?: number): Promise<number>
  /** Moves Date.now() forward by ms (the mock backend's clock). */
  advanceClock(ms: number): void
  /** Pins Date.now() to this instant (it runs on from there); reset() lets go. */
  setClock(at: number): void
  resetCounters(): void
  /** setData calls and UTF-8 bytes (JSON) sent to the view since reset()/resetCounters(). */
  setData(): { calls: number; bytes: number; log: SetDataCall[] }
  /** setData calls and bytes caused by one interaction, e.g. measure(() => h.tap('#year-2027')). */
  measure(action: () => Promise<unknown>): Promise<{ calls: number; bytes: number; log: SetDataCall[] }>
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function parseUrl(url: string): { route: string; query: Record<string, string> } {
  const [rawPath, search = ''] = url.split('?')
  const route = rawPath.replace(/^\//, '')
  const query: Record<string, string> = {}
  for (const pair of search.split('&')) {
    if (!pair) continue
    const at = pair.indexOf('=')
    // WeChat hands the page its query as written in the url (no decoding).
    if (at < 0) query[pair] = ''
    else query[pair.slice(0, at)] = pair.slice(at + 1)
  }
  return { route, query }
}

function utf8Bytes(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8')
  } catch {
    return 0
  }
}

let booted: Harness | undefined

/** Boots the compiled app once per test file and returns the harness. */
export function bootApp(): Harness {
  if (booted) return booted
  // Whole journeys with the mock's real 350 ms latency take a few seconds each.
  jest.setTimeout(30_000)
  if (!fs.existsSync(path.join(DIST, 'app.js'))) throw new Error(`no build at ${DIST}: run npm run build:weapp first`)

  // 1. simulate first: it defines global Component and a mock wx.
  const simulate = require('miniprogram-simulate')
  const g = globalThis as any

  // ---- setData accounting ------------------------------------------------------------------
  const setDataLog: SetDataCall[] = []
  const wrapSetData = (instance: any) => {
    if (!instance || instance.__setDataWrapped) return
    const original = instance.setData
    if (typeof original !== 'function') return
    instance.__setDataWrapped = true
    instance.setData = function (this: any, data: Record<string, unknown>, cb?: AnyFn) {
      // Pages carry their route; Taro's recursive comp (and custom-wrapper) do not.
      const target = String(instance.__route__ ?? 'comp')
      setDataLog.push({ target, bytes: utf8Bytes(data), keys: data ? Object.keys(data).length : 0 })
      return original.call(this, data, cb)
    }
  }

  // Custom components (Taro's recursive comp, custom-wrapper): count their setData too.
  const simulateComponent = g.Component
  g.Component = (options: any) => {
    const lifetimes = { ...(options.lifetimes || {}) }
    const attached = lifetimes.attached || options.attached
    lifetimes.attached = function (this: any, ...args: any[]) {
      wrapSetData(this)
      return attached?.apply(this, args)
    }
    return simulateComponent({ ...options, lifetimes, attached: undefined })
  }

  // ---- the page stack ---------------------------------------------------------------------
  const stack: PageEntry[] = []
  let pendingPage: { route: string; query: Record<string, string> } | undefined

  // 2. Page(): register the page options as a component.
  g.Page = (options: any) => {
    const methods: Record<string, AnyFn> = {}
    for (const key of Object.keys(options)) if (typeof options[key] === 'function') methods[key] = options[key]
    g.Component({
      data: options.data || {},
      methods,
      lifetimes: {
        attached(this: any) {
          const opening = pendingPage
          if (!opening) throw new Error('a page was attached outside the router')
          pendingPage = undefined
          this.route = this.__route__ = opening.route
          this.options = opening.query
          this.onLoad?.(opening.query)
          this.onShow?.()
        },
        ready(this: any) {
          this.onReady?.()
        },
        detached(this: any) {
          this.onUnload?.()
        },
      },
    })
  }

  // 3. App, getApp, getCurrentPages.
  let appOptions: any
  g.App = (options: any) => {
    appOptions = options
  }
  g.getApp = () => appOptions
  g.getCurrentPages = () => stack.map((p) => p.instance)

  // ---- wx mocks (must exist before app.js: Taro copies wx's keys at start-up) -------------
  const storage = new Map<string, unknown>()
  const modals: ModalCall[] = []
  const modalAnswers: Array<'confirm' | 'cancel'> = []
  const phoneCalls: string[] = []
  const paymentRequests: unknown[] = []
  const paymentAnswers: Array<'ok' | 'cancel' | 'fail'> = []
  const routerLog: RouterCall[] = []
  const toasts: unknown[] = []
  const wx = g.wx

  /** Calls success/fail/complete like WeChat, a tick later; returns a Promise when no callback is given. */
  const finish = (options: any, ok: boolean, result: Record<string, unknown>) => {
    const hasCallback = options && (options.success || options.fail || options.complete)
    const run = () => {
      if (ok) options?.success?.(result)
      else options?.fail?.(result)
      options?.complete?.(result)
    }
    if (hasCallback) {
      setTimeout(run, 0)
      return undefined
    }
    return new Promise((resolve, reject) => setTimeout(() => (ok ? resolve(result) : reject(result)), 0))
  }

  const copy = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)))
  wx.setStorageSync = (key: string, value: unknown) => void storage.set(key, copy(value))
  wx.getStorageSync = (key: string) => (storage.has(key) ? copy(storage.get(key)) : '')
  wx.removeStorageSync = (key: string) => void storage.delete(key)
  wx.clearStorageSync = () => storage.clear()
  wx.getStorageInfoSync = () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 })
  wx.setStorage = (o: any) => {
    storage.set(o.key, copy(o.data))
    return finish(o, true, { errMsg: 'setStorage:ok' })
  }
  wx.getStorage = (o: any) =>
    storage.has(o.key)
      ? finish(o, true, { errMsg: 'getStorage:ok', data: copy(storage.get(o.key)) })
      : finish(o, false, { errMsg: 'getStorage:fail data not found' })
  wx.removeStorage = (o: any) => {
    storage.delete(o.key)
    return finish(o, true, { errMsg: 'removeStorage:ok' })
  }
  wx.clearStorage = (o: any) => {
    storage.clear()
    return finish(o, true, { errMsg: 'clearStorage:ok' })
  }

  wx.showModal = (o: any) => {
    const answer = modalAnswers.shift() ?? 'confirm'
    modals.push({ title: o?.title, content: o?.content, confirmText: o?.confirmText, cancelText: o?.cancelText, answer })
    return finish(o, true, { errMsg: 'showModal:ok', confirm: answer === 'confirm', cancel: answer === 'cancel' })
  }
  wx.showToast = (o: any) => {
    toasts.push(o)
    return finish(o, true, { errMsg: 'showToast:ok' })
  }
  wx.hideToast = (o: any) => finish(o, true, { errMsg: 'hideToast:ok' })
  wx.showLoading = (o: any) => finish(o, true, { errMsg: 'showLoading:ok' })
  wx.hideLoading = (o: any) => finish(o, true, { errMsg: 'hideLoading:ok' })
  wx.makePhoneCall = (o: any) => {
    phoneCalls.push(String(o?.phoneNumber))
    return finish(o, true, { errMsg: 'makePhoneCall:ok' })
  }
  // Taro 4 hands requestPayment to wx as is: without callbacks it must return a Promise.
  wx.requestPayment = (o: any) => {
    paymentRequests.push(copy({ ...o, success: undefined, fail: undefined, complete: undefined }))
    const answer = paymentAnswers.shift() ?? 'ok'
    if (answer === 'ok') return finish(o, true, { errMsg: 'requestPayment:ok' })
    return finish(o, false, { errMsg: answer === 'cancel' ? 'requestPayment:fail cancel' : 'requestPayment:fail' })
  }
  wx.getAppBaseInfo = () => ({ SDKVersion: '3.6.0', language: 'zh_CN', version: '8.0.50', theme: 'light', enableDebug: false })
  wx.setNavigationBarTitle = (o: any) => finish(o, true, { errMsg: 'setNavigationBarTitle:ok' })
  wx.pageScrollTo = (o: any) => finish(o, true, { errMsg: 'pageScrollTo:ok' })

  // ---- component loading (each file once: jest's module cache runs a chunk only once) ------
  const loadOptions = (extra: Record<string, string> = {}) => ({ rootPath: DIST, compiler: 'official', usingComponents: extra })
  const shared: Record<string, string> = {}
  let sharedLoaded = false
  const loadShared = () => {
    if (sharedLoaded) return
    sharedLoaded = true
    for (const name of ['comp', 'custom-wrapper']) {
      const file = path.join(DIST, name)
      if (fs.existsSync(`${file}.json`)) shared[name] = simulate.load(file, loadOptions(shared))
    }
  }
  const pageIds = new Map<string, string>()
  const pageComponent = (route: string): string => {
    loadShared()
    let id = pageIds.get(route)
    if (!id) {
      const file = path.join(DIST, route)
      if (!fs.existsSync(`${file}.json`)) throw new Error(`no page ${route} in ${DIST}`)
      id = simulate.load(file, loadOptions(shared)) as string
      pageIds.set(route, id)
    }
    return id
  }

  // ---- router -----------------------------------------------------------------------------
  const appJson = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
  const knownRoutes = new Set<string>([
    ...appJson.pages,
    ...(appJson.subPackages ?? appJson.subpackages ?? []).flatMap((s: any) => s.pages.map((p: string) => `${s.root}/${p}`)),
  ])
  let pageSeq = 0

  const mount = async (route: string, query: Record<string, string>): Promise<PageEntry> => {
    const id = pageComponent(route)
    const node = simulate.render(id) as SimNode
    const parent = document.createElement('parent-wrapper')
    document.body.appendChild(parent)
    pendingPage = { route, query }
    node.attach(parent)
    const entry: PageEntry = { route, query, node, parent, instance: node.instance }
    stack.push(entry)
    return entry
  }
  const unmount = (entry: PageEntry) => {
    entry.node.detach()
    entry.parent.remove()
  }
  const top = () => stack[stack.length - 1]

  /** Page changes run a tick after the call, like WeChat's. */
  let routing: Promise<void> = Promise.resolve()
  const route = (api: RouterCall['api'], o: any, change: () => Promise<void> | void, check?: () => string | undefined) => {
    const problem = check?.()
    const errMsg = problem ? `${api}:fail ${problem}` : `${api}:ok`
    routerLog.push({ api, url: o?.url, delta: o?.delta, ok: !problem, errMsg })
    if (problem) return finish(o, false, { errMsg })
    routing = routing.then(async () => {
      await sleep(0)
      await change()
    })
    const done = routing.then(() => undefined)
    const hasCallback = o && (o.success || o.fail || o.complete)
    if (hasCallback) {
      void done.then(() => {
        o.success?.({ errMsg })
        o.complete?.({ errMsg })
      })
      return undefined
    }
    return done.then(() => ({ errMsg }))
  }
  const unknown = (url: string) => {
    const { route: r } = parseUrl(url ?? '')
    return knownRoutes.has(r) ? undefined : `page "${r}" is not found`
  }

  wx.navigateTo = (o: any) =>
    route(
      'navigateTo',
      o,
      async () => {
        const { route: r, query } = parseUrl(o.url)
        top()?.instance.onHide?.()
        await mount(r, query)
      },
      () => unknown(o?.url) ?? (stack.length >= 10 ? 'webview count limit exceed' : undefined),
    )
  wx.redirectTo = (o: any) =>
    route(
      'redirectTo',
      o,
      async () => {
        const { route: r, query } = parseUrl(o.url)
        const old = stack.pop()
        if (old) unmount(old)
        await mount(r, query)
      },
      () => unknown(o?.url),
    )
  wx.reLaunch = (o: any) =>
    route(
      'reLaunch',
      o,
      async () => {
        const { route: r, query } = parseUrl(o.url)
        while (stack.length) unmount(stack.pop()!)
        await mount(r, query)
      },
      () => unknown(o?.url),
    )
  wx.switchTab = (o: any) => route('switchTab', o, () => undefined, () => 'no tabBar in this app')
  wx.navigateBack = (o: any) => {
    const delta = Math.max(1, Number(o?.delta ?? 1))
    return route(
      'navigateBack',
      o,
      () => {
        for (let i = 0; i < delta && stack.length > 1; i++) unmount(stack.pop()!)
        top()?.instance.onShow?.()
      },
      () => (stack.length <= 1 ? 'cannot navigate back at first page' : undefined),
    )
  }

  // 4. The app itself.
  require(path.join(DIST, 'app.js'))
  if (!appOptions) throw new Error('dist/weapp/app.js did not call App()')
  const launchOptions = { path: HOME, query: {}, scene: 1001, referrerInfo: {} }
  appOptions.onLaunch?.call(appOptions, launchOptions)
  appOptions.onShow?.call(appOptions, launchOptions)

  // The services module runs when the first page that uses it loads, not with app.js.
  const mock = () => {
    if (!g.__yibaoMock) throw new Error('globalThis.__yibaoMock is not there yet: launch() a page first')
    return g.__yibaoMock
  }

  // ---- queries ----------------------------------------------------------------------------
  /** querySelector that also looks inside Taro's recursive comp components. */
  const deepFind = (root: SimNode, selector: string): SimNode | undefined => {
    const direct = root.querySelector(selector)
    if (direct) return direct
    for (const child of root.querySelectorAll('comp')) {
      const found = deepFind(child, selector)
      if (found) return found
    }
    return undefined
  }
  const findNodeData = (tree: any, id: string): any => {
    if (!tree || typeof tree !== 'object') return undefined
    if (tree.uid === id || tree.id === id) return tree
    for (const value of Object.values(tree)) {
      if (value && typeof value === 'object') {
        const found = findNodeData(value, id)
        if (found) return found
      }
    }
    return undefined
  }

  /** Taro shortens props to p0, p1... per component: read the names back from base.wxml. */
  const propNames = new Map<string, Record<string, string>>()
  const tags = new Map<string, string>()
  {
    const base = fs.readFileSync(path.join(DIST, 'base.wxml'), 'utf8')
    const templateRe = /<template name="tmpl_0_(\d+)(?:_[a-z]+)?">\s*<([a-z-]+)\s([^>]*)>/g
    for (let m = templateRe.exec(base); m; m = templateRe.exec(base)) {
      const names = propNames.get(m[1]) ?? {}
      const attrRe = /([a-zA-Z-]+)="\{\{[^"]*?\bi\.(p\d+)\b/g
      for (let a = attrRe.exec(m[3]); a; a = attrRe.exec(m[3])) {
        names[a[2]] = a[1].replace(/-([a-z])/g, (_x, c: string) => c.toUpperCase())
      }
      propNames.set(m[1], names)
      tags.set(m[1], m[2])
    }
  }
  const decode = (node: any): Record<string, any> => {
    const names = propNames.get(String(node.nn)) ?? {}
    const out: Record<string, any> = {}
    for (const [key, value] of Object.entries(node)) out[names[key] ?? key] = value
    return out
  }
  const dataText = (node: any): string => {
    if (!node || typeof node !== 'object') return ''
    return `${typeof node.v === 'string' ? node.v : ''}${(node.cn ?? []).map(dataText).join('')}`
  }
  const findByClass = (tree: any, className: string): any => {
    if (!tree || typeof tree !== 'object') return undefined
    if (typeof tree.cl === 'string' && tree.cl.split(/\s+/).includes(className)) return tree
    for (const value of Object.values(tree)) {
      if (value && typeof value === 'object') {
        const found = findByClass(value, className)
        if (found) return found
      }
    }
    return undefined
  }

  const settle = async () => {
    for (let i = 0; i < 5; i++) await sleep(0)
  }

  let realNow: (() => number) | undefined
  let clockOffset = 0
  let taps = 0
  let inputs = 0

  const current = () => {
    const entry = top()
    if (!entry) throw new Error('no page is open: call launch() first')
    return entry
  }
  const text = () => (current().node.dom.textContent ?? '').replace(/\s+/g, ' ').trim()

  const harness: Harness = {
    simulate,
    get mock() {
      return mock()
    },
    storage,
    modals,
    phoneCalls,
    paymentRequests,
    routerLog,
    toasts,
    get taps() {
      return taps
    },
    get inputs() {
      return inputs
    },

    async reset() {
      await routing
      while (stack.length) unmount(stack.pop()!)
      await settle()
      storage.clear()
      modals.length = 0
      modalAnswers.length = 0
      phoneCalls.length = 0
      paymentRequests.length = 0
      paymentAnswers.length = 0
      routerLog.length = 0
      toasts.length = 0
      setDataLog.length = 0
      taps = 0
      inputs = 0
      if (realNow) {
        Date.now = realNow
        realNow = undefined
        clockOffset = 0
      }
      if (g.__yibaoMock) {
        g.__yibaoMock.faults.clear()
        g.__yibaoMock.reset()
      }
    },

    async launch(r = HOME, query = {}) {
      await routing
      while (stack.length) unmount(stack.pop()!)
      // A unique key like the one Taro's own navigation adds, so two launches never share a page path.
      const entry = await mount(r, { ...query, __key_: `launch${++pageSeq}` })
      // The app fetches its backend adapter on first use; tests reach the mock's knobs at once.
      // (A test that makes the download fail sees that failure again on the app's own call.)
      await g.__yibaoLoadAdapter?.().catch(() => undefined)
      await settle()
      return entry
    },

    current,
    stack: () => [...stack],
    route: () => current().route,
    text,
    textOf(selector) {
      const node = deepFind(current().node, selector)
      return node ? (node.dom.textContent ?? '').replace(/\s+/g, ' ').trim() : ''
    },
    exists: (selector) => deepFind(current().node, selector) !== undefined,
    find: (selector) => deepFind(current().node, selector),
    nodeData: (id) => {
      const node = findNodeData(current().node.data, id)
      return node ? decode(node) : undefined
    },
    nodes() {
      const all: Array<Record<string, any>> = []
      const walk = (node: any) => {
        if (!node || typeof node !== 'object') return
        if (node.nn !== undefined) all.push({ ...decode(node), tag: tags.get(String(node.nn)) })
        for (const child of node.cn ?? []) walk(child)
      }
      walk(current().node.data.root ?? current().node.data)
      return all
    },
    textByClass(className, within) {
      const root = within ? findNodeData(current().node.data, within) : current().node.data
      return dataText(findByClass(root, className)).trim()
    },

    async tap(selector) {
      const node = deepFind(current().node, selector)
      if (!node) throw new Error(`tap: no ${selector} on ${current().route}; page text: ${text()}`)
      taps += 1
      node.dispatchEvent('tap')
      await settle()
    },

    async back() {
      await new Promise<void>((resolve, reject) => wx.navigateBack({ delta: 1, success: () => resolve(), fail: reject }))
      await settle()
    },

    async input(selector, value) {
      const node = deepFind(current().node, selector)
      if (!node) throw new Error(`input: no ${selector} on ${current().route}; page text: ${text()}`)
      inputs += 1
      node.dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } })
      await settle()
    },

    settle,

    async waitFor(what, timeoutMs = 8000, label) {
      const check = typeof what === 'string' ? () => stack.length > 0 && deepFind(current().node, what) !== undefined : what
      const deadline = (realNow ?? Date.now)() + timeoutMs
      const nowReal = () => (realNow ? realNow() : Date.now())
      for (;;) {
        let ok = false
        try {
          ok = check()
        } catch {
          ok = false
        }
        if (ok) return
        if (nowReal() > deadline) {
          const where = stack.length ? `${current().route}: ${text()}` : '(no page)'
          throw new Error(`waitFor(${label ?? (typeof what === 'string' ? what : 'predicate')}) timed out after ${timeoutMs} ms on ${where}`)
        }
        await sleep(20)
      }
    },

    answerModal(...answers) {
      modalAnswers.push(...answers)
    },
    answerPayment(result) {
      paymentAnswers.push(result)
    },

    async fastForward(ms, until, stepMs = 250) {
      const realTimeout = globalThis.setTimeout
      const realTurn = () => new Promise<void>((resolve) => realTimeout(resolve, 1))
      jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'performance', 'hrtime', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback'], now: Date.now() })
      let elapsed = 0
      try {
        while (elapsed < ms) {
          await jest.advanceTimersByTimeAsync(stepMs)
          elapsed += stepMs
          // Let what runs on real timers (React's scheduler, simulate's events) catch up.
          for (let i = 0; i < 5; i++) await realTurn()
          if (until?.()) break
        }
      } finally {
        jest.useRealTimers()
      }
      await settle()
      return elapsed
    },

    advanceClock(ms) {
      if (!realNow) {
        const original = Date.now
        realNow = original
        Date.now = () => original() + clockOffset
      }
      clockOffset += ms
    },

    setClock(at) {
      this.advanceClock(at - Date.now())
    },

    resetCounters() {
      taps = 0
      inputs = 0
      setDataLog.length = 0
    },
    setData() {
      return { calls: setDataLog.length, bytes: setDataLog.reduce((t, c) => t + c.bytes, 0), log: [...setDataLog] }
    },
    async measure(action) {
      const from = setDataLog.length
      await action()
      await settle()
      const log = setDataLog.slice(from)
      return { calls: log.length, bytes: log.reduce((t, c) => t + c.bytes, 0), log }
    },
  }
  booted = harness
  return harness
}

/** The demo people the tests use (src/services/mock/registry.ts). */
/** Demo people the journeys use, from the mock's registry (the one table of them). */
/** A demo person as the registry has them (the one table of demo people): what is typed, and the masked name shown. */
export function registryPerson(id: string) {
  const p = findPersonById(id)
  if (!p) throw new Error(`no demo person ${id}`)
  return { id, name: p.name, masked: maskName(p.name), idNumber: p.idNumber, idType: p.idType }
}

function demoPerson(id: string) {
  const { name, masked, idNumber } = registryPerson(id)
  return { name, masked, id: idNumber }
}

export const PEOPLE = {
  self: demoPerson('p01'),
  paid: demoPerson('p02'),
  unregistered: demoPerson('p04'),
  employee: demoPerson('p05'),
  poor: demoPerson('p10'),
  late: demoPerson('p11'),
}

/** Orders the app created for one demo person (seeded history excluded). */
export function appOrdersOf(h: Harness, personId: string): Array<Record<string, any>> {
  return h.mock.inspect.orders().filter((o: any) => o.personId === personId && !String(o.idempotencyKey).startsWith('seed_'))
}

/** 代他人缴费 from home up to the lookup: fills the form and taps 查询. */
/**
 * The first ID entry asks for consent to the privacy notice: WeChat's agree button fires
 * `agreeprivacyauthorization`, not a tap. Counts as the tap it is.
 */
export async function agreeToPrivacy(h: Harness): Promise<void> {
  await h.waitFor(() => h.exists('#privacy-agree') || h.exists('#lookup'), 8000, 'consent or form')
  const agree = h.find('#privacy-agree')
  if (!agree) return
  agree.dispatchEvent('agreeprivacyauthorization')
  await h.settle()
  await h.waitFor('#lookup')
}

/** Home → 代他人缴费 → (consent) → the empty form. */
export async function openProxyForm(h: Harness): Promise<void> {
  await h.launch()
  await h.waitFor('#entry-other')
  await h.tap('#entry-other')
  await agreeToPrivacy(h)
}

export async function lookupOther(h: Harness, name: string, idNumber: string): Promise<void> {
  await openProxyForm(h)
  await h.input('#name', name)
  await h.input('#idNumber', idNumber)
  await h.tap('#lookup')
}

/** From a looked-up payer (payer page with a result) through items to the confirm page. */
export async function toConfirm(h: Harness): Promise<void> {
  if (h.route() === 'pages/payer/index') {
    // Self: 下一步 on the payer card; other: a successful 查询 moves on by itself.
    await h.waitFor(() => h.route() === 'pages/items/index' || h.exists('#next'), 8000, 'payer ready')
    if (h.route() === 'pages/payer/index') await h.tap('#next')
  }
  await h.waitFor(() => h.route() === 'pages/items/index' && h.exists('#next'), 8000, 'items page')
  await h.tap('#next')
  await h.waitFor(() => h.route() === 'pages/confirm/index' && h.exists('#confirm-pay'), 8000, 'confirm page')
}

/** Title of the error panel on the current page ('' when there is none). */
export function errorTitle(h: Harness): string {
  return h.exists('#error-panel') ? h.textByClass('error-panel__title', 'error-panel') : ''
}

// ---- wx APIs beyond the journey's (receipt image, settings, subscriptions, system font) ------

/** One call to a wx API that installWxExtras() mocks, as the app made it (callbacks left out). */
export interface WxCall {
  api: string
  options: any
}

export interface WxExtras {
  /** Calls to createOffscreenCanvas, canvasToTempFilePath, saveImageToPhotosAlbum, openSetting, requestSubscribeMessage, stopPullDownRefresh, setNavigationBarTitle. */
  readonly calls: WxCall[]
  count(api: string): number
  /** Next saveImageToPhotosAlbum results, a queue: 'ok' or the errMsg of a failure ('saveImageToPhotosAlbum:fail auth deny'). Default 'ok'. */
  answerSaveImage(...results: string[]): void
  /** Next requestSubscribeMessage answers (per template), a queue; 'fail' makes the call itself fail. Default 'accept'. */
  answerSubscribe(...answers: Array<'accept' | 'reject' | 'ban' | 'fail'>): void
  /** WeChat's 字体大小 as getAppBaseInfo().fontSizeSetting reports it (17 is standard); undefined leaves the field out. */
  fontSizeSetting: number | undefined
  /** Every string drawn with fillText on an offscreen canvas (the saved receipt image). */
  readonly drawnText: string[]
  /** Titles passed to wx.setNavigationBarTitle. */
  readonly navigationBarTitles: string[]
  /** Forgets calls, drawn text and queued answers; the font size goes back to unset. */
  reset(): void
}

let wxExtras: WxExtras | undefined

/**
 * Replaces the wx APIs above with recording mocks (once per test file, after bootApp()). Taro's
 * wrappers look wx.<api> up at call time, so replacing them after start-up is enough; nothing
 * changes for tests that do not call this.
 */
export function installWxExtras(): WxExtras {
  if (wxExtras) return wxExtras
  const wx = (globalThis as any).wx
  if (!wx) throw new Error('installWxExtras: call bootApp() first')
  const calls: WxCall[] = []
  const saveAnswers: string[] = []
  const subscribeAnswers: Array<'accept' | 'reject' | 'ban' | 'fail'> = []
  const drawnText: string[] = []
  const navigationBarTitles: string[] = []
  const strip = (o: any) => {
    if (!o || typeof o !== 'object') return o
    const { success: _s, fail: _f, complete: _c, canvas: _canvas, ...rest } = o
    return JSON.parse(JSON.stringify(rest))
  }
  const record = (api: string, o: any) => calls.push({ api, options: strip(o) })
  const finish = (o: any, ok: boolean, result: Record<string, unknown>) => {
    if (o && (o.success || o.fail || o.complete)) {
      setTimeout(() => {
        if (ok) o.success?.(result)
        else o.fail?.(result)
        o.complete?.(result)
      }, 0)
      return undefined
    }
    return new Promise((resolve, reject) => setTimeout(() => (ok ? resolve(result) : reject(result)), 0))
  }
  const fakeContext = () => {
    const state: Record<string, unknown> = {}
    return new Proxy(state, {
      get(target, key: string) {
        if (key === 'fillText' || key === 'strokeText') return (text: unknown) => void drawnText.push(String(text))
        if (key === 'measureText') return (text: unknown) => ({ width: String(text).length * 14 })
        if (key in target) return target[key]
        return () => undefined
      },
      set(target, key: string, value) {
        target[key] = value
        return true
      },
    })
  }

  wx.createOffscreenCanvas = (o: any) => {
    record('createOffscreenCanvas', o)
    return { width: o?.width ?? 300, height: o?.height ?? 150, getContext: () => fakeContext() }
  }
  wx.canvasToTempFilePath = (o: any) => {
    record('canvasToTempFilePath', o)
    return finish(o, true, { errMsg: 'canvasToTempFilePath:ok', tempFilePath: 'wxfile://tmp/receipt.png' })
  }
  wx.saveImageToPhotosAlbum = (o: any) => {
    record('saveImageToPhotosAlbum', o)
    const answer = saveAnswers.shift() ?? 'ok'
    return answer === 'ok' ? finish(o, true, { errMsg: 'saveImageToPhotosAlbum:ok' }) : finish(o, false, { errMsg: answer })
  }
  wx.openSetting = (o: any) => {
    record('openSetting', o)
    return finish(o, true, { errMsg: 'openSetting:ok', authSetting: { 'scope.writePhotosAlbum': true } })
  }
  wx.requestSubscribeMessage = (o: any) => {
    record('requestSubscribeMessage', o)
    const answer = subscribeAnswers.shift() ?? 'accept'
    if (answer === 'fail') return finish(o, false, { errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.', errCode: 10004 })
    const perTemplate = Object.fromEntries(((o?.tmplIds ?? []) as string[]).map((id) => [id, answer]))
    return finish(o, true, { errMsg: 'requestSubscribeMessage:ok', ...perTemplate })
  }
  wx.stopPullDownRefresh = (o: any) => {
    record('stopPullDownRefresh', o)
    return finish(o, true, { errMsg: 'stopPullDownRefresh:ok' })
  }
  const baseInfo = wx.getAppBaseInfo
  wx.getAppBaseInfo = () => {
    const info = { ...baseInfo() }
    if (extras.fontSizeSetting !== undefined) info.fontSizeSetting = extras.fontSizeSetting
    return info
  }
  const setTitle = wx.setNavigationBarTitle
  wx.setNavigationBarTitle = (o: any) => {
    record('setNavigationBarTitle', o)
    navigationBarTitles.push(String(o?.title))
    return setTitle(o)
  }

  const extras: WxExtras = {
    calls,
    count: (api) => calls.filter((c) => c.api === api).length,
    answerSaveImage: (...results) => void saveAnswers.push(...results),
    answerSubscribe: (...answers) => void subscribeAnswers.push(...answers),
    fontSizeSetting: undefined,
    drawnText,
    navigationBarTitles,
    reset() {
      calls.length = 0
      saveAnswers.length = 0
      subscribeAnswers.length = 0
      drawnText.length = 0
      navigationBarTitles.length = 0
      extras.fontSizeSetting = undefined
    },
  }
  wxExtras = extras
  return extras
}

/** The class of the current page's root view (Screen: 'page home', plus 'care' in 关怀模式), from Taro's data tree. */
export function pageRootClass(h: Harness): string {
  const find = (tree: any): string | undefined => {
    if (!tree || typeof tree !== 'object') return undefined
    if (typeof tree.cl === 'string' && tree.cl.split(/\s+/).includes('page')) return tree.cl
    for (const value of Object.values(tree)) {
      const found = value && typeof value === 'object' ? find(value) : undefined
      if (found !== undefined) return found
    }
    return undefined
  }
  return find(h.current().node.data) ?? ''
}

/**
 * Waits for `done` while the app's own timers (the mock's 350 ms latency, retry and poll delays)
 * run on a fake clock, so a whole journey takes a fraction of its real time; then checks it with
 * plain waitFor (throws with the page text when it never holds). `done` must hold on two steps in
 * a row: what the app queued on the fake clock as it became true (a React render, Taro's setData
 * flush) runs before the real timers come back, instead of being dropped with the fake ones.
 * `onStep` runs at every step (e.g. to note what the page shows on the way).
 */
export async function runUntil(h: Harness, done: () => boolean, label: string, options: { maxMs?: number; onStep?: () => void } = {}): Promise<void> {
  const check = () => {
    options.onStep?.()
    return h.stack().length > 0 && done()
  }
  let held = 0
  await h.fastForward(options.maxMs ?? 20_000, () => (check() ? ++held >= 2 : (held = 0) > 0), 100)
  await h.waitFor(check, 3000, label)
}

/**
 * A cold start (a reload, or WeChat closing the app and opening it again): every page of `h` is
 * unloaded, then a second copy of the app boots in a fresh module registry with a fresh wx (none of
 * the first copy's memory or webpack chunks), the phone's storage carried over. `h` is done with
 * afterwards: a test file does this last.
 */
export async function coldRestart(h: Harness): Promise<Harness> {
  const carried = new Map(h.storage)
  await h.reset()
  delete (globalThis as any).wx
  // Not isolateModules: simulate requires each page's js later, and that must run in the new registry too.
  jest.resetModules()
  const second = (require('./harness') as typeof import('./harness')).bootApp()
  for (const [key, value] of carried) second.storage.set(key, value)
  return second
}

/** From the items page through 确认缴费 and the cashier to the result page. Returns the voucher number. */
async function payFromItemsToResult(h: Harness): Promise<string> {
  await h.tap('#next')
  await runUntil(h, () => h.route() === 'pages/confirm/index' && h.exists('#confirm-pay'), 'confirm page')
  await h.tap('#confirm-pay')
  await runUntil(h, () => h.route() === 'pages/result/index' && h.exists('#voucher-no'), 'result page')
  return h.textOf('#voucher-no').replace('电子税票号码', '').trim()
}

/** Self pay from home to the result page (本人缴费 → 下一步 → 下一步 → 确认缴费 → 确认支付). Returns the voucher number. */
export async function paySelfToResult(h: Harness): Promise<string> {
  await h.launch()
  await h.waitFor('#entry-self')
  await h.tap('#entry-self')
  await runUntil(h, () => h.exists('#next'), 'self payer')
  await h.tap('#next')
  await runUntil(h, () => h.route() === 'pages/items/index' && h.exists('#next'), 'items page')
  return payFromItemsToResult(h)
}

/** 代他人缴费 by name and number (and 证件类型, default 居民身份证) from home to the result page. Returns the voucher number. */
export async function payOtherToResult(h: Harness, name: string, idNumber: string, idType = 'resident_id'): Promise<string> {
  await openProxyForm(h)
  await h.tap('#id-type')
  await h.tap(`#id-type-${idType}`)
  await h.input('#name', name)
  await h.input('#idNumber', idNumber)
  await h.tap('#lookup')
  await runUntil(h, () => h.route() === 'pages/items/index' && h.exists('#next'), 'items page')
  return payFromItemsToResult(h)
}

/**
 * Consent on a page whose form is not the 查询 one (常用缴费人: #family-add): like agreeToPrivacy,
 * but waits for the given submit button. Does nothing when consent was given already.
 */
export async function agreeToPrivacyFor(h: Harness, submitSelector: string): Promise<void> {
  await h.waitFor(() => h.exists('#privacy-agree') || h.exists(submitSelector), 8000, 'consent or form')
  const agree = h.find('#privacy-agree')
  if (!agree) return
  agree.dispatchEvent('agreeprivacyauthorization')
  await h.settle()
  await h.waitFor(submitSelector)
}
