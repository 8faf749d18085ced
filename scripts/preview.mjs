// `npm start`: build the H5 app and serve it on http://127.0.0.1:10086/ (the mock backend is
// inside the app, so nothing else has to run). On a fresh clone it first installs the npm
// packages from the lockfile.
//
//   npm start                  build with `npm run build:h5`, then serve dist/h5
//   npm start -- --no-build    serve the dist/h5 that is already there
//   PORT=8080 npm start        another port; a busy port moves on to the next free one
//
// Ctrl-C (SIGINT) or SIGTERM stops the build or the server cleanly.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureDependencies } from './setup.mjs'
import { serveStatic } from './staticServer.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DIST = join(ROOT, 'dist/h5')
const HOST = '127.0.0.1'
const HOME_ROUTE = '#/pages/home/index'
const PORT_TRIES = 20

const args = process.argv.slice(2)
const unknown = args.filter((a) => a !== '--no-build')
if (unknown.length > 0) {
  console.error(`unknown option(s): ${unknown.join(' ')}\nusage: node scripts/preview.mjs [--no-build]   (PORT=<port> to change the port)`)
  process.exit(2)
}
const build = !args.includes('--no-build')

const requested = process.env.PORT === undefined || process.env.PORT === '' ? 10086 : Number(process.env.PORT)
if (!Number.isInteger(requested) || requested < 1 || requested > 65535) {
  console.error(`PORT must be a port number (1–65535), got "${process.env.PORT}"`)
  process.exit(2)
}

let child // the build, while it runs
let server // { url, close } once serving
let stopping = false

async function stop(signal) {
  if (stopping) return
  stopping = true
  if (child) {
    // npm runs taro in its own process group (detached below): end the whole group.
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      // already gone
    }
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
    child = spawn(npm, ['run', 'build:h5'], { cwd: ROOT, stdio: 'inherit', detached: true })
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

async function main() {
  if (build) {
    ensureDependencies()
    await runBuild()
  }
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: run without --no-build, or \`npm run build:h5\` first`)
  }
  for (let port = requested; port < Math.min(requested + PORT_TRIES, 65536); port++) {
    if (!(await isFree(port))) {
      console.log(`port ${port} is busy, trying ${port + 1}`)
      continue
    }
    try {
      server = await serveStatic(DIST, port)
    } catch {
      continue // taken between the probe and the listen
    }
    console.log(`\n医保缴费 (H5 preview, demo data, no real payments):\n\n  ${server.url}${HOME_ROUTE}\n\nCtrl-C to stop.`)
    return
  }
  throw new Error(`no free port in ${requested}–${requested + PORT_TRIES - 1}`)
}

main().catch((error) => {
  if (stopping) return
  console.error(error.message)
  process.exit(1)
})
