// `npm start`: the whole stack on embedded defaults: the merchant server (embedded PostgreSQL in
// .data/, with the tax-system, WeChat login and payment simulators) and the H5 app built against
// it, served on http://127.0.0.1:10086/ with /v1/ and /sim/ forwarded to the server. On a fresh
// clone it first installs the npm packages from the lockfile.
//
//   npm start                  server + H5 build against it
//   npm start -- --mock        frontend only: the H5 build with the embedded mock, no server
//   npm start -- --no-build    serve the dist/h5 that is already there
//   PORT=8080 npm start        another port for the page; a busy port moves on to the next free one
//   API_PORT=3100 npm start    another port for the server (default 10087)
//
// Ctrl-C (SIGINT) or SIGTERM stops the build, the server and the page cleanly.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startApiServer } from './apiServer.mjs'
import { ensureDependencies } from './setup.mjs'
import { serveStatic } from './staticServer.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DIST = join(ROOT, 'dist/h5')
const HOST = '127.0.0.1'
const HOME_ROUTE = '#/pages/home/index'
const PORT_TRIES = 20

const args = process.argv.slice(2)
const unknown = args.filter((a) => a !== '--no-build' && a !== '--mock')
if (unknown.length > 0) {
  console.error(`unknown option(s): ${unknown.join(' ')}\nusage: node scripts/preview.mjs [--mock] [--no-build]   (PORT / API_PORT to change the ports)`)
  process.exit(2)
}
const build = !args.includes('--no-build')
const withServer = !args.includes('--mock')

function portFrom(name, fallback) {
  const value = process.env[name]
  const port = value === undefined || value === '' ? fallback : Number(value)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`${name} must be a port number (1–65535), got "${value}"`)
    process.exit(2)
  }
  return port
}
const requested = portFrom('PORT', 10086)
const apiRequested = portFrom('API_PORT', 10087)

let child // the build, while it runs
let api // the merchant server: { url, stop } once it listens
let server // { url, close } once serving
let stopping = false

/** npm and npx run their programs in process groups of their own (detached below): end the whole group. */
function endGroup(proc) {
  try {
    process.kill(-proc.pid, 'SIGTERM')
  } catch {
    // already gone
  }
}

async function stop(signal) {
  if (stopping) return
  stopping = true
  await api?.stop()
  if (child) {
    endGroup(child)
    console.log(`\n${signal}: build stopped`)
    process.exit(130)
  }
  if (server) {
    // Open keep-alive connections from a browser would hold close() up: do not wait for them long.
    await Promise.race([server.close(), new Promise((ok) => setTimeout(ok, 1000).unref())])
    console.log(`\n${signal}: preview stopped`)
  }
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))

function runBuild() {
  return new Promise((ok, fail) => {
    console.log('building H5 (npm run build:h5)…')
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const backend = withServer ? { TARO_APP_BACKEND: 'http', TARO_APP_SERVER_URL: '' } : { TARO_APP_BACKEND: 'mock' }
    child = spawn(npm, ['run', 'build:h5'], { cwd: ROOT, stdio: 'inherit', detached: true, env: { ...process.env, ...backend } })
    child.on('error', fail)
    child.on('exit', (code, signal) => {
      child = undefined
      if (code === 0) ok()
      else fail(new Error(`npm run build:h5 failed (${signal ?? `exit code ${code}`})`))
    })
  })
}

/** True when nothing listens on HOST:port. */
function isFree(port) {
  return new Promise((ok) => {
    const probe = createServer()
    probe.once('error', () => ok(false))
    probe.listen(port, HOST, () => probe.close(() => ok(true)))
  })
}

/** The first free port from `from` on. */
async function freePort(from) {
  for (let port = from; port < Math.min(from + PORT_TRIES, 65536); port++) if (await isFree(port)) return port
  throw new Error(`no free port in ${from}–${from + PORT_TRIES - 1}`)
}

/** Starts the merchant server on the first free port from API_PORT on. */
async function startApi() {
  const port = await freePort(apiRequested)
  console.log(`starting the merchant server (npm run server, port ${port})…`)
  api = await startApiServer({ PORT: String(port) })
  return api.url
}

async function main() {
  ensureDependencies()
  const apiUrl = withServer ? await startApi() : undefined
  if (build) await runBuild()
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: run without --no-build, or \`npm run build:h5\` first`)
  }
  for (let port = requested; port < Math.min(requested + PORT_TRIES, 65536); port++) {
    if (!(await isFree(port))) {
      console.log(`port ${port} is busy, trying ${port + 1}`)
      continue
    }
    try {
      server = await serveStatic(DIST, port, { api: apiUrl })
    } catch {
      continue // taken between the probe and the listen
    }
    const backend = apiUrl ? `merchant server ${apiUrl} (embedded PostgreSQL in .data/, simulated tax system, login and cashier)` : 'embedded mock (no server)'
    console.log(`\n医保缴费 (H5 preview, demo data, no real payments):\n\n  ${server.url}${HOME_ROUTE}\n\nbackend: ${backend}\nCtrl-C to stop.`)
    return
  }
  throw new Error(`no free port in ${requested}–${requested + PORT_TRIES - 1}`)
}

main().catch((error) => {
  if (stopping) return
  // A failed build must not leave the server it started running in the background.
  void api?.stop()
  console.error(error.message)
  process.exit(1)
})
