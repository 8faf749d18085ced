/**
 * `npm run bench:server`: N simulated WeChat users at once, each running whole journeys (login →
 * 代他人缴费 lookup → due items → create → start → the simulated cashier pays → queryOrder until
 * paid → receipt) against the server with its simulators, on embedded PGlite and on PostgreSQL, at
 * 50 and 200 users. Prints journeys/s, p50/p99 per call, CPU of the server and of the driver,
 * errors and lost/doubled orders, and the budgets pass/fail; writes bench/out/bench-server.json.
 * Each journey pays a different person of the simulator's synthetic population.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { POOL_SIZE } from '../../server/src/db/database'
import { populationMember } from '../../server/src/tax/population'
import { startPostgres } from '../../tests/server/postgres'
import { recordStatements, replay, statementCount, type Unit } from './floor'

const ROOT = resolve(__dirname, '..', '..')
const USERS = [50, 200]
const WARM_MS = 2_000
const MEASURE_MS = 10_000
const POPULATION = 60_000
const CONTRACT_DAY = '2026-11-23T02:00:00Z'
const BUDGET = { journeysPerSecond: 200, p99Ms: 100 }

interface Server {
  url: string
  pid: number
  proc: ChildProcess
}

function startServer(env: Record<string, string>): Promise<Server> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PORT: '0',
      SIMULATORS: '1',
      SIM_CLOCK_START: CONTRACT_DAY,
      TAX_SIM_POPULATION: String(POPULATION),
      // Every simulated user comes from this one address: the abuse limits would stop the run.
      LOOKUP_LIMIT_USER: '1000000,1000000',
      LOOKUP_LIMIT_ADDRESS: '1000000,1000000',
      ...env,
    },
  })
  return new Promise((ok, fail) => {
    let seen = ''
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      seen += chunk
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(seen)
      if (url) {
        proc.stdout!.removeAllListeners('data')
        proc.stdout!.resume() // the log keeps flowing, as it would into a collector
        ok({ url: url[0], pid: proc.pid!, proc })
      }
    })
    proc.once('exit', (code) => fail(new Error(`server exited (${code})`)))
  })
}

const stopServer = (server: Server) => new Promise<void>((done) => (server.proc.once('exit', () => done()), server.proc.kill('SIGTERM')))

/** utime + stime of a process, in ms (Linux /proc, clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

type Timings = Record<string, number[]>

class JourneyError extends Error {}

async function post(url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })
  const answer = (await response.json()) as Record<string, unknown>
  if (response.status !== 200) throw new JourneyError(`${url.split('/').pop()}: HTTP ${response.status} ${JSON.stringify(answer).slice(0, 120)}`)
  return answer
}

/** One whole journey for person i; every call timed under its name. */
async function journey(base: string, user: number, i: number, timings: Timings, recording: () => boolean): Promise<string> {
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now()
    const result = await work()
    if (recording()) (timings[name] ??= []).push(performance.now() - started)
    return result
  }
  const { token } = (await timed('login', () => post(`${base}/v1/session`, { code: `bench-user-${user}` }))) as { token: string }
  const rpc = (method: string, request: unknown) =>
    timed(method, async () => {
      const envelope = await post(`${base}/v1/rpc/${method}`, request, token)
      if (!envelope.ok) throw new JourneyError(`${method}: ${JSON.stringify(envelope.error)}`)
      return envelope.data as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
    })
  const payer = await rpc('lookupPayer', { mode: 'other', ...populationMember(i) })
  const due = await rpc('listDueItems', { payerRef: payer.payerRef })
  const selection = { kind: 'resident', coverageYear: due.resident.years[0].coverageYear }
  const order = await rpc('createOrder', { idempotencyKey: `bench_${i}_${Date.now().toString(36)}`, payerRef: payer.payerRef, selection })
  const started = await rpc('startPayment', { orderId: order.orderId })
  const cashier = await timed('sim/cashier', () => post(`${base}/sim/cashier`, { prepayId: String(started.payParams.package).replace(/^prepay_id=/, ''), action: 'pay' }))
  if (cashier.result !== 'ok') throw new JourneyError(`cashier: ${JSON.stringify(cashier)}`)
  for (let poll = 0; ; poll++) {
    const state = (await rpc('queryOrder', { orderId: order.orderId })).state
    if (state === 'paid' || state === 'settled') break
    if (poll >= 50) throw new JourneyError(`order still ${state} after 50 polls`)
    await new Promise((r) => setTimeout(r, 20))
  }
  await rpc('getReceipt', { orderId: order.orderId })
  return order.orderId as string
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]

