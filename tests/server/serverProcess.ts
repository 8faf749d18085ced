/**
 * The server as a child process (tsx), as `npm run server` runs it: started on a free port,
 * its log lines captured, restartable on the same data.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { postJson } from './httpClient'
import { logFileFor, rememberSecret } from './logScan'

const ROOT = resolve(__dirname, '..', '..')
/** The contract suite's day: 2026-11-23 10:00 Asia/Shanghai, inside the 2027 window. */
export const CONTRACT_DAY = '2026-11-23T02:00:00Z'

export interface ServerProcess {
  url(): string
  /** Every line the server wrote to stdout (pino's JSON lines and the URL). */
  logs: string[]
  /** Milliseconds from spawn to the printed URL, per start. */
  startTimes: number[]
  /** Its DATA_DIR: the embedded database, the simulator's keys and books (kept by halt, removed by stop). */
  dataDir: string
  /** Stops and starts it again on the same data, with these variables changed. */
  restart(env?: Record<string, string>): Promise<void>
  /** Stops the process, keeping its data to be read. */
  halt(): Promise<void>
  /** kill -9: the process dies where it stands (no shutdown), its data kept for a restart. */
  crash(): Promise<void>
  stop(): Promise<void>
}

export async function startServerProcess(options: { databaseUrl?: string; env?: Record<string, string> } = {}): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yibao-server-'))
  // Every line it writes also goes to the run's log scan (./logScan), and so do the keys it is given.
  const logFile = logFileFor(dataDir)
  const extraEnv = { ...options.env }
  const logs: string[] = []
  const startTimes: number[] = []
  let child: ChildProcess | undefined
  let url = ''

  const launch = () =>
    new Promise<void>((resolveStart, reject) => {
      const started = Date.now()
      for (const key of (extraEnv.PII_KEYS ?? '').split(',')) if (key) rememberSecret(key.split(':')[1])
      rememberSecret(extraEnv.PII_HMAC_KEY)
      const env = { ...process.env, PORT: '0', DATA_DIR: dataDir, SIMULATORS: '1', SIM_CLOCK_START: CONTRACT_DAY, LOG_LEVEL: 'info', ...extraEnv } as NodeJS.ProcessEnv
      if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl
      else delete env.DATABASE_URL
      // tsx as a loader in the one process (its CLI runs the server in a child that a SIGKILL would orphan).
      const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
      child = proc
      let pending = ''
      let stderr = ''
      proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        pending += chunk
        const lines = pending.split('\n')
        pending = lines.pop()!
        if (logFile) appendFileSync(logFile, lines.map((l) => `${l}\n`).join(''))
        for (const line of lines) {
          logs.push(line)
          if (/^http:\/\/127\.0\.0\.1:\d+$/.test(line)) {
            url = line
            startTimes.push(Date.now() - started)
            resolveStart()
          }
        }
      })
      proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk
        if (logFile) appendFileSync(logFile, chunk)
      })
      proc.once('exit', (code) => reject(new Error(`server exited (${code}) before it listened: ${stderr}`)))
    })

  const stopChild = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    const proc = child
    child = undefined
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return
    await new Promise<void>((done) => {
      proc.once('exit', () => done())
      proc.kill(signal)
    })
  }

  await launch()
  return {
    url: () => url,
    dataDir,
    logs,
    startTimes,
    restart: async (env) => {
      await stopChild()
      Object.assign(extraEnv, env)
      await launch()
    },
    halt: () => stopChild(),
    crash: () => stopChild('SIGKILL'),
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
