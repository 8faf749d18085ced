/**
 * Model-based payment sessions with WeChat Pay's notify as an actor (duplicated, concurrently
 * duplicated, late past the query job, lost, out of order with a second attempt), on PostgreSQL
 * and on the embedded PGlite: many sessions at once, each with its own WeChat user and its own
 * synthetic people (./paymentSessions). The server's clock is one for all, so a run goes in
 * waves, each on a server (and database) of its own: the wave's sessions play round 1 together,
 * the clock moves (drawn per wave: seconds, past the notify's 30 s, past an attempt's 15
 * minutes), round 2, …, then the world settles and every session's books and the whole books of
 * the wave are checked (./paymentBooks).
 *
 * A failing session prints MODEL_SEED and MODEL_PATH; with both set, this file plays that one
 * session alone (MODEL_STORAGE=PostgreSQL|PGlite for one storage) and shrinks it. */
import fc from 'fast-check'
import pg from 'pg'
import { dumpAll, dumpPglite, type Rows } from './dump'
import { postJson } from './httpClient'
import { JOURNEY_ENV } from './journeys'
import { booksOf, readLedger } from './paymentBooks'
import { LATE_NOTIFY_MS, MODEL_POPULATION, openSession, peopleOf, populationEnv, ROUNDS, sessionPlan, type Session, type SessionPlan, type SessionUrls } from './paymentSessions'
import { startPostgres, type Postgres } from './postgres'
import { startServerProcess, type ServerProcess } from './serverProcess'
import { devWechatPayEnv } from './wechatpayWorld'

const STORAGES = [
  { name: 'PostgreSQL', sessions: 1_000, wave: 250, concurrency: 32 },
  // One WebAssembly thread serves every query on PGlite (about half PostgreSQL's pace here): fewer sessions.
  { name: 'PGlite', sessions: 100, wave: 100, concurrency: 25 },
] as const
const SEED = Number(process.env.MODEL_SEED ?? Math.floor(Math.random() * 2 ** 31))
const REPLAY = process.env.MODEL_PATH
const ENV = { ...JOURNEY_ENV, TAX_SIM_POPULATION: populationEnv(MODEL_POPULATION), TAX_BOOKINGS_PER_SECOND: '1000', LOG_LEVEL: 'warn' }

/** The clock's moves between a wave's rounds: a few seconds, past the notify's 30 s, past an attempt's 15 minutes. */
const timeline = fc.array(fc.constantFrom(2_000, 31_000, 16 * 60_000), { minLength: ROUNDS - 1, maxLength: ROUNDS - 1 })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++])
  }))
}

interface World {
  server: ServerProcess
  urls: SessionUrls
  databaseUrl?: string
  personFor: ReturnType<typeof peopleOf>
}

let waves = 0
/** A server of its own for one wave (on a new database of the cluster, or a new embedded one), so WeChat Pay's books (rewritten at every call) stay small. */
async function startWorld(cluster: Postgres | undefined): Promise<World> {
  let databaseUrl: string | undefined
  if (cluster) {
    const name = `wave${waves++}`
    const admin = new pg.Client({ connectionString: cluster.url })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end())
    databaseUrl = cluster.url.replace(/\/postgres$/, `/${name}`)
  }
  const server = await startServerProcess({ databaseUrl, env: ENV })
  const wechatPay = devWechatPayEnv(server.dataDir).WECHATPAY_BASE_URL
  return { server, databaseUrl, personFor: peopleOf(MODEL_POPULATION), urls: { server: () => server.url(), wechatPay: () => wechatPay } }
}

/** Moves the clock and lets the jobs run; a move that made hundreds of them due may outlast one call's 15 s of waiting (a 500), so it waits on. */
async function advance(world: World, ms: number): Promise<number> {
  for (let tries = 0; ; tries++) {
    const answer = await postJson(`${world.server.url()}/sim/clock`, { advanceMs: tries === 0 ? ms : 0 })
    if (answer.status === 200) return (answer.body as { now: number }).now
    if (tries === 4) throw new Error(`/sim/clock answered ${answer.status}: ${JSON.stringify(answer.body)}`)
  }
}

interface Played {
  path: number
  session?: Session
  failure?: string
}

