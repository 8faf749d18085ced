// `npm test`: every check the project has, in order, stopping at the first failure.
// Typecheck and lint, tier 1 (jest unit), a production weapp build checked for test hooks, both
// builds for tests (TARO_APP_TEST_HOOKS=1: the mock's knobs the drivers use), tier 2 (jest on the
// compiled weapp), tier 3 (Chromium on the H5 build). Prints how long each step took.
import { spawnSync } from 'node:child_process'

/** The builds tier 2 and 3 run on. */
const TEST_BUILD = { TARO_APP_TEST_HOOKS: '1' }

const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '.']],
  ['tier 1: unit and contract tests', 'npx', ['jest', '--selectProjects', 'unit']],
  ['build weapp (production)', 'npm', ['run', 'build:weapp']],
  ['production build has no test hooks', 'node', ['scripts/checkTestHooks.mjs', 'absent', 'dist/weapp']],
  ['build weapp (for tests)', 'npm', ['run', 'build:weapp'], TEST_BUILD],
  ['build h5 (for tests)', 'npm', ['run', 'build:h5'], TEST_BUILD],
  ['test builds have the test hooks', 'node', ['scripts/checkTestHooks.mjs', 'present', 'dist/weapp', 'dist/h5']],
  ['tier 2: compiled weapp (miniprogram-simulate)', 'npx', ['jest', '--selectProjects', 'weapp', '--runInBand']],
  ['tier 3: H5 in headless Chromium', 'node', ['--test', '--test-concurrency=1', 'tests/h5/']],
]

const only = process.argv.slice(2)
const timings = []
for (const [name, cmd, args, env] of steps) {
  if (only.length > 0 && !only.some((o) => name.includes(o))) continue
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