interface RunResult {
  storage: string
  users: number
  journeys: number
  journeysPerSecond: number
  calls: Record<string, { n: number; p50Ms: number; p99Ms: number }>
  cpu: { serverMs: number; serverShare: number; driverMs: number; driverShare: number; wallMs: number }
  errors: number
  errorSamples: string[]
  lost: number
  doubled: number
  /** PostgreSQL: the journey's SQL replayed straight through pg at the same concurrency. */
  floor?: { journeysPerSecond: number; errors: number; errorSamples: string[]; ratio: number }
}

async function run(storage: string, users: number, env: Record<string, string>, paidOf: (orderIds: string[]) => Promise<{ paid: number; doubled: number }>, firstPerson: number): Promise<RunResult> {
  const server = await startServer(env)
  try {
    const timings: Timings = {}
    const orderIds: string[] = []
    const errors: string[] = []
    let next = firstPerson
    let completed = 0
    let phase: 'warm' | 'measure' | 'done' = 'warm'
    const recording = () => phase === 'measure'
    const worker = async (user: number) => {
      while (phase !== 'done') {
        try {
          const orderId = await journey(server.url, user, next++, timings, recording)
          orderIds.push(orderId)
          // Throughput: journeys that ended inside the measured window.
          if (phase === 'measure') completed += 1
        } catch (error) {
          errors.push(error instanceof JourneyError ? error.message : String(error))
        }
      }
    }
    const workers = Array.from({ length: users }, (_, u) => worker(u))
    await new Promise((r) => setTimeout(r, WARM_MS))
    phase = 'measure'
    const cpu0 = { server: cpuMsOf(server.pid), driver: process.cpuUsage(), wall: performance.now() }
    await new Promise((r) => setTimeout(r, MEASURE_MS))
    const wallMs = performance.now() - cpu0.wall
    const serverMs = cpuMsOf(server.pid) - cpu0.server
    const driverUsage = process.cpuUsage(cpu0.driver)
    phase = 'done'
    await Promise.all(workers)
    await stopServer(server)
    const { paid, doubled } = await paidOf(orderIds)
    const calls = Object.fromEntries(
      Object.entries(timings).map(([name, times]) => {
        const sorted = [...times].sort((a, b) => a - b)
        return [name, { n: sorted.length, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)) }]
      }),
    )
    const driverMs = (driverUsage.user + driverUsage.system) / 1000
    return {
      storage,
      users,
      journeys: completed,
      journeysPerSecond: round((completed / wallMs) * 1000),
      calls,
      cpu: { serverMs: Math.round(serverMs), serverShare: round(serverMs / wallMs), driverMs: Math.round(driverMs), driverShare: round(driverMs / wallMs), wallMs: Math.round(wallMs) },
      errors: errors.length,
      errorSamples: [...new Set(errors)].slice(0, 5),
      lost: orderIds.length - paid,
      doubled,
    }
  } finally {
    if (server.proc.exitCode === null) await stopServer(server)
  }
}

const round = (n: number) => Math.round(n * 10) / 10

/** Paid orders among those the journeys made, and person-periods paid more than once. */
const PAID_SQL = `SELECT
  (SELECT count(*) FROM orders WHERE order_id = ANY($1) AND state IN ('paid', 'settled')) AS paid,
  (SELECT count(*) FROM (SELECT 1 FROM orders WHERE state IN ('paid', 'settled') GROUP BY person_key, period_key HAVING count(*) > 1) d) AS doubled`

function printRun(r: RunResult): void {
  console.log(`\n${r.storage}, ${r.users} users: ${r.journeysPerSecond} journeys/s (${r.journeys} in ${r.cpu.wallMs} ms); errors ${r.errors}, lost ${r.lost}, doubled ${r.doubled}`)
  console.log(`  CPU: server ${r.cpu.serverShare} cores, driver (the simulated users) ${r.cpu.driverShare} cores`)
  console.log('  call              n     p50 ms   p99 ms')
  for (const [name, c] of Object.entries(r.calls)) console.log(`  ${name.padEnd(15)} ${String(c.n).padStart(6)} ${c.p50Ms.toFixed(1).padStart(9)} ${c.p99Ms.toFixed(1).padStart(8)}`)
  for (const e of r.errorSamples) console.log(`  error: ${e}`)
  if (r.floor) console.log(`  floor (pg alone): ${r.floor.journeysPerSecond} journeys/s, errors ${r.floor.errors}; server/floor ${r.floor.ratio}${r.floor.errorSamples.map((e) => `\n  floor error: ${e}`).join('')}`)
}

async function countPaid(query: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>, orderIds: string[]) {
  const [row] = await query(PAID_SQL, [orderIds])
  return { paid: Number(row.paid), doubled: Number(row.doubled) }
}

