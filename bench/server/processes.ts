/**
 * The bench's processes: the server (`server/src/main.ts`), the simulators apart from it
 * (./simulators), and the CPU each used (Linux /proc), PostgreSQL's backends included.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type pg from 'pg'

export const ROOT = resolve(__dirname, '..', '..')
export const CONTRACT_DAY = '2026-11-23T02:00:00Z'

export interface Proc {
  pid: number
  proc: ChildProcess
  stop(): Promise<void>
}

/** Spawns a tsx entry with the counters preloaded (./counters) and resolves with its first stdout line that `ready` accepts. */
function spawnTsx<T>(entry: string, args: string[], env: Record<string, string>, ready: (line: string) => T | undefined): Promise<Proc & { ready: T }> {
  const proc = spawn(process.execPath, [...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : []), '--import', 'tsx', '--import', './bench/server/counters.ts', entry, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  })
  const stop = () => new Promise<void>((done) => (proc.exitCode !== null ? done() : (proc.once('exit', () => done()), proc.kill('SIGTERM'))))
  return new Promise((ok, fail) => {
    let seen = ''
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      seen += chunk
      for (const line of seen.split('\n')) {
        const value = ready(line)
        if (value === undefined) continue
        proc.stdout!.removeAllListeners('data')
        proc.stdout!.resume() // the log keeps flowing, as it would into a collector
        return ok({ pid: proc.pid!, proc, stop, ready: value })
      }
    })
    proc.once('exit', (code) => fail(new Error(`${entry} exited (${code})`)))
  })
}

export const startServer = (env: Record<string, string>) => spawnTsx('server/src/main.ts', [], env, (line) => /^http:\/\/127\.0\.0\.1:\d+$/.exec(line.trim())?.[0])

export interface Simulators extends Proc {
  env: Record<string, string>
  cashierUrl: string
}

export async function startSimulators(notifyUrl: string, keyDir: string, env: Record<string, string>): Promise<Simulators> {
  const started = await spawnTsx('bench/server/simulators.ts', [notifyUrl, keyDir], env, (line) => (line.startsWith('{') ? (JSON.parse(line) as { env: Record<string, string>; cashierUrl: string }) : undefined))
  return { ...started, ...started.ready }
}

/** utime + stime of a process, in ms (clock ticks of 10 ms); 0 once it is gone. */
export function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return 0
  }
}

const parentOf = (pid: string) => {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1])
  } catch {
    return -1
  }
}

/** The postmaster of the cluster this pool talks to. */
export async function postmasterOf(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
  return parentOf(String(rows[0].pid))
}

/** CPU of a PostgreSQL cluster: the postmaster and every process it started (backends, writer, …) that is still alive. */
export function postgresCpuMs(postmaster: number): number {
  const children = readdirSync('/proc').filter((p) => /^\d+$/.test(p) && parentOf(p) === postmaster)
  return cpuMsOf(postmaster) + children.reduce((ms, pid) => ms + cpuMsOf(Number(pid)), 0)
}

/** What ./counters wrote when the process exited. */
export function countersOf(file: string): { rsaSign: number; rsaVerify: number; sql: number; bySql: Record<string, number> } {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return { rsaSign: 0, rsaVerify: 0, sql: 0, bySql: {} }
  }
}
