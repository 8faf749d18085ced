// First-run set-up for `npm start` and `npm test`, so a newcomer types nothing else: the npm
// packages exactly as the lockfile pins them, Debian's Chromium and a CJK font for tier 3, and a
// PostgreSQL server for the server tier. Only node's own modules here: this runs before
// node_modules exists.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
/** Written after a successful `npm ci`: the lockfile's hash, so a changed lockfile installs again. */
const STAMP = join(ROOT, 'node_modules', '.yibao-lockfile-sha256')
export const CHROMIUM = '/usr/bin/chromium'

const lockfileHash = () => createHash('sha256').update(readFileSync(join(ROOT, 'package-lock.json'))).digest('hex')

/** `npm ci` when node_modules is missing or was installed from another lockfile. */
export function ensureDependencies() {
  const wanted = lockfileHash()
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === wanted) return
  console.log('▶ installing npm packages from package-lock.json (npm ci)…')
  const { status } = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' })
  if (status !== 0) fail('npm ci failed (see above); nothing else was run')
  writeFileSync(STAMP, `${wanted}\n`)
}

/**
 * How to get missing Debian packages installed: directly as root, through sudo when it needs no
 * password, or not at all (then one line says what to run). Pure, so it is tested as it is.
 */
export function planInstall(missing, { isRoot, hasSudo }) {
  if (missing.length === 0) return { action: 'none' }
  const install = ['apt-get', 'install', '-y', '-qq', ...missing]
  if (isRoot) return { action: 'run', commands: [['apt-get', 'update', '-qq'], install] }
  if (hasSudo) return { action: 'run', commands: [['sudo', '-n', 'apt-get', 'update', '-qq'], ['sudo', '-n', ...install]] }
  return { action: 'tell', message: `please install them first: sudo apt-get install -y ${missing.join(' ')}` }
}

function installDebianPackages(missing, why) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const hasSudo = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0
  const plan = planInstall(missing, { isRoot, hasSudo })
  if (plan.action === 'none') return
  if (plan.action === 'tell') fail(`${why} needs ${missing.join(', ')}: ${plan.message}`)
  console.log(`▶ ${why} needs ${missing.join(', ')}: installing from Debian's packages…`)
  for (const [cmd, ...args] of plan.commands) {
    const { status } = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    if (status !== 0) fail(`\`${[cmd, ...args].join(' ')}\` failed; install ${missing.join(' ')} by hand and run again`)
  }
}

const hasCjkFont = () => /wqy|noto sans cjk|noto serif cjk/i.test(spawnSync('fc-list', [], { encoding: 'utf8' }).stdout ?? '')

/** Tier 3 and the bench: Debian's Chromium (never a browser download) and a font for Chinese. */
export function ensureBrowser() {
  const missing = []
  if (!existsSync(CHROMIUM)) missing.push('chromium')
  if (!hasCjkFont()) missing.push('fonts-wqy-zenhei')
  installDebianPackages(missing, 'the browser tier')
}

/** The folder holding initdb and pg_ctl of the newest PostgreSQL installed, if any. */
export function postgresBinDir() {
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return undefined
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions.length > 0 ? join(base, versions[0], 'bin') : undefined
}

/** The server tier on a real PostgreSQL: Debian's server package (the tests start their own cluster). */
export function ensurePostgres() {
  if (postgresBinDir() === undefined) installDebianPackages(['postgresql'], 'the PostgreSQL server tier')
}

function fail(message) {
  console.error(`\n✘ ${message}`)
  process.exit(1)
}
