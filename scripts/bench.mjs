// `npm run bench`: builds the app and a bare one-page Taro app (bench/bare/src, same config) for
// weapp and H5 in one run, measures them side by side, prints a table with the budgets, and
// writes the same figures to bench/out/bench.json. Exit code 0 when the budgets fail (each is
// printed ✔/✘ with its figure); non-zero only when something could not be measured.
//
//   node scripts/bench.mjs [--no-build] [--runs=3] [--skip=lighthouse,h5,walk,bare-lighthouse]
//
// --no-build reuses the outputs of the last run (bench/out/app, bench/out/bare). Sizes and setData
// bytes are deterministic; Lighthouse performance is not (median of --runs runs).
/* global Buffer, document, window, getComputedStyle */
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { CHROMIUM, CHROMIUM_ARGS, launchPhone } from './phoneBrowser.mjs'
import { serveStatic } from './staticServer.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const OUT = join(ROOT, 'bench/out')
const STATS_HOOK = join(ROOT, 'bench/webpackStats.cjs')
const KB = 1024

const argv = process.argv.slice(2)
const opt = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const NO_BUILD = argv.includes('--no-build')
const RUNS = Math.max(1, Number(opt('runs') ?? 3))
const SKIP = new Set((opt('skip') ?? '').split(',').filter(Boolean))

/** The flow pages that belong in the main package; everything else is a subpackage. */
const FLOW_PAGES = ['pages/home/index', 'pages/payer/index', 'pages/items/index', 'pages/confirm/index', 'pages/pay/index', 'pages/result/index']

const BUDGET = {
  mainOverBare: 1.4,
  firstRenderBytes: 16 * KB,
  interactionBytes: 4 * KB,
  nodes: 400,
  depth: 30,
  h5JsOverBare: 1.5,
  accessibility: 100,
  bestPractices: 100,
  performance: 90,
  selfPayTaps: 5,
  boardRowTaps: 4,
  familyOfFourTaps: 4,
}

const CURRENT = '.taro_page_stationed:not(.taro_page_shade)'

const started = Date.now()
const since = (t) => ((Date.now() - t) / 1000).toFixed(1)
const log = (line) => process.stderr.write(`[bench ${since(started).padStart(5)} s] ${line}\n`)
const kb = (bytes, digits = 1) => (bytes == null ? '–' : (bytes / KB).toFixed(digits))
const gz = (buf) => gzipSync(buf, { level: 9 }).length
const median = (xs) => {
  const s = [...xs].filter((x) => x != null).sort((a, b) => a - b)
  if (s.length === 0) return null
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

const result = {
  startedAt: new Date(started).toISOString(),
  environment: {},
  notes: [],
  builds: {},
  weapp: {},
  walk: null,
  h5: null,
  lighthouse: null,
  taps: null,
  budgets: [],
  problems: [],
}

// ---- helpers ------------------------------------------------------------------------------

function run(cmd, args, { env = {}, logFile, cwd = ROOT } = {}) {
  return new Promise((ok) => {
    const t = Date.now()
    const child = spawn(cmd, args, { cwd, env: { ...process.env, FORCE_COLOR: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    const chunks = []
    child.stdout.on('data', (d) => chunks.push(d))
    child.stderr.on('data', (d) => chunks.push(d))
    child.on('close', (code) => {
      const output = Buffer.concat(chunks).toString('utf8')
      if (logFile) {
        mkdirSync(dirname(logFile), { recursive: true })
        writeFileSync(logFile, output)
      }
      ok({ code, output, seconds: Number(since(t)) })
    })
  })
}

function listFiles(dir) {
  const files = []
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isDirectory()) walk(p)
      else files.push({ rel: relative(dir, p).split('\\').join('/'), abs: p, size: statSync(p).size })
    }
  }
  walk(dir)
  return files.sort((a, b) => a.rel.localeCompare(b.rel))
}

function sizeOf(files) {
  let raw = 0
  let gzip = 0
  for (const f of files) {
    raw += f.size
    gzip += gz(readFileSync(f.abs))
  }
  return { files: files.length, raw, gzip }
}

function table(headers, rows, align = []) {
  const cells = [headers, ...rows].map((r) => r.map((c) => (c == null ? '' : String(c))))
  const width = (s) => [...s].reduce((w, ch) => w + (/[\u2E80-\uFFFF]/.test(ch) && !/[✔✘–×]/.test(ch) ? 2 : 1), 0)
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))))
  const pad = (s, i) => {
    const fill = ' '.repeat(widths[i] - width(s))
    return align[i] === 'l' || (align[i] == null && i === 0) ? s + fill : fill + s
  }
  const lines = cells.map((r) => r.map(pad).join('  ').trimEnd())
  lines.splice(1, 0, widths.map((w) => '─'.repeat(w)).join('  '))
  return lines.map((l) => `  ${l}`).join('\n')
}

function snapshot(from, to) {
  rmSync(to, { recursive: true, force: true })
  mkdirSync(dirname(to), { recursive: true })
  cpSync(from, to, { recursive: true })
}

// ---- 0. builds ----------------------------------------------------------------------------

const APP = { weapp: join(OUT, 'app/weapp'), h5: join(OUT, 'app/h5') }
const BARE = { weapp: join(OUT, 'bare/weapp'), h5: join(OUT, 'bare/h5') }
const STATS = (name) => join(OUT, `stats/${name}.json`)

