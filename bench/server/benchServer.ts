/**
 * `npm run bench:server`: N simulated WeChat users at once, each running whole journeys (./journey)
 * against the server, on embedded PGlite and on PostgreSQL, at 50 and 200 users. The simulators
 * (WeChat Pay, code2session) run in their own process (./simulators) unless `--simulators inline`;
 * the tax simulator is inside the server (its books are tables of the server's database). Prints
 * journeys/s, p50/p99 per call, CPU per journey of the server, the simulators, PostgreSQL and the
 * driver, SQL statements and RSA operations per journey, errors and lost/doubled orders, and the
 * budgets pass/fail; writes bench/out/bench-server.json.
 *   npm run bench:server -- [--users 50,200] [--storage pglite,postgres] [--measure-ms 10000] [--warm-ms 2000] [--simulators apart|inline]
 */
import { generateKeyPairSync, sign } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { CONNECTIONS } from '../../server/src/db/database'
import { freePort, startPostgres } from '../../tests/server/postgres'
import { recordStatements, replay, statementCount, type Unit } from './floor'
import { journey, JourneyError, type JourneyTarget, type Timings } from './journey'
import { CONTRACT_DAY, countersOf, cpuMsOf, postgresCpuMs, postmasterOf, ROOT, startServer, startSimulators, type Proc, type Simulators } from './processes'
import { budgets, printRun, round, type RunResult } from './report'

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '50,200' },
    storage: { type: 'string', default: 'pglite,postgres' },
    'measure-ms': { type: 'string', default: '10000' },
    'warm-ms': { type: 'string', default: '2000' },
    simulators: { type: 'string', default: 'apart' },
  },
})
const USERS = args.users!.split(',').map(Number)
const STORAGES = args.storage!.split(',')
const MEASURE_MS = Number(args['measure-ms'])
const WARM_MS = Number(args['warm-ms'])
const APART = args.simulators !== 'inline'
/** How much longer than asked the warm-up and the window may run to see the steady state. */
const MAX_WARM_MS = 60_000
const POPULATION = 60_000

const SERVER_ENV = {
  SIMULATORS: '1',
  SIM_CLOCK_START: CONTRACT_DAY,
  TAX_SIM_POPULATION: String(POPULATION),
  // Every simulated user comes from this one address: the abuse limits would stop the run.
  LOOKUP_LIMIT_USER: '1000000,1000000',
  LOOKUP_LIMIT_ADDRESS: '1000000,1000000',
  // A journey ends at 已缴费, after the booking job: the simulated tax system takes what comes
  // (the production default, 20 a second per instance, would be the bench's ceiling).
  TAX_BOOKINGS_PER_SECOND: '1000',
}

interface World {
  target: JourneyTarget
  server: Proc
  simulators?: Simulators
  serverCounters: string
  simulatorCounters: string
  stop(): Promise<void>
}

/** The server, and the simulators in their own process unless inline; each process counts its SQL and RSA work. */
async function startWorld(env: Record<string, string>, scratch: string, name: string): Promise<World> {
  const serverCounters = join(scratch, `${name}.server.json`)
  const simulatorCounters = join(scratch, `${name}.simulators.json`)
  if (!APART) {
    const server = await startServer({ ...SERVER_ENV, ...env, PORT: '0', BENCH_COUNTERS_FILE: serverCounters })
    return { target: { base: server.ready, cashierUrl: `${server.ready}/sim/cashier` }, server, serverCounters, simulatorCounters, stop: () => server.stop() }
  }
  const port = await freePort()
  const simulators = await startSimulators(`http://127.0.0.1:${port}/v1/wxpay/notify`, join(scratch, `${name}-keys`), { SIM_CLOCK_START: CONTRACT_DAY, BENCH_COUNTERS_FILE: simulatorCounters })
  const server = await startServer({ ...SERVER_ENV, ...env, ...simulators.env, PORT: String(port), BENCH_COUNTERS_FILE: serverCounters }).catch(async (error) => {
    await simulators.stop()
    throw error
  })
  return { target: { base: server.ready, cashierUrl: simulators.cashierUrl }, server, simulators, serverCounters, simulatorCounters, stop: async () => (await server.stop(), await simulators.stop()) }
}

/** Transactions PostgreSQL committed (a statement outside BEGIN … COMMIT is one). */
const commits = async (pool?: pg.Pool) => (pool ? Number((await pool.query<{ n: string }>('SELECT sum(xact_commit + xact_rollback) AS n FROM pg_stat_database')).rows[0].n) : 0)

interface RunSpec {
  storage: RunResult['storage']
  users: number
  env: Record<string, string>
  /** PostgreSQL: the bench's own pool on the cluster (its CPU and counts). */
  pool?: pg.Pool
  paidOf(orderIds: string[]): Promise<{ paid: number; doubled: number }>
  firstPerson: number
}

