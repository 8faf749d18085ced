// Test hooks exist only in builds made for tests (TARO_APP_TEST_HOOKS=1; src/services/mock/testHooks.ts).
// `node scripts/checkTestHooks.mjs absent dist/weapp` fails if any built file names one of them;
// `present` fails unless some file does (so the scan itself is shown to find what it looks for).
import fs from 'node:fs'
import path from 'node:path'

/** The globals the tier-2/3 drivers use, and the fault injector's and inspection's own words. */
export const HOOK_NAMES = ['__yibaoMock', '__yibaoLoadAdapter', 'lost_response', 'refundPendingFen']

function builtFiles(dir) {
  return fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f)).filter((f) => /\.(js|json|html)$/.test(f))
}

const [expectation, ...dirs] = process.argv.slice(2)
if (!['absent', 'present'].includes(expectation) || dirs.length === 0) {
  console.error('usage: node scripts/checkTestHooks.mjs absent|present <dist dir>...')
  process.exit(2)
}
let failed = false
for (const dir of dirs) {
  const found = new Set()
  for (const file of builtFiles(dir)) {
    const text = fs.readFileSync(file, 'utf8')
    for (const name of HOOK_NAMES) if (text.includes(name)) found.add(`${name} (${path.relative(dir, file)})`)
  }
  const missing = HOOK_NAMES.filter((name) => ![...found].some((f) => f.startsWith(name)))
  if (expectation === 'absent' && found.size > 0) {
    console.error(`✘ ${dir} is a production build but contains test hooks: ${[...found].join(', ')}`)
    failed = true
  } else if (expectation === 'present' && missing.length > 0) {
    console.error(`✘ ${dir} is a test build but lacks ${missing.join(', ')}: the scan would not see them`)
    failed = true
  } else {
    console.log(`✔ ${dir}: test hooks ${expectation}`)
  }
}
process.exit(failed ? 1 : 0)