async function build(name, type, bare) {
  const env = {
    CI: 'true', // clean builds: no webpack cache shared between the app and the bare app
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${STATS_HOOK}`.trim(),
    BENCH_STATS_FILE: STATS(name),
    YIBAO_BENCH_BARE: bare ? '1' : '',
  }
  rmSync(STATS(name), { force: true })
  const logFile = join(OUT, `logs/build-${name}.log`)
  const r = bare
    ? await run(join(ROOT, 'node_modules/.bin/taro'), ['build', '--type', type], { env, logFile })
    : await run('npm', ['run', `build:${type}`], { env, logFile })
  const ok = r.code === 0 && !/Failed to compile|ERROR in /i.test(r.output)
  result.builds[name] = { command: bare ? `YIBAO_BENCH_BARE=1 taro build --type ${type}` : `npm run build:${type}`, seconds: r.seconds, ok, log: relative(ROOT, logFile) }
  log(`build ${name}: ${ok ? 'ok' : 'FAILED'} in ${r.seconds} s`)
  if (!ok) throw new Error(`build ${name} failed; see ${logFile}:\n${r.output.split('\n').slice(-25).join('\n')}`)
  if (!bare) {
    // Others may rebuild dist/ while this runs: measure a copy made right after our build.
    snapshot(join(ROOT, `dist/${type}`), APP[type])
  }
}

async function buildAll() {
  if (NO_BUILD) {
    for (const d of [APP.weapp, APP.h5, BARE.weapp, BARE.h5]) if (!existsSync(d)) throw new Error(`--no-build: ${d} is missing; run without --no-build first`)
    result.notes.push('--no-build: outputs of an earlier run were measured')
    return
  }
  await build('app-weapp', 'weapp', false)
  await build('bare-weapp', 'weapp', true)
  await build('app-h5', 'h5', false)
  await build('bare-h5', 'h5', true)
}

// ---- 1. weapp package sizes and what is in the main package ------------------------------

function packagesOf(dir) {
  const appJson = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8'))
  const subs = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => ({ root: s.root.replace(/\/+$/, ''), pages: s.pages.map((p) => `${s.root.replace(/\/+$/, '')}/${p}`) }))
  return { appJson, subs }
}

function weappSizes() {
  const { appJson, subs } = packagesOf(APP.weapp)
  const files = listFiles(APP.weapp)
  const inSub = (rel) => subs.find((s) => rel === s.root || rel.startsWith(`${s.root}/`))
  const main = files.filter((f) => !inSub(f.rel))
  const out = {
    gzipNote: 'gzip = sum of each file gzipped on its own (level 9)',
    main: sizeOf(main),
    subpackages: subs.map((s) => ({ root: s.root, ...sizeOf(files.filter((f) => inSub(f.rel) === s)) })),
    all: sizeOf(files),
    bare: sizeOf(listFiles(BARE.weapp)),
    mainPages: appJson.pages,
  }
  out.ratio = { raw: out.main.raw / out.bare.raw, gzip: out.main.gzip / out.bare.gzip }
  out.mainFiles = main.map((f) => ({ file: f.rel, raw: f.size }))
  return out
}

let acorn
async function moduleSizesInChunk(file) {
  acorn ??= await import('acorn')
  const src = readFileSync(file, 'utf8')
  const ast = acorn.parse(src, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true })
  const sizes = new Map()
  const stack = [ast]
  while (stack.length) {
    const node = stack.pop()
    if (!node || typeof node.type !== 'string') continue
    if (
      node.type === 'ObjectExpression' &&
      node.properties.length > 0 &&
      node.properties.every((p) => p.type === 'Property' && ((p.key.type === 'Literal' && typeof p.key.value === 'number') || (p.key.type === 'Identifier' && /^\d+$/.test(p.key.name)) || (p.key.type === 'Literal' && /^\d+$/.test(String(p.key.value)))) && /Function/.test(p.value.type))
    ) {
      for (const p of node.properties) {
        const id = String(p.key.type === 'Literal' ? p.key.value : p.key.name)
        sizes.set(id, (sizes.get(id) ?? 0) + Buffer.byteLength(src.slice(p.start, p.end), 'utf8'))
      }
      continue
    }
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'start' || key === 'end') continue
      const v = node[key]
      if (Array.isArray(v)) for (const x of v) stack.push(x)
      else if (v && typeof v === 'object' && typeof v.type === 'string') stack.push(v)
    }
  }
  return { total: Buffer.byteLength(src, 'utf8'), sizes }
}

/** 'zod', '@tarojs/runtime', 'src/services/mock/mockBackend.ts', … for a webpack module name. */
function groupOf(name) {
  let n = String(name).replace(/ \+ \d+ modules?$/, '')
  if (n.startsWith('css ')) return '(css stubs)'
  if (n.startsWith('webpack/runtime')) return '(webpack runtime)'
  const bang = n.lastIndexOf('!')
  if (bang >= 0) n = n.slice(bang + 1)
  n = n.replace(/\?.*$/, '')
  const pkgs = [...n.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)]
  if (pkgs.length) return pkgs[pkgs.length - 1][1]
  return n.replace(/^\.\//, '')
}

/**
 * Minified bytes per source group in the given output files (JS parsed into webpack modules;
 * a scope-hoisted module is split over its parts by their source sizes). Other files count
 * under their own name.
 */
async function composition(dir, files, stats) {
  const byId = new Map(stats.modules.filter((m) => m.id != null).map((m) => [String(m.id), m]))
  const groups = new Map()
  const add = (g, bytes, file) => {
    const e = groups.get(g) ?? { bytes: 0, files: new Set() }
    e.bytes += bytes
    e.files.add(file)
    groups.set(g, e)
  }
  for (const rel of files) {
    const abs = join(dir, rel)
    if (!rel.endsWith('.js')) {
      const kind = /^(pages|packages)\//.test(rel) ? `(page ${rel.split('.').pop()} files)` : rel
      add(kind, statSync(abs).size, rel)
      continue
    }
    let parsed
    try {
      parsed = await moduleSizesInChunk(abs)
    } catch (error) {
      add(`(unparsed) ${rel}`, statSync(abs).size, rel)
      result.notes.push(`could not parse ${rel}: ${error.message}`)
      continue
    }
    let counted = 0
    for (const [id, bytes] of parsed.sizes) {
      counted += bytes
      const m = byId.get(id)
      if (!m) {
        add('(unknown module)', bytes, rel)
        continue
      }
      const inner = (m.inner ?? []).filter((i) => i.size > 0)
      const total = inner.reduce((t, i) => t + i.size, 0)
      if (inner.length && total > 0) {
        for (const i of inner) add(groupOf(i.name), (bytes * i.size) / total, rel)
      } else add(groupOf(m.name), bytes, rel)
    }
    add('(chunk wrappers, webpack runtime)', parsed.total - counted, rel)
  }
  return groups
}

/** Modules in main-package chunks that no main entry reaches: subpackage code that leaked. */
function subpackageCodeInMain(stats, mainChunkIds, subRoots, sourceRoot) {
  const resourceOf = (name) => {
    let n = String(name).replace(/ \+ \d+ modules?$/, '')
    const bang = n.lastIndexOf('!')
    if (bang >= 0) n = n.slice(bang + 1)
    return n.replace(/\?.*$/, '').replace(/^\.\//, '')
  }
  const isSubpackageSource = (name) => subRoots.some((r) => resourceOf(name).startsWith(`${sourceRoot}/${r}/`))
  const edges = new Map()
  const link = (a, b) => {
    if (!edges.has(a)) edges.set(a, new Set())
    edges.get(a).add(b)
  }
  const innerNames = new Set()
  for (const m of stats.modules) {
    for (const i of m.issuers) link(i, m.name)
    for (const inner of m.inner ?? []) {
      innerNames.add(inner.name)
      link(m.name, inner.name)
      link(inner.name, m.name)
      for (const i of inner.issuers) link(i, inner.name)
    }
  }
  const roots = stats.modules.filter((m) => m.issuers.length === 0 && !innerNames.has(m.name) && !isSubpackageSource(m.name)).map((m) => m.name)
  const reached = new Set(roots)
  const queue = [...roots]
  while (queue.length) {
    const n = queue.pop()
    for (const next of edges.get(n) ?? []) {
      if (!reached.has(next)) {
        reached.add(next)
        queue.push(next)
      }
    }
  }
  return stats.modules
    .filter((m) => !innerNames.has(m.name) && m.chunks.some((c) => mainChunkIds.has(c)) && !reached.has(m.name))
    .map((m) => ({ module: m.name, size: m.size, chunks: m.chunks }))
}

async function weappComposition(sizes) {
  const appStats = JSON.parse(readFileSync(STATS('app-weapp'), 'utf8'))
  const bareStats = JSON.parse(readFileSync(STATS('bare-weapp'), 'utf8'))
  const { subs } = packagesOf(APP.weapp)
  const mainFiles = sizes.mainFiles.map((f) => f.file)
  const app = await composition(APP.weapp, mainFiles, appStats)
  const bare = await composition(BARE.weapp, listFiles(BARE.weapp).map((f) => f.rel), bareStats)
  const delta = [...new Set([...app.keys(), ...bare.keys()])]
    .map((g) => ({ group: g, app: Math.round(app.get(g)?.bytes ?? 0), bare: Math.round(bare.get(g)?.bytes ?? 0), files: [...(app.get(g)?.files ?? [])] }))
    .map((r) => ({ ...r, delta: r.app - r.bare }))
    .sort((a, b) => b.delta - a.delta)
  const isMainFile = (f) => !subs.some((s) => f === s.root || f.startsWith(`${s.root}/`))
  const mainChunkIds = new Set(appStats.chunks.filter((c) => c.files.some((f) => f.endsWith('.js') && isMainFile(f))).map((c) => c.id))
  const leaks = subpackageCodeInMain(appStats, mainChunkIds, subs.map((s) => s.root), 'src')
  const pagesOk = sizes.mainPages.length === FLOW_PAGES.length && FLOW_PAGES.every((p) => sizes.mainPages.includes(p))
  const srcInMain = delta.filter((r) => r.group.startsWith('src/')).reduce((t, r) => t + r.app, 0)
  return { additionsOverBare: delta.filter((r) => r.delta > 0), removedVsBare: delta.filter((r) => r.delta < 0), subpackageCodeInMain: leaks, mainPagesAreFlowPages: pagesOk, appSourceInMain: srcInMain }
}

// ---- 2, 3, 6. the tier-2 walk --------------------------------------------------------------

async function weappWalk() {
  const outFile = join(OUT, 'weapp-walk.json')
  rmSync(outFile, { force: true })
  const logFile = join(OUT, 'logs/weapp-walk.log')
  const r = await run(process.execPath, [join(ROOT, 'node_modules/jest/bin/jest.js'), '-c', 'bench/jest.config.js', '--runInBand', '--ci'], {
    env: { WEAPP_DIST: APP.weapp, BENCH_WALK_OUT: outFile },
    logFile,
  })
  log(`weapp walk: ${r.code === 0 ? 'ok' : 'FAILED'} in ${r.seconds} s`)
  if (!existsSync(outFile)) throw new Error(`the weapp walk wrote no ${outFile}; see ${logFile}:\n${r.output.split('\n').slice(-30).join('\n')}`)
  const walk = JSON.parse(readFileSync(outFile, 'utf8'))
  walk.passed = r.code === 0
  if (r.code !== 0) result.problems.push(`the weapp walk failed (see ${relative(ROOT, logFile)}); figures are from what it recorded`)
  return walk
}

// ---- 4. H5 first load ---------------------------------------------------------------------

async function launchBrowser(profile) {
  const context = await launchPhone(profile)
  context.setDefaultTimeout(20_000)
  const page = context.pages()[0] ?? (await context.newPage())
  return { context, page }
}

/** True once exactly one Taro page is current and nothing slides. */
function settledInPage() {
  const pages = [...document.querySelectorAll('.taro_page')]
  const live = pages.filter((p) => p.classList.contains('taro_page_stationed') && !p.classList.contains('taro_page_shade'))
  if (live.length !== 1) return false
  return pages.every((p) => getComputedStyle(p).display === 'none' || Math.abs(p.getBoundingClientRect().x) < 0.5)
}

async function firstLoad(root, route, ready) {
  const server = await serveStatic(root)
  const profile = mkdtempSync(join(tmpdir(), 'yibao-bench-'))
  const { context, page } = await launchBrowser(profile)
  try {
    const responses = []
    page.on('response', (r) => responses.push(r))
    await page.goto(`${server.url}#${route}`)
    await page.waitForFunction(settledInPage, null, { polling: 50 })
    await page.waitForSelector(`${CURRENT} ${ready}`)
    await page.waitForLoadState('networkidle')
    const resources = []
    for (const r of responses) {
      const type = r.request().resourceType()
      if (type !== 'script' && type !== 'stylesheet') continue
      if (r.status() !== 200) continue
      const body = await r.body()
      resources.push({ url: new URL(r.url()).pathname.replace(/^\//, ''), type: type === 'script' ? 'js' : 'css', raw: body.length, gzip: gz(body) })
    }
    const sum = (t) => resources.filter((x) => x.type === t).reduce((a, x) => ({ raw: a.raw + x.raw, gzip: a.gzip + x.gzip, requests: a.requests + 1 }), { raw: 0, gzip: 0, requests: 0 })
    return { route, js: sum('js'), css: sum('css'), resources }
  } finally {
    await context.close().catch(() => undefined)
    await server.close()
    rmSync(profile, { recursive: true, force: true })
  }
}

async function h5FirstLoad() {
  const app = await firstLoad(APP.h5, '/pages/home/index', '#entry-self')
  const bare = await firstLoad(BARE.h5, '/pages/index/index', 'taro-button-core, button, taro-view-core')
  const out = { note: 'JS/CSS responses until the home page is shown and the network is idle; gzip = each response body gzipped (level 9)', app, bare }
  out.ratio = { jsGzip: app.js.gzip / bare.js.gzip, jsRaw: app.js.raw / bare.js.raw }
  // What the home page's first-load JS is made of, against the bare app's (from the build stats).
  try {
    const appStats = JSON.parse(readFileSync(STATS('app-h5'), 'utf8'))
    const bareStats = JSON.parse(readFileSync(STATS('bare-h5'), 'utf8'))
    const a = await composition(APP.h5, app.resources.filter((r) => r.type === 'js').map((r) => r.url), appStats)
    const b = await composition(BARE.h5, bare.resources.filter((r) => r.type === 'js').map((r) => r.url), bareStats)
    out.additionsOverBare = [...new Set([...a.keys(), ...b.keys()])]
      .map((g) => ({ group: g, app: Math.round(a.get(g)?.bytes ?? 0), bare: Math.round(b.get(g)?.bytes ?? 0) }))
      .map((r) => ({ ...r, delta: r.app - r.bare }))
      .filter((r) => r.delta > 0)
      .sort((x, y) => y.delta - x.delta)
  } catch (error) {
    result.notes.push(`H5 composition not available: ${error.message}`)
  }
  return out
}

// ---- 5. Lighthouse ------------------------------------------------------------------------

const LH_PAGES = [
  { key: 'home', route: '/pages/home/index', ready: '#entry-self' },
  { key: 'payer', route: '/pages/payer/index?mode=self', ready: '#next' },
  { key: 'confirm', route: '/pages/confirm/index', ready: '#confirm-pay', seeded: true },
]
const CATEGORIES = ['performance', 'accessibility', 'best-practices']

/** home → 本人缴费 → 下一步 → 下一步 in a persistent profile, so the journey is in localStorage. */
async function seedConfirmProfile(baseUrl) {
  const profile = mkdtempSync(join(tmpdir(), 'yibao-bench-seed-'))
  const { context, page } = await launchBrowser(profile)
  const tapAndWait = async (selector, nextRoute, nextReady) => {
    const target = page.locator(`${CURRENT} ${selector}`).first()
    await page.waitForFunction(settledInPage, null, { polling: 50 })
    await target.tap()
    await page.waitForFunction(
      (to) => decodeURIComponent(window.location.hash.replace(/^#/, '')).startsWith(to),
      nextRoute,
      { polling: 50 },
    )
    await page.waitForFunction(settledInPage, null, { polling: 50 })
    await page.locator(`${CURRENT} ${nextReady}`).first().waitFor({ state: 'visible' })
  }
  try {
    await page.goto(`${baseUrl}#/pages/home/index`)
    await page.locator(`${CURRENT} #entry-self`).first().waitFor({ state: 'visible' })
    await tapAndWait('#entry-self', '/pages/payer/index', '#next')
    await tapAndWait('#next', '/pages/items/index', '#next')
    await tapAndWait('#next', '/pages/confirm/index', '#confirm-pay')
    const journey = await page.evaluate(() => window.localStorage.getItem('yibao.journey.v1'))
    if (!journey) throw new Error('no yibao.journey.v1 in localStorage after the walk to confirm')
  } finally {
    await context.close().catch(() => undefined)
  }
  // Keep localStorage, drop the HTTP and code caches: the audit loads the page cold like the others.
  for (const cache of ['Default/Cache', 'Default/Code Cache', 'Default/GPUCache', 'Default/Service Worker']) rmSync(join(profile, cache), { recursive: true, force: true })
  return profile
}

let lighthouseApi
let chromeLauncher
let puppeteer
async function lighthouseOnce(url, { profile, verify }) {
  lighthouseApi ??= (await import('lighthouse')).default
  chromeLauncher ??= await import('chrome-launcher')
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
    userDataDir: profile ?? undefined,
    logLevel: 'silent',
  })
  try {
    // Lighthouse runs in a tab we hand it, so the page it audited can be asked afterwards
    // whether the content rendered (Lighthouse closes a tab it opened itself).
    let browser
    let tab
    try {
      puppeteer ??= (await import('puppeteer-core')).default
      browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` })
      tab = await browser.newPage()
    } catch {
      tab = undefined
    }
    const runner = await lighthouseApi(
      url,
      { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES, disableStorageReset: Boolean(profile) },
      undefined,
      tab,
    )
    const lhr = runner.lhr
    let verified
    if (verify) {
      try {
        verified = tab ? await tab.evaluate((sel) => Boolean(document.querySelector(sel)), verify) : 'unknown (no tab)'
      } catch (error) {
        verified = `unknown (${error.message.split('\n')[0]})`
      }
    }
    await browser?.disconnect().catch(() => undefined)
    return { lhr, verified }
  } finally {
    await chrome.kill()
  }
}

function summarize(lhr) {
  const score = (id) => (lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100))
  const failing = (id) =>
    (lhr.categories[id]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score != null && lhr.audits[ref.id].score < 1)
      .map((ref) => ({ id: ref.id, title: lhr.audits[ref.id].title, score: lhr.audits[ref.id].score, weight: ref.weight, display: lhr.audits[ref.id].displayValue ?? null }))
  const metric = (id) => lhr.audits[id]?.numericValue ?? null
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    metrics: {
      fcpMs: metric('first-contentful-paint'),
      lcpMs: metric('largest-contentful-paint'),
      tbtMs: metric('total-blocking-time'),
      cls: metric('cumulative-layout-shift'),
      speedIndexMs: metric('speed-index'),
    },
    failingAccessibility: failing('accessibility'),
    failingBestPractices: failing('best-practices'),
    // What Lighthouse estimates would help most (metric savings in ms), e.g. text compression.
    opportunities: Object.entries(lhr.audits)
      .filter(([id, a]) => id !== 'largest-contentful-paint-element' && !id.endsWith('-insight') && a.metricSavings && a.score != null && a.score < 1)
      .map(([id, a]) => ({ id, display: a.displayValue ?? '', lcpMs: a.metricSavings.LCP ?? 0, fcpMs: a.metricSavings.FCP ?? 0, tbtMs: a.metricSavings.TBT ?? 0 }))
      .filter((o) => o.lcpMs + o.fcpMs + o.tbtMs > 0)
      .sort((a, b) => b.lcpMs + b.fcpMs + b.tbtMs - (a.lcpMs + a.fcpMs + a.tbtMs)),
    lcpElement: lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.nodeLabel ?? null,
    runWarnings: lhr.runWarnings ?? [],
    finalUrl: lhr.finalDisplayedUrl ?? lhr.finalUrl,
  }
}

async function lighthouseAll() {
  const dir = join(OUT, 'lighthouse')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const server = await serveStatic(APP.h5)
  const out = { preset: 'mobile (Lighthouse default config: simulated throttling, Moto G Power emulation)', runs: RUNS, chromium: result.environment.chromium, pages: {} }
  let seed
  try {
    const targets = [...LH_PAGES.map((p) => ({ ...p, base: server.url }))]
    for (const p of targets) {
      if (p.seeded) seed = await seedConfirmProfile(server.url)
      const runs = []
      for (let i = 0; i < RUNS; i++) {
        let profile
        if (p.seeded) {
          profile = mkdtempSync(join(tmpdir(), 'yibao-bench-lh-'))
          cpSync(seed, profile, { recursive: true })
        }
        const t = Date.now()
        try {
          const { lhr, verified } = await lighthouseOnce(`${p.base}#${p.route}`, { profile, verify: p.seeded ? p.ready : undefined })
          const s = summarize(lhr)
          s.verified = verified
          s.seconds = Number(since(t))
          runs.push({ summary: s, lhr })
          log(`lighthouse ${p.key} run ${i + 1}/${RUNS}: perf ${s.performance} a11y ${s.accessibility} bp ${s.bestPractices}${p.seeded ? `, ${p.ready} shown: ${verified}` : ''} (${s.seconds} s)`)
        } catch (error) {
          result.problems.push(`lighthouse ${p.key} run ${i + 1}: ${error.message.split('\n')[0]}`)
          log(`lighthouse ${p.key} run ${i + 1} failed: ${error.message.split('\n')[0]}`)
        } finally {
          if (profile) rmSync(profile, { recursive: true, force: true })
        }
      }
      if (runs.length === 0) {
        out.pages[p.key] = { route: p.route, error: 'no run completed' }
        continue
      }
      const perf = median(runs.map((r) => r.summary.performance))
      // The run whose performance is the median (nearest), for its metrics and screenshot.
      const medianRun = [...runs].sort((a, b) => Math.abs(a.summary.performance - perf) - Math.abs(b.summary.performance - perf))[0]
      writeFileSync(join(dir, `${p.key}.median.lhr.json`), JSON.stringify(medianRun.lhr))
      const shot = medianRun.lhr.audits['final-screenshot']?.details?.data
      if (shot) writeFileSync(join(dir, `${p.key}.final.jpg`), Buffer.from(shot.split(',')[1], 'base64'))
      out.pages[p.key] = {
        route: p.route,
        url: `${p.base}#${p.route}`,
        storage: p.seeded ? 'profile seeded by a walk home→本人缴费→下一步→下一步 (journey in localStorage), HTTP cache dropped, disableStorageReset' : 'Lighthouse storage reset (cold)',
        performance: perf,
        accessibility: median(runs.map((r) => r.summary.accessibility)),
        bestPractices: median(runs.map((r) => r.summary.bestPractices)),
        scores: runs.map((r) => ({ performance: r.summary.performance, accessibility: r.summary.accessibility, bestPractices: r.summary.bestPractices, seconds: r.summary.seconds, verified: r.summary.verified })),
        medianMetrics: medianRun.summary.metrics,
        lcpElement: medianRun.summary.lcpElement,
        opportunities: medianRun.summary.opportunities,
        failingAccessibility: medianRun.summary.failingAccessibility,
        failingBestPractices: medianRun.summary.failingBestPractices,
        contentVerified: p.seeded ? runs.every((r) => r.summary.verified === true) : undefined,
        screenshot: shot ? relative(ROOT, join(dir, `${p.key}.final.jpg`)) : null,
      }
    }
  } finally {
    await server.close()
    if (seed) rmSync(seed, { recursive: true, force: true })
  }
  if (!SKIP.has('bare-lighthouse')) {
    // The bare app's page in the same run: a reference for how loaded the machine is right now.
    const bareServer = await serveStatic(BARE.h5)
    try {
      const runs = []
      for (let i = 0; i < RUNS; i++) {
        try {
          const { lhr } = await lighthouseOnce(`${bareServer.url}#/pages/index/index`, {})
          runs.push(summarize(lhr))
        } catch (error) {
          result.problems.push(`lighthouse bare run ${i + 1}: ${error.message.split('\n')[0]}`)
        }
      }
      log(`lighthouse bare: perf ${runs.map((r) => r.performance).join(', ')}`)
      if (runs.length) {
        out.bare = {
          route: '/pages/index/index',
          performance: median(runs.map((r) => r.performance)),
          accessibility: median(runs.map((r) => r.accessibility)),
          bestPractices: median(runs.map((r) => r.bestPractices)),
          scores: runs.map((r) => ({ performance: r.performance, accessibility: r.accessibility, bestPractices: r.bestPractices })),
        }
      }
    } finally {
      await bareServer.close()
    }
  }
  return out
}

// ---- budgets ------------------------------------------------------------------------------

function budgets() {
  const list = []
  const add = (name, figure, limit, pass, cause, detail) => list.push({ name, figure, limit, pass, cause: pass ? undefined : cause, detail })
  const w = result.weapp
  if (w.sizes) {
    const top = (w.composition?.additionsOverBare ?? []).slice(0, 6).map((r) => `${r.group} +${kb(r.delta)} KB`).join(', ')
    const over = w.sizes.main.raw - BUDGET.mainOverBare * w.sizes.bare.raw
    add(
      'weapp main package ≤ 1.4 × bare (raw)',
      `${kb(w.sizes.main.raw)} KB / ${kb(w.sizes.bare.raw)} KB = ${w.sizes.ratio.raw.toFixed(2)}× (gzip ${w.sizes.ratio.gzip.toFixed(2)}×)`,
      `≤ ${BUDGET.mainOverBare}×`,
      w.sizes.ratio.raw <= BUDGET.mainOverBare,
      `${kb(over)} KB over the limit (${kb(BUDGET.mainOverBare * w.sizes.bare.raw)} KB); largest additions over the bare app: ${top}; app source (src/) in main: ${kb(w.composition?.appSourceInMain ?? 0)} KB`,
    )
  }
  if (w.composition) {
    const c = w.composition
    add('main package pages = the flow (home, payer, items, confirm, pay, result)', w.sizes.mainPages.join(', '), FLOW_PAGES.length + ' flow pages', c.mainPagesAreFlowPages, `main pages are ${w.sizes.mainPages.join(', ')}`)
    add('no subpackage code in main chunks', c.subpackageCodeInMain.length ? c.subpackageCodeInMain.map((l) => l.module).join(', ') : 'none', 'none', c.subpackageCodeInMain.length === 0, 'modules only subpackage pages import sit in main-package chunks')
  }
  const walk = result.walk
  if (walk) {
    // One line per budget: the worst page's figure; every page over the limit is named with its cause.
    const perPage = (name, limit, figureOf, valueOf, passOf, causeOf) => {
      const rows = walk.pages.map((pg) => ({ pg, value: valueOf(pg) })).filter((r) => r.value != null)
      if (!rows.length) return
      const worst = rows.reduce((m, r) => (r.value > m.value ? r : m))
      const failing = rows.filter((r) => !passOf(r.pg))
      const pages = failing.map((r) => `${r.pg.flow} ${r.pg.route}: ${figureOf(r.pg)} — ${causeOf(r.pg)}`)
      add(name, `worst ${figureOf(worst.pg)} (${worst.pg.flow} ${worst.pg.route})${failing.length ? `; ${failing.length} of ${rows.length} pages over` : ` over ${rows.length} pages`}`, limit, failing.length === 0, pages.join('\n'), rows.map((r) => ({ page: `${r.pg.flow} ${r.pg.route}`, figure: figureOf(r.pg), pass: passOf(r.pg) })))
    }
    const keysOf = (b) => b.keys.map((k) => `${k.key} = ${k.node}, ${kb(k.bytes)} KB`).join('; ')
    perPage(
      'setData on first render ≤ 16 KB per page',
      '≤ 16 KB',
      (pg) => `${kb(pg.firstRender.bytes)} KB in ${pg.firstRender.calls} calls`,
      (pg) => pg.firstRender.bytes,
      (pg) => pg.firstRender.bytes <= BUDGET.firstRenderBytes,
      (pg) => (pg.firstRender.bigCalls?.[0] ? `biggest call ${kb(pg.firstRender.bigCalls[0].bytes)} KB: ${keysOf(pg.firstRender.bigCalls[0])}` : ''),
    )
    const worstOf = (pg) => [...pg.interactions].sort((a, b) => b.bytes - a.bytes)[0]
    perPage(
      'setData per interaction ≤ 4 KB',
      '≤ 4 KB',
      (pg) => `${kb(worstOf(pg)?.bytes ?? 0)} KB in ${worstOf(pg)?.calls ?? 0} calls ("${worstOf(pg)?.label ?? ''}")`,
      (pg) => (pg.interactions.length ? worstOf(pg).bytes : null),
      (pg) => !pg.interactions.length || worstOf(pg).bytes <= BUDGET.interactionBytes,
      (pg) => {
        const w = worstOf(pg)
        const parts = Object.entries(w.byTarget ?? {})
          .sort((a, b) => b[1].bytes - a[1].bytes)
          .map(([t, c]) => `${t === pg.route ? 'this page' : `${t} (hidden, lower in the stack)`} ${kb(c.bytes)} KB in ${c.calls}`)
          .join(', ')
        const bigs = (w.bigCalls ?? []).map((b) => `to ${b.to} ${kb(b.bytes)} KB: ${b.keys[0] ? `${b.keys[0].key} = ${b.keys[0].node}` : ''}`).join('; ')
        return `sent to ${parts}${bigs ? `. Big calls: ${bigs}` : ''}`
      },
    )
    perPage(
      'render tree ≤ 400 nodes per page',
      '≤ 400',
      (pg) => `${pg.tree.nodes} nodes`,
      (pg) => pg.tree.nodes,
      (pg) => pg.tree.nodes <= BUDGET.nodes,
      () => '',
    )
    perPage(
      'render tree depth ≤ 30 per page',
      '≤ 30',
      (pg) => `depth ${pg.tree.depth}`,
      (pg) => pg.tree.depth,
      (pg) => pg.tree.depth <= BUDGET.depth,
      () => '',
    )
  }
  const h5 = result.h5
  if (h5) {
    const top = (h5.additionsOverBare ?? []).slice(0, 4).map((r) => `${r.group} +${kb(r.delta)} KB raw`).join(', ')
    add('H5 first-load JS (gzip) ≤ 1.5 × bare', `${kb(h5.app.js.gzip)} KB / ${kb(h5.bare.js.gzip)} KB = ${h5.ratio.jsGzip.toFixed(2)}×`, `≤ ${BUDGET.h5JsOverBare}×`, h5.ratio.jsGzip <= BUDGET.h5JsOverBare, `home's first load adds over the bare app: ${top}`)
  }
  const lh = result.lighthouse
  if (lh) {
    for (const [key, p] of Object.entries(lh.pages)) {
      if (p.error) {
        add(`Lighthouse ${key}`, 'no result', 'a result', false, p.error)
        continue
      }
      const fails = (xs) => xs.map((a) => `${a.id}${a.display ? ` (${a.display})` : ''}`).join(', ')
      add(`Lighthouse accessibility = 100: ${key}`, `${p.accessibility} (runs ${p.scores.map((s) => s.accessibility).join('/')})`, '100', p.accessibility >= BUDGET.accessibility, `failing audits: ${fails(p.failingAccessibility)}`)
      add(`Lighthouse best practices = 100: ${key}`, `${p.bestPractices} (runs ${p.scores.map((s) => s.bestPractices).join('/')})`, '100', p.bestPractices >= BUDGET.bestPractices, `failing audits: ${fails(p.failingBestPractices)}`)
      const m = p.medianMetrics
      add(
        `Lighthouse performance ≥ 90 (median): ${key}`,
        `${p.performance} (runs ${p.scores.map((s) => s.performance).join('/')})`,
        '≥ 90',
        p.performance >= BUDGET.performance,
        `median run: FCP ${(m.fcpMs / 1000).toFixed(1)} s, LCP ${(m.lcpMs / 1000).toFixed(1)} s (element: "${(p.lcpElement ?? '').slice(0, 24)}"), TBT ${Math.round(m.tbtMs)} ms, SI ${(m.speedIndexMs / 1000).toFixed(1)} s${lh.bare ? `; the bare app in this run: ${lh.bare.performance}` : ''}` +
          `\nLighthouse's biggest estimated savings: ${(p.opportunities ?? [])
            .slice(0, 4)
            .map((o) => `${o.id} ${o.display} (${[o.lcpMs && `LCP −${(o.lcpMs / 1000).toFixed(1)} s`, o.fcpMs && `FCP −${(o.fcpMs / 1000).toFixed(1)} s`, o.tbtMs && `TBT −${o.tbtMs} ms`].filter(Boolean).join(', ')})`)
            .join('; ')}`,
      )
      if (p.contentVerified === false) add(`Lighthouse ${key}: audited page showed its content`, 'no', 'yes', false, 'the seeded journey did not reach the page')
    }
  }
  const taps = result.taps
  if (taps) {
    const self = taps.find((t) => t.flow === 'self')
    if (self) add('self-pay ≤ 5 taps (home → 缴费成功)', `${self.taps} (${self.pageTaps} on pages + ${self.cashierTaps} in the cashier${self.consentTaps ? `; + ${self.consentTaps} consent, first time only` : ''})`, '≤ 5', self.taps <= BUDGET.selfPayTaps && self.outcome === '缴费成功', `reached ${self.reached} (${self.outcome})`)
    const board = taps.find((t) => t.flow === 'board')
    if (board) add('family board row ≤ 4 taps (row → 缴费成功)', `${board.taps} (${board.pageTaps} on pages + ${board.cashierTaps} in the cashier)`, '≤ 4', board.taps <= BUDGET.boardRowTaps && board.outcome === '缴费成功', `reached ${board.reached} (${board.outcome})`)
    const family = taps.find((t) => t.flow === 'family')
    if (family) add('全部缴纳, a family of four ≤ 4 taps (home → everyone’s 缴费成功)', `${family.taps} (${family.pageTaps} on pages + ${family.cashierTaps} in the cashier)`, '≤ 4', family.taps <= BUDGET.familyOfFourTaps && family.outcome === '缴费成功', `reached ${family.reached} (${family.outcome})`)
  }
  return list
}

// ---- printing ---------------------------------------------------------------------------

function print() {
  const lines = []
  const p = (s = '') => lines.push(s)
  const env = result.environment
  p(`npm run bench — ${result.startedAt}`)
  p(`Taro ${env.taro}, React ${env.react}, Node ${env.node}, ${env.chromium}, Lighthouse ${env.lighthouse}; ${env.cpus} CPUs`)
  const b = result.builds
  if (Object.keys(b).length) p(`builds (clean, CI=true): ${Object.entries(b).map(([k, v]) => `${k} ${v.seconds} s`).join(', ')}`)
  for (const n of result.notes) p(`note: ${n}`)

  const w = result.weapp
  if (w.sizes) {
    const s = w.sizes
    p()
    p(`1. Weapp package sizes  (${s.gzipNote})`)
    const row = (name, x, ratio) => [name, x.files, kb(x.raw), kb(x.gzip), ratio ?? '']
    p(
      table(
        ['package', 'files', 'raw KB', 'gzip KB', ''],
        [
          row('main (everything outside the subpackage roots)', s.main),
          ...s.subpackages.map((x) => row(`  ${x.root}`, x)),
          row('all packages', s.all),
          row('bare one-page app (all of it, same run)', s.bare),
          ['main / bare', '', `${s.ratio.raw.toFixed(2)}×`, `${s.ratio.gzip.toFixed(2)}×`, `budget ≤ ${BUDGET.mainOverBare}× (raw)`],
        ],
        ['l'],
      ),
    )
    if (w.composition) {
      const c = w.composition
      p('  main package, largest additions over the bare app (minified bytes per source, from build stats):')
      p(
        table(
          ['source', 'app KB', 'bare KB', '+KB', 'in'],
          c.additionsOverBare.slice(0, 12).map((r) => [r.group, kb(r.app), kb(r.bare), kb(r.delta), r.files.slice(0, 3).join(', ') + (r.files.length > 3 ? ', …' : '')]),
          ['l', 'r', 'r', 'r', 'l'],
        ).replace(/^ {2}/gm, '    '),
      )
      p(`  app source (src/) in the main package: ${kb(c.appSourceInMain)} KB`)
      p(`  main pages: ${s.mainPages.join(', ')} ${c.mainPagesAreFlowPages ? '✔ the flow only' : '✘ not the flow pages'}`)
      p(`  subpackage-only code in main chunks: ${c.subpackageCodeInMain.length ? c.subpackageCodeInMain.map((l) => l.module).join(', ') : 'none ✔'}`)
    }
  }

  const walk = result.walk
  if (walk) {
    p()
    p(`2. setData during the tier-2 walk (compiled weapp, miniprogram-simulate; bytes = UTF-8 JSON of each call)`)
    p(
      table(
        ['flow', 'page', 'first render KB', 'calls', 'interactions', 'max KB', 'max: on', 'total KB', 'calls', 'largest call KB', 'largest in'],
        walk.pages.map((x) => [
          x.flow,
          x.route,
          kb(x.firstRender.bytes, 2),
          x.firstRender.calls,
          x.interactions.length,
          kb(x.interactionMax, 2),
          x.interactionMaxLabel ?? '',
          kb(x.interactionTotal.bytes, 2),
          x.interactionTotal.calls,
          kb(x.largestCall.bytes, 2),
          x.largestCall.phase,
        ]),
        ['l', 'l', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'r', 'l'],
      ),
    )
    p(`  first render = all setData to a page from its opening until it is ready and quiet for ${walk.quietMs} ms (loading state and data included);`)
    p('  an interaction = one tap/input and everything it sets off, except the first render of a page it opens (calls to pages lower in the stack count in);')
    p('  the pay page opens by itself from 确认缴费: its interaction is the cashier\'s 确认支付. "setup" = saving the family member before the proxy walk.')
    p()
    p('3. Render tree per page (simulate DOM of the compiled wxml: element nodes, text nodes apart; largest seen during the walk)')
    p(table(['flow', 'page', 'nodes', 'text nodes', 'max depth', 'comp'], walk.pages.map((x) => [x.flow, x.route, x.tree.nodes, x.tree.textNodes, x.tree.depth, x.tree.comps]), ['l', 'l']))
    for (const n of walk.notes ?? []) p(`  note: ${n}`)
  }

  const h5 = result.h5
  if (h5) {
    p()
    p(`4. H5 first load of the home page  (${h5.note})`)
    const row = (name, x) => [name, x.js.requests, kb(x.js.raw), kb(x.js.gzip), x.css.requests, kb(x.css.raw), kb(x.css.gzip)]
    p(
      table(
        ['app', 'JS files', 'JS raw KB', 'JS gzip KB', 'CSS files', 'CSS raw KB', 'CSS gzip KB'],
        [row('app #/pages/home/index', h5.app), row('bare #/pages/index/index (same run)', h5.bare), ['app / bare', '', `${h5.ratio.jsRaw.toFixed(2)}×`, `${h5.ratio.jsGzip.toFixed(2)}×`, '', '', '']],
        ['l'],
      ),
    )
    p(`  app JS: ${h5.app.resources.filter((r) => r.type === 'js').map((r) => `${r.url} ${kb(r.gzip)} KB gz`).join(', ')}`)
    if (h5.additionsOverBare) p(`  largest additions over the bare app (raw minified): ${h5.additionsOverBare.slice(0, 8).map((r) => `${r.group} +${kb(r.delta)} KB`).join(', ')}`)
  }

  const lh = result.lighthouse
  if (lh) {
    p()
    p(`5. Lighthouse ${env.lighthouse} on the H5 build, ${lh.preset}, ${env.chromium}; median of ${lh.runs}`)
    const rows = Object.entries(lh.pages).map(([key, x]) =>
      x.error
        ? [key, x.route, '–', '–', '–', x.error]
        : [key, x.route, x.performance, x.accessibility, x.bestPractices, `perf ${x.scores.map((s) => s.performance).join('/')}${x.contentVerified !== undefined ? `; #confirm-pay shown in every run: ${x.contentVerified ? 'yes' : 'NO'}` : ''}`],
    )
    if (lh.bare) rows.push(['bare (reference)', lh.bare.route, lh.bare.performance, lh.bare.accessibility, lh.bare.bestPractices, `perf ${lh.bare.scores.map((s) => s.performance).join('/')}`])
    p(table(['page', 'route', 'performance', 'accessibility', 'best practices', 'runs'], rows, ['l', 'l', 'r', 'r', 'r', 'l']))
  }

  if (result.taps) {
    p()
    p('6. Taps from home to 缴费成功 (tier-2 walk; taps on pages + the cashier\'s 确认支付)')
    p(
      table(
        ['flow', 'taps', 'on pages', 'cashier', 'consent (first time only)', 'typed fields', 'reached'],
        result.taps.map((t) => [t.description, t.taps, t.pageTaps, t.cashierTaps, t.consentTaps, t.inputs, `${t.outcome} (${t.reached})`]),
        ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
      ),
    )
  }

  p()
  p('Budgets')
  for (const x of result.budgets) {
    p(`  ${x.pass ? '✔' : '✘'} ${x.name}: ${x.figure}${x.pass ? '' : `  (limit ${x.limit})`}`)
    if (!x.pass && x.cause) x.cause.split('\n').forEach((c, i) => p(`${i ? '             ' : '      cause: '}${c}`))
  }
  for (const x of result.problems) p(`  ! ${x}`)
  const failed = result.budgets.filter((x) => !x.pass)
  p()
  p(`Summary: ${result.budgets.length - failed.length}/${result.budgets.length} budgets pass${failed.length ? `; ${failed.length} fail` : ''}${result.problems.length ? `; ${result.problems.length} problem(s)` : ''}; ${since(started)} s in all; JSON: ${relative(ROOT, join(OUT, 'bench.json'))}`)
  console.log(lines.join('\n'))
}

// ---- main ---------------------------------------------------------------------------------

async function main() {
  mkdirSync(OUT, { recursive: true })
  const version = (pkg) => {
    try {
      return JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version
    } catch {
      return '?'
    }
  }
  const chromiumVersion = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout?.trim() || CHROMIUM
  result.environment = { node: process.version, taro: version('@tarojs/cli'), react: version('react'), lighthouse: version('lighthouse'), chromium: chromiumVersion, cpus: (await import('node:os')).cpus().length }

  let fatal
  try {
    await buildAll()
  } catch (error) {
    fatal = error
  }
  if (!fatal) {
    const step = async (name, fn) => {
      if (SKIP.has(name)) {
        result.notes.push(`--skip=${name}`)
        return undefined
      }
      try {
        return await fn()
      } catch (error) {
        result.problems.push(`${name}: ${error.message.split('\n')[0]}`)
        log(`${name} failed: ${error.stack}`)
        return undefined
      }
    }
    await step('sizes', async () => {
      result.weapp.sizes = weappSizes()
      result.weapp.composition = await weappComposition(result.weapp.sizes)
      log('weapp sizes measured')
    })
    result.walk = (await step('walk', weappWalk)) ?? null
    if (result.walk) result.taps = result.walk.flows
    result.h5 = (await step('h5', async () => {
      const r = await h5FirstLoad()
      log('H5 first load measured')
      return r
    })) ?? null
    result.lighthouse = (await step('lighthouse', lighthouseAll)) ?? null
  } else {
    result.problems.push(fatal.message)
  }
  result.budgets = budgets()
  result.seconds = Number(since(started))
  writeFileSync(join(OUT, 'bench.json'), JSON.stringify(result, null, 2))
  print()
  if (fatal) {
    console.error(`\n✘ ${fatal.message}`)
    process.exit(1)
  }
}

export { composition, groupOf, moduleSizesInChunk, subpackageCodeInMain }

// Run when started as a script (importing it, e.g. to check the analysis, runs nothing).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
