// `npm test`: every check the project has, in order, stopping at the first failure.
// First-run set-up (npm packages from the lockfile, PostgreSQL for the server tier, Chromium for
// tier 3) happens on the way, so a fresh clone needs nothing else. Then typecheck and lint, tier 1
// (jest unit, and node's runner for the scripts), the server over HTTP on embedded PGlite and a
// real PostgreSQL, a production weapp build checked for test hooks, both builds for tests
// (TARO_APP_TEST_HOOKS=1: the mock's knobs the drivers use), tier 2 (jest on the compiled weapp),
// tier 2 again on a weapp build against a server process, tier 3 (Chromium on the H5 build, then
// on an H5 build against a running server). Prints how long each step took.
// `npm test -- <words>` runs the steps whose names contain any of them.
import { spawnSync } from 'node:child_process'
import { ensureBrowser, ensureDependencies, ensurePostgres } from './setup.mjs'

/** The builds tier 2 and 3 run on. */
const TEST_BUILD = { TARO_APP_TEST_HOOKS: '1' }
/** The H5 app as `npm start` builds it: the HTTP adapter, its server on the page's own origin. */
const SERVER_BUILD = { TARO_APP_BACKEND: 'http', TARO_APP_SERVER_URL: '', YIBAO_OUTPUT_ROOT: 'dist/h5-server' }
/** The weapp with the HTTP adapter and no test hooks; tier 2 routes its wx.request to a server process. */
const WEAPP_SERVER_BUILD = { TARO_APP_BACKEND: 'http', TARO_APP_SERVER_URL: 'https://yibao-server.test', YIBAO_OUTPUT_ROOT: 'dist/weapp-server' }

// Workers where a tier mostly waits (on its server processes, on the app's timers), measured on
// this 2-core machine: tier 1 55 → 37 s with 2, the server tier 437 → 263 s with 2, tier 2 131
// → 40 s with 4 (37 s of CPU in its 131). Tier 3 stays serial: one Chromium at a time on 2 cores.
const steps = [
  { name: 'typecheck', run: ['npx', 'tsc', '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint', run: ['npx', 'eslint', '.'] },
  { name: 'tier 1: unit and contract tests', run: ['npx', 'jest', '--selectProjects', 'unit', '--maxWorkers=2'] },
  { name: 'tier 1: scripts (set-up, release)', run: ['node', '--test', 'tests/scripts/'] },
  { name: 'server tier: contract over HTTP on PGlite and PostgreSQL', run: ['npx', 'jest', '--selectProjects', 'server', '--maxWorkers=2'], setUp: ensurePostgres },
  { name: 'build weapp (production)', run: ['npm', 'run', 'build:weapp'] },
  { name: 'production build has no test hooks', run: ['node', 'scripts/checkTestHooks.mjs', 'absent', 'dist/weapp'] },
  { name: 'build weapp (for tests)', run: ['npm', 'run', 'build:weapp'], env: TEST_BUILD },
  { name: 'build h5 (for tests)', run: ['npm', 'run', 'build:h5'], env: TEST_BUILD },
  { name: 'test builds have the test hooks', run: ['node', 'scripts/checkTestHooks.mjs', 'present', 'dist/weapp', 'dist/h5'] },
  { name: 'tier 2: compiled weapp (miniprogram-simulate)', run: ['npx', 'jest', '--selectProjects', 'weapp', '--maxWorkers=4'] },
  { name: 'build weapp (against the server)', run: ['npm', 'run', 'build:weapp'], env: WEAPP_SERVER_BUILD },
  { name: 'tier 2: compiled weapp against the server', run: ['npx', 'jest', '--selectProjects', 'weapp-server', '--runInBand'] },
  { name: 'tier 3: H5 in headless Chromium', run: ['node', '--test', '--test-concurrency=1', 'tests/h5/'], setUp: ensureBrowser },
  { name: 'build h5 (against the server)', run: ['npm', 'run', 'build:h5'], env: SERVER_BUILD },
  { name: 'tier 3: H5 against the server', run: ['node', '--test', '--test-concurrency=1', 'tests/h5-server/'], env: { H5_DIST: 'dist/h5-server' }, setUp: ensureBrowser },
]

const only = process.argv.slice(2)
const timings = []
ensureDependencies()
for (const { name, run: [cmd, ...args], env, setUp } of steps) {
  if (only.length > 0 && !only.some((o) => name.includes(o))) continue
  setUp?.()
  const started = Date.now()
  console.log(`\n▶ ${name}`)
  const { status } = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0', ...env } })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  timings.push(`${status === 0 ? '✔' : '✘'} ${name}: ${seconds} s`)
  if (status !== 0) {
    console.error(`\n${timings.join('\n')}\n\n✘ ${name} failed`)
    process.exit(status ?? 1)
  }
}
console.log(`\n${timings.join('\n')}\n\n✔ all checks passed`)