async function run(spec: RunSpec, scratch: string): Promise<RunResult> {
  const world = await startWorld(spec.env, scratch, `${spec.storage}-${spec.users}`)
  const postmaster = spec.pool ? await postmasterOf(spec.pool) : undefined
  const pgCpu = () => (postmaster ? postgresCpuMs(postmaster) : 0)
  const timings: Timings = {}
  const orderIds: string[] = []
  const errors: string[] = []
  let next = spec.firstPerson
  let completed = 0
  let warmEnded = 0
  let phase: 'warm' | 'measure' | 'done' = 'warm'
  const recording = () => phase === 'measure'
  const worker = async (user: number) => {
    while (phase !== 'done') {
      try {
        orderIds.push(await journey(world.target, user, next++, timings, recording))
        // Throughput: journeys that ended inside the measured window.
        if (phase === 'measure') completed += 1
        else if (phase === 'warm') warmEnded += 1
      } catch (error) {
        errors.push(error instanceof JourneyError ? error.message : String(error))
      }
    }
  }
  let window
  try {
    const workers = Array.from({ length: spec.users }, (_, u) => worker(u))
    const warmFrom = performance.now()
    await new Promise((r) => setTimeout(r, WARM_MS))
    // Steady state once as many journeys ended as there are users (on a slow day the first ones
    // take longer than the warm-up), a minute more at the most.
    while (warmEnded < spec.users && performance.now() - warmFrom < WARM_MS + MAX_WARM_MS) await new Promise((r) => setTimeout(r, 100))
    const warmMs = Math.round(performance.now() - warmFrom)
    phase = 'measure'
    const load = loadavg()[0]
    const at0 = { server: cpuMsOf(world.server.pid), simulators: world.simulators ? cpuMsOf(world.simulators.pid) : 0, postgres: pgCpu(), driver: process.cpuUsage(), commits: await commits(spec.pool), wall: performance.now() }
    await new Promise((r) => setTimeout(r, MEASURE_MS))
    // Journeys on one embedded connection end in waves (the users move in step): the window spans
    // at least as many journeys as there are users, a minute more at the most.
    while (completed < spec.users && performance.now() - at0.wall < MEASURE_MS + MAX_WARM_MS) await new Promise((r) => setTimeout(r, 100))
    const driver = process.cpuUsage(at0.driver)
    window = {
      load,
      warmMs,
      wallMs: performance.now() - at0.wall,
      serverMs: cpuMsOf(world.server.pid) - at0.server,
      simulatorsMs: world.simulators ? cpuMsOf(world.simulators.pid) - at0.simulators : 0,
      postgresMs: pgCpu() - at0.postgres,
      driverMs: (driver.user + driver.system) / 1000,
      commits: (await commits(spec.pool)) - at0.commits,
    }
    phase = 'done'
    await Promise.all(workers)
  } finally {
    phase = 'done'
    await world.stop()
  }
  const { paid, doubled } = await spec.paidOf(orderIds)
  const server = countersOf(world.serverCounters)
  const simulators = countersOf(world.simulatorCounters)
  const all = Math.max(1, orderIds.length)
  const per = (ms: number) => round(ms / Math.max(1, completed))
  const calls = Object.fromEntries(
    Object.entries(timings).map(([name, times]) => {
      const sorted = [...times].sort((a, b) => a - b)
      return [name, { n: sorted.length, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)) }]
    }),
  )
  const cpuPerJourneyMs = { server: per(window.serverMs), simulators: per(window.simulatorsMs), postgres: per(window.postgresMs), driver: per(window.driverMs) }
  return {
    storage: spec.storage,
    users: spec.users,
    loadAverage1m: round(window.load),
    warmMs: window.warmMs,
    journeys: completed,
    journeysPerSecond: round((completed / window.wallMs) * 1000),
    calls,
    cpu: {
      wallMs: Math.round(window.wallMs),
      cores: { server: round(window.serverMs / window.wallMs), simulators: round(window.simulatorsMs / window.wallMs), postgres: round(window.postgresMs / window.wallMs), driver: round(window.driverMs / window.wallMs) },
      perJourneyMs: { ...cpuPerJourneyMs, total: round(Object.values(cpuPerJourneyMs).reduce((a, b) => a + b, 0)) },
    },
    perJourney: {
      sqlStatements: round(server.sql / all),
      transactions: spec.pool ? round(window.commits / Math.max(1, completed)) : undefined,
      rsaSign: round((server.rsaSign + simulators.rsaSign) / all),
      rsaVerify: round((server.rsaVerify + simulators.rsaVerify) / all),
      topSql: Object.entries(server.bySql).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([sql, n]) => ({ sql, perJourney: round(n / all) })),
    },
    errors: errors.length,
    errorSamples: [...new Set(errors)].slice(0, 5),
    lost: orderIds.length - paid,
    doubled,
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]

/** Paid orders among those the journeys made, and person-periods paid more than once. */
const PAID_SQL = `SELECT
  (SELECT count(*) FROM orders WHERE order_id = ANY($1) AND state IN ('paid', 'settled')) AS paid,
  (SELECT count(*) FROM (SELECT 1 FROM orders WHERE state IN ('paid', 'settled') GROUP BY person_key, period_key HAVING count(*) > 1) d) AS doubled`