/** One wave on its own server: its sessions play each round together, the clock moving between rounds; then the world settles and the books are read. */
async function playWave(cluster: Postgres | undefined, plans: { path: number; plan: SessionPlan }[], gaps: number[], concurrency: number) {
  const world = await startWorld(cluster)
  try {
    const played: Played[] = []
    await inParallel(plans, concurrency, async ({ path, plan }) => {
      const session = await openSession(world.urls, `${SEED}-${path}`, plan, world.personFor).catch((e: Error) => e)
      played.push(session instanceof Error ? { path, failure: `login: ${session.message}` } : { path, session })
    })
    for (let r = 0; r < ROUNDS; r++) {
      if (r > 0) await advance(world, gaps[r - 1])
      await inParallel(played, concurrency, async (p) => {
        if (p.session && !p.failure) await p.session.round(r).catch((e: Error) => (p.failure = e.message))
      })
    }
    // Late notifies land; lapsed attempts are closed and asked about; notifies WeChat Pay retries
    // arrive; bookings, refunds and their queries finish.
    await sleep(LATE_NOTIFY_MS + 500)
    for (const ms of [16 * 60_000, 5 * 60_000]) await advance(world, ms)
    await inParallel(played, concurrency, async (p) => {
      if (p.session && !p.failure) p.failure = (await p.session.heard(60_000).catch((e: Error) => [e.message]))[0]
    })
    for (const ms of [5 * 60_000, 5 * 60_000]) await advance(world, ms)
    const errors = world.server.logs.filter((l) => l.includes('"level":50'))
    const books = await readBooks(world)
    const faults = played.map((p) => ({ path: p.path, faults: [...(p.failure ? [p.failure] : []), ...(p.session ? books.session(p.session.people().map((x) => x.orderIds)) : [])] }))
    return { faults, whole: books.whole(), stats: books.stats(), errors }
  } finally {
    await world.server.stop()
  }
}

/** Every row of the server's tables, WeChat Pay's ledger and the clock, after the world settled. */
async function readBooks(world: World) {
  const now = await advance(world, 0)
  const wechat = readLedger(world.server.dataDir)
  if (!world.databaseUrl) {
    await world.server.halt()
    return booksOf({ rows: dumpPglite(world.server.dataDir), wechat, now })
  }
  const pool = new pg.Pool({ connectionString: world.databaseUrl, max: 1 })
  const rows: Rows = await dumpAll(async (sql) => (await pool.query(sql)).rows as Record<string, unknown>[]).finally(() => pool.end())
  return booksOf({ rows, wechat, now })
}

/** Counts of the waves added up. */
function addUp(into: Record<string, Record<string, number> | number>, stats: Record<string, Record<string, number> | number>) {
  for (const [k, v] of Object.entries(stats)) {
    if (typeof v === 'number') into[k] = ((into[k] as number | undefined) ?? 0) + v
    else {
      const counts = (into[k] ??= {}) as Record<string, number>
      for (const [kk, n] of Object.entries(v)) counts[kk] = (counts[kk] ?? 0) + n
    }
  }
}

describe.each(STORAGES.filter((s) => !process.env.MODEL_STORAGE || s.name === process.env.MODEL_STORAGE))('on $name', ({ name, sessions, wave, concurrency }) => {
  let cluster: Postgres | undefined
  beforeAll(async () => {
    if (name === 'PostgreSQL') cluster = await startPostgres()
  }, 120_000)
  afterAll(() => cluster?.stop(), 30_000)

  if (REPLAY !== undefined) {
    it(`replays session ${REPLAY} of seed ${SEED}, shrinking it if it fails`, async () => {
      const gaps = fc.sample(timeline, { seed: SEED, numRuns: Math.floor(Number(REPLAY.split(':')[0]) / wave) + 1 }).at(-1)!
      await fc.assert(
        fc.asyncProperty(sessionPlan, async (plan) => {
          const { faults } = await playWave(cluster, [{ path: 0, plan }], gaps, 1)
          if (faults[0].faults.length > 0) throw new Error(faults[0].faults.join('\n'))
        }),
        { seed: SEED, path: REPLAY, numRuns: 1, endOnFailure: false },
      )
    }, 600_000)
    return
  }

  it(`keeps its invariants over ${sessions} sessions`, async () => {
    const started = Date.now()
    const plans = fc.sample(sessionPlan, { seed: SEED, numRuns: sessions }).map((plan, path) => ({ path, plan }))
    const gapsOf = fc.sample(timeline, { seed: SEED, numRuns: Math.ceil(sessions / wave) })
    const failures: string[] = []
    const whole: string[] = []
    const stats = {}
    for (let w = 0; w * wave < sessions; w++) {
      const result = await playWave(cluster, plans.slice(w * wave, (w + 1) * wave), gapsOf[w], concurrency)
      for (const { path, faults } of result.faults) {
        if (faults.length) failures.push(`session ${path} (MODEL_SEED=${SEED} MODEL_PATH=${path} MODEL_STORAGE=${name}): ${faults.join('; ')}\n  plan: ${JSON.stringify(plans[path].plan)}`)
      }
      whole.push(...result.whole.map((f) => `wave ${w}: ${f}`))
      addUp(stats, result.stats)
      if (result.errors.length) console.log(`wave ${w}: the server logged ${result.errors.length} errors, e.g.\n${result.errors.slice(0, 3).join('\n')}`)
    }
    console.log(`${name}: ${sessions} sessions in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED}); ${JSON.stringify(stats)}`)
    expect({ failing: failures.length, first: failures.slice(0, 5) }).toEqual({ failing: 0, first: [] })
    expect(whole).toEqual([])
  }, 900_000)
})
