/**
 * The server as a child process (tsx), as `npm run server` runs it: started on a free port,
 * its log lines captured, restartable on the same data.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { postJson } from './httpClient'

const ROOT = resolve(__dirname, '..', '..')
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx')
/** The contract suite's day: 2026-11-23 10:00 Asia/Shanghai, inside the 2027 window. */
export const CONTRACT_DAY = '2026-11-23T02:00:00Z'

export interface ServerProcess {
  url(): string
  /** Its DATA_DIR (the embedded database, the simulator's keys and books). */
  dataDir: string
  /** Every line the server wrote to stdout (pino's JSON lines and the URL). */
  logs: string[]
  /** Milliseconds from spawn to the printed URL, per start. */
  startTimes: number[]
  restart(): Promise<void>
  stop(): Promise<void>
}

export async function startServerProcess(options: { databaseUrl?: string; env?: Record<string, string> } = {}): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yibao-server-'))
  const logs: string[] = []
  const startTimes: number[] = []
  let child: ChildProcess | undefined
  let url = ''

  const launch = () =>
    new Promise<void>((resolveStart, reject) => {
      const started = Date.now()
      const env = { ...process.env, PORT: '0', DATA_DIR: dataDir, SIMULATORS: '1', SIM_CLOCK_START: CONTRACT_DAY, LOG_LEVEL: 'info', ...options.env } as NodeJS.ProcessEnv
      if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl
      else delete env.DATABASE_URL
      const proc = spawn(TSX, ['server/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
      child = proc
      let pending = ''
      let stderr = ''
      proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        pending += chunk
        const lines = pending.split('\n')
        pending = lines.pop()!
        for (const line of lines) {
          logs.push(line)
          if (/^http:\/\/127\.0\.0\.1:\d+$/.test(line)) {
            url = line
            startTimes.push(Date.now() - started)
            resolveStart()
          }
        }
      })
      proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
      proc.once('exit', (code) => reject(new Error(`server exited (${code}) before it listened: ${stderr}`)))
    })

  const stopChild = async () => {
    const proc = child
    child = undefined
    if (!proc || proc.exitCode !== null) return
    await new Promise<void>((done) => {
      proc.once('exit', () => done())
      proc.kill('SIGTERM')
    })
  }

  await launch()
  return {
    url: () => url,
    dataDir,
    logs,
    startTimes,
    restart: async () => {
      await stopChild()
      await launch()
    },
    stop: async () => {
      await stopChild()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * One server process for the test file that calls this (started before its tests, stopped after),
 * optionally reset to the demo's first day before each test.
 */
export function serverForThisFile({ resetEachTest = false } = {}): { url: () => string } {
  let server: ServerProcess | undefined
  beforeAll(async () => {
    server = await startServerProcess()
  }, 60_000)
  afterAll(() => server?.stop())
  if (resetEachTest) beforeEach(() => postJson(`${server!.url()}/sim/reset`, {}))
  return { url: () => server!.url() }
}