function budgets(results: RunResult[]): { name: string; pass: boolean; value: string }[] {
  const pg200 = results.find((r) => r.storage === 'PostgreSQL' && r.users === 200)
  if (!pg200) return []
  const worstP99 = Math.max(...Object.values(pg200.calls).map((c) => c.p99Ms))
  return [
    { name: `PostgreSQL, 200 users: ≥ ${BUDGET.journeysPerSecond} journeys/s`, pass: pg200.journeysPerSecond >= BUDGET.journeysPerSecond, value: `${pg200.journeysPerSecond}` },
    { name: `PostgreSQL, 200 users: p99 ≤ ${BUDGET.p99Ms} ms for every call`, pass: worstP99 <= BUDGET.p99Ms, value: `${worstP99} ms` },
    { name: 'PostgreSQL, 200 users: ≥ 0.5 of the floor', pass: (pg200.floor?.ratio ?? 0) >= 0.5 && pg200.floor?.errors === 0, value: pg200.floor ? `${pg200.floor.ratio} (floor ${pg200.floor.journeysPerSecond}/s)` : 'not measured' },
    { name: 'every run: zero errors, lost and doubled', pass: results.every((r) => r.errors + r.lost + r.doubled === 0), value: results.map((r) => `${r.errors}/${r.lost}/${r.doubled}`).join(' ') },
  ]
}

/** One journey alone against a server on PostgreSQL, its statements recorded (./floor). */
async function recordJourney(pool: pg.Pool, env: Record<string, string>): Promise<Unit[]> {
  const server = await startServer(env)
  try {
    await journey(server.url, 0, POPULATION - 1, {}, () => false) // warm: the first call's set-up is not a journey's
    return await recordStatements(pool, async () => void (await journey(server.url, 1, POPULATION - 2, {}, () => false)))
  } finally {
    await stopServer(server)
  }
}

async function main(): Promise<void> {
  // Figures from a machine shared with other work are read against its load.
  const machine = { cores: cpus().length, loadAverageAtStart: loadavg().map(round) }
  console.log(`machine: ${machine.cores} cores, load average ${machine.loadAverageAtStart.join(' / ')} (1, 5, 15 min) at start`)
  const results: RunResult[] = []
  const dataDir = mkdtempSync(join(tmpdir(), 'yibao-bench-'))
  const postgres = await startPostgres()
  const pool = new pg.Pool({ connectionString: postgres.url, max: 2 })
  try {
    for (const users of USERS) {
      // A fresh embedded database per run, counted once the server has stopped.
      const dir = join(dataDir, `pglite-${users}`)
      results.push(
        await run('PGlite', users, { DATA_DIR: dir }, async (orderIds) => {
          const { PGlite } = await import('@electric-sql/pglite')
          const db = await PGlite.create(join(dir, 'pglite'))
          try {
            return await countPaid(async (sql, params) => (await db.query<Record<string, unknown>>(sql, params)).rows, orderIds)
          } finally {
            await db.close()
          }
        }, 0),
      )
      printRun(results[results.length - 1])
    }
    const pgEnv = { DATA_DIR: join(dataDir, 'pg'), DATABASE_URL: postgres.url }
    const units = await recordJourney(pool, pgEnv)
    console.log(`\nfloor: one journey is ${statementCount(units)} SQL statements in ${units.length} round trips or transactions`)
    for (const users of USERS) {
      // One database for both runs: each run its own people.
      const result = await run('PostgreSQL', users, pgEnv, (orderIds) => countPaid(async (sql, params) => (await pool.query(sql, params)).rows, orderIds), users === USERS[0] ? 0 : POPULATION / 2)
      const floor = await replay(postgres.url, units, Math.max(result.journeys, users * 3), users, POOL_SIZE, `u${users}`)
      result.floor = { ...floor, ratio: Math.round((result.journeysPerSecond / floor.journeysPerSecond) * 100) / 100 }
      results.push(result)
      printRun(result)
    }
  } finally {
    await pool.end()
    await postgres.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  const checked = budgets(results)
  console.log('\nbudgets')
  for (const b of checked) console.log(`  ${b.pass ? 'PASS' : 'FAIL'}  ${b.name}: ${b.value}`)
  const out = join(ROOT, 'bench', 'out')
  mkdirSync(out, { recursive: true })
  writeFileSync(join(out, 'bench-server.json'), JSON.stringify({ measuredAt: new Date().toISOString(), machine: { ...machine, loadAverageAtEnd: loadavg().map(round) }, measureMs: MEASURE_MS, results, budgets: checked }, null, 2))
  console.log(`\nwritten: bench/out/bench-server.json`)
  if (!checked.every((b) => b.pass)) process.exitCode = 1
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
