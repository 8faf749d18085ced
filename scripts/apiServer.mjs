// The merchant server as a child process (`npm run server`), for `npm start` and the tier-3
// journeys against it: started in a process group of its own, resolved once it prints its URL,
// stopped with the whole group (npm, tsx and node).
import { spawn } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** Resolves to { url, stop() } once the server listens; `env` is added to this process's environment. */
export function startApiServer(env = {}) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const child = spawn(npm, ['run', '--silent', 'server'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } })
  const exited = new Promise((ok) => child.once('exit', ok))
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      return // already gone
    }
    await exited
  }
  return new Promise((ok, fail) => {
    let seen = ''
    child.stdout.on('data', (chunk) => {
      seen += chunk
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(seen)
      if (url) {
        child.stdout.removeAllListeners('data')
        child.stdout.resume() // keep draining its log so the pipe never fills
        ok({ url: url[0], stop })
      }
    })
    child.once('exit', (code) => fail(new Error(`the merchant server stopped (exit code ${code}); see above`)))
  })
}
