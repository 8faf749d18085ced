// `npm test`: every check the project has, in order, stopping at the first failure.
// First-run set-up (npm packages from the lockfile, PostgreSQL for the server tier, Chromium for
// tier 3) happens on the way, so a fresh clone needs nothing else. Then typecheck and lint, tier 1
// (jest unit, and node's runner for the scripts), the server over HTTP on embedded PGlite and a
// real PostgreSQL, both production builds, tier 2 (jest on the compiled weapp), tier 3
// (Chromium on the H5 build). Prints how long each step took. `npm test -- <words>` runs the
// steps whose names contain any of them.
import { spawnSync } from 'node:child_process'
import { ensureBrowser, ensureDependencies, ensurePostgres } from './setup.mjs'

const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '.']],
  ['tier 1: unit and contract tests', 'npx', ['jest', '--selectProjects', 'unit']],
  ['tier 1: scripts (set-up, release)', 'node', ['--test', 'tests/scripts/']],
  ['server tier: contract over HTTP on PGlite and PostgreSQL', 'npx', ['jest', '--selectProjects', 'server', '--runInBand'], ensurePostgres],
  ['build weapp', 'npm', ['run', 'build:weapp']],
  ['build h5', 'npm', ['run', 'build:h5']],
  ['tier 2: compiled weapp (miniprogram-simulate)', 'npx', ['jest', '--selectProjects', 'weapp', '--runInBand']],
  ['tier 3: H5 in headless Chromium', 'node', ['--test', '--test-concurrency=1', 'tests/h5/'], ensureBrowser],
]

const only = process.argv.slice(2)
const timings = []
const run = (name, work) => {
  const started = Date.now()
  console.log(`\n▶ ${name}`)
  const status = work()
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  timings.push(`${status === 0 ? '✔' : '✘'} ${name}: ${seconds} s`)
  if (status !== 0) {
    console.error(`\n${timings.join('\n')}\n\n✘ ${name} failed`)
    process.exit(status ?? 1)
  }
}

ensureDependencies()
for (const [name, cmd, args, setUp] of steps) {
  if (only.length > 0 && !only.some((o) => name.includes(o))) continue
  setUp?.()
  run(name, () => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } }).status)
}
console.log(`\n${timings.join('\n')}\n\n✔ all checks passed`)