async function countPaid(query: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>, orderIds: string[]) {
  const [row] = await query(PAID_SQL, [orderIds])
  return { paid: Number(row.paid), doubled: Number(row.doubled) }
}

/** One journey alone against a server on PostgreSQL, its statements recorded (./floor), counted per call. */
async function recordJourney(pool: pg.Pool, env: Record<string, string>, scratch: string): Promise<{ units: Unit[]; perCall: Record<string, number> }> {
  const world = await startWorld(env, scratch, 'record')
  try {
    await journey(world.target, 0, POPULATION - 1, {}, () => false) // warm: the first call's set-up is not a journey's
    return await recordStatements(pool, (mark) => journey(world.target, 1, POPULATION - 2, {}, () => false, mark).then(() => undefined))
  } finally {
    await world.stop()
  }
}

/**
 * One RSA-2048 signature, in ms: the same machine kind has run 3× slower on one day than another,
 * so runs are compared by this yardstick (the server signs twice a journey).
 */
function rsaSignatureMs(): number {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const started = performance.now()
  for (let i = 0; i < 50; i++) sign('sha256', Buffer.from(`yardstick ${i}`), privateKey)
  return Math.round(((performance.now() - started) / 50) * 100) / 100
}

async function main(): Promise<void> {
  // Figures from a machine shared with other work are read against its load and its speed.
  const machine = { cores: cpus().length, loadAverageAtStart: loadavg().map(round), rsaSignatureMs: rsaSignatureMs(), simulators: APART ? 'own process' : 'inside the server' }
  console.log(`machine: ${machine.cores} cores, load average ${machine.loadAverageAtStart.join(' / ')} (1, 5, 15 min) at start, one RSA-2048 signature ${machine.rsaSignatureMs} ms; simulators ${machine.simulators}`)
  const results: RunResult[] = []
  const scratch = mkdtempSync(join(tmpdir(), 'yibao-bench-'))
  const postgres = STORAGES.includes('postgres') ? await startPostgres() : undefined
  const pool = postgres && new pg.Pool({ connectionString: postgres.url, max: 2 })
  // An idle connection cut when the cluster stops is an 'error' event; unheard it ends the bench.
  pool?.on('error', () => undefined)
  let perCall: Record<string, number> = {}
  try {
    if (STORAGES.includes('pglite')) {
      for (const users of USERS) {
        // A fresh embedded database per run, counted once the server has stopped.
        const dir = join(scratch, `pglite-${users}`)
        const paidOf = async (orderIds: string[]) => {
          const { PGlite } = await import('@electric-sql/pglite')
          const db = await PGlite.create(join(dir, 'pglite'))
          try {
            return await countPaid(async (sql, params) => (await db.query<Record<string, unknown>>(sql, params)).rows, orderIds)
          } finally {
            await db.close()
          }
        }
        results.push(await run({ storage: 'PGlite', users, env: { DATA_DIR: dir }, paidOf, firstPerson: 0 }, scratch))
        printRun(results[results.length - 1], machine.cores)
      }
    }
    if (postgres && pool) {
      const env = { DATA_DIR: join(scratch, 'pg'), DATABASE_URL: postgres.url }
      const recorded = await recordJourney(pool, env, scratch)
      perCall = recorded.perCall
      console.log(`\nfloor: one journey is ${statementCount(recorded.units)} SQL statements in ${recorded.units.length} round trips or transactions; per call: ${Object.entries(perCall).map(([k, v]) => `${k} ${v}`).join(', ')}`)
      for (const [k, users] of USERS.entries()) {
        // One database for all runs: each run its own people.
        const paidOf = (orderIds: string[]) => countPaid(async (sql, params) => (await pool.query(sql, params)).rows, orderIds)
        const result = await run({ storage: 'PostgreSQL', users, env, pool, paidOf, firstPerson: k * Math.floor(POPULATION / USERS.length) }, scratch)
        const floor = await replay(postgres.url, recorded.units, Math.max(result.journeys, users * 3), users, CONNECTIONS, `u${users}`)
        result.floor = { ...floor, ratio: Math.round((result.journeysPerSecond / floor.journeysPerSecond) * 100) / 100 }
        results.push(result)
        printRun(result, machine.cores)
      }
    }
  } finally {
    await pool?.end()
    await postgres?.stop()
    rmSync(scratch, { recursive: true, force: true })
  }
  const checked = budgets(results)
  console.log('\nbudgets')
  for (const b of checked) console.log(`  ${b.pass ? 'PASS' : 'FAIL'}  ${b.name}: ${b.value}`)
  const out = join(ROOT, 'bench', 'out')
  mkdirSync(out, { recursive: true })
  writeFileSync(join(out, 'bench-server.json'), JSON.stringify({ measuredAt: new Date().toISOString(), machine: { ...machine, loadAverageAtEnd: loadavg().map(round) }, measureMs: MEASURE_MS, statementsPerCall: perCall, results, budgets: checked }, null, 2))
  console.log(`\nwritten: bench/out/bench-server.json`)
  if (!checked.every((b) => b.pass)) process.exitCode = 1
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
