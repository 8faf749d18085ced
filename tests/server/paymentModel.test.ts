/**
 * Model-based payment sessions with WeChat Pay's notify as an actor (duplicated, concurrently
 * duplicated, late past the query job, lost, out of order with a second attempt), on PostgreSQL
 * and on the embedded PGlite: one server per storage, many sessions at once, each with its own
 * WeChat user and its own synthetic people (./paymentSessions). The server's clock is one for
 * all, so a run goes in waves: the wave's sessions play round 1 together, the clock moves (drawn
 * per wave: seconds, past the notify's 30 s, past an attempt's 15 minutes), round 2, …, then the
 * world settles and the next wave starts. At the end every session's books and the whole books
 * are checked (./paymentBooks).
 *
 * A failing session prints MODEL_SEED and MODEL_PATH; with both set, this file plays that one
 * session alone on each storage (MODEL_STORAGE=PostgreSQL|PGlite for one) and shrinks it.
 */
import fc from 'fast-check'
import pg from 'pg'
import { dumpAll, dumpPglite, type Rows } from './dump'
import { postJson } from './httpClient'
import { JOURNEY_ENV } from './journeys'
import { booksOf, readLedger } from './paymentBooks'
import { LATE_NOTIFY_MS, MODEL_POPULATION, openSession, peopleOf, populationEnv, ROUNDS, sessionPlan, TIMES, type Session, type SessionPlan, type SessionUrls } from './paymentSessions'
import { startPostgres, type Postgres } from './postgres'
import { startServerProcess, type ServerProcess } from './serverProcess'
import { devWechatPayEnv } from './wechatpayWorld'

const STORAGES = [
  { name: 'PostgreSQL', sessions: 100, wave: 100, concurrency: 50 },
  { name: 'PGlite', sessions: 50, wave: 50, concurrency: 16 },
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
  pg?: Postgres
  personFor: ReturnType<typeof peopleOf>
}

const PHASES: Record<string, number> = {}
/** The server and its simulator's sheet (both on new ports after a restart). */
function connect(world: World): void {
  const wechatPay = devWechatPayEnv(world.server.dataDir).WECHATPAY_BASE_URL
  world.urls = { server: () => world.server.url(), wechatPay: () => wechatPay }
}

async function advance(world: World, ms: number): Promise<number> {
  const t0 = Date.now()
  const answer = await postJson(`${world.server.url()}/sim/clock`, { advanceMs: ms })
  if (answer.status !== 200) throw new Error(`/sim/clock answered ${answer.status}: ${JSON.stringify(answer.body)}`)
  PHASES[`advance${ms}`] = (PHASES[`advance${ms}`] ?? 0) + Date.now() - t0
  return (answer.body as { now: number }).now
}

/** One wave: its sessions play each round together, the clock moving between rounds; then the world settles. Answers each session's failure. */
async function playWave(world: World, plans: { path: number; plan: SessionPlan }[], gaps: number[], concurrency: number): Promise<Map<number, { session?: Session; failure?: string }>> {
  const played = new Map<number, { session?: Session; failure?: string }>()
  const T0 = Date.now()
  await inParallel(plans, concurrency, async ({ path, plan }) => {
    const session = await openSession(world.urls, `${SEED}-${path}`, plan, world.personFor).catch((e: Error) => e)
    played.set(path, session instanceof Error ? { failure: `login: ${session.message}` } : { session })
  })
  PHASES.login = (PHASES.login ?? 0) + Date.now() - T0
  for (let r = 0; r < ROUNDS; r++) {
    if (r > 0) await advance(world, gaps[r - 1])
    const t1 = Date.now()
    await inParallel(plans, concurrency, async ({ path }) => {
      const p = played.get(path)!
      if (!p.session || p.failure) return
      await p.session.round(r).catch((e: Error) => (p.failure = e.message))
    })
    PHASES[`round${r}`] = (PHASES[`round${r}`] ?? 0) + Date.now() - t1
  }
  // Late notifies land; lapsed attempts are closed and asked about; bookings, refunds and their queries finish.
  await sleep(LATE_NOTIFY_MS + 500)
  for (const ms of [16 * 60_000, 5 * 60_000, 5 * 60_000]) await advance(world, ms)
  return played
}

/** Every row of the server's tables, WeChat Pay's ledger and the clock, after the world settled. */
async function readBooks(world: World) {
  const now = await advance(world, 0)
  if (!world.pg) {
    await world.server.halt()
    const rows = dumpPglite(world.server.dataDir)
    await world.server.restart()
    connect(world)
    return booksOf({ rows, wechat: readLedger(world.server.dataDir), now })
  }
  const pool = new pg.Pool({ connectionString: world.pg.url, max: 1 })
  const rows: Rows = await dumpAll(async (sql) => (await pool.query(sql)).rows as Record<string, unknown>[]).finally(() => pool.end())
  return booksOf({ rows, wechat: readLedger(world.server.dataDir), now })
}

const replayHint = (path: number) => `MODEL_SEED=${SEED} MODEL_PATH=${path}`

describe.each(STORAGES.filter((s) => !process.env.MODEL_STORAGE || s.name === process.env.MODEL_STORAGE))('on $name', ({ name, sessions, wave, concurrency }) => {
  const world = {} as World
  beforeAll(async () => {
    if (name === 'PostgreSQL') world.pg = await startPostgres()
    world.server = await startServerProcess({ databaseUrl: world.pg?.url, env: ENV })
    world.personFor = peopleOf(MODEL_POPULATION)
    connect(world)
  }, 120_000)
  afterAll(async () => {
    await world.server?.stop()
    await world.pg?.stop()
  }, 30_000)

  if (REPLAY !== undefined) {
    it(`replays session ${REPLAY} of seed ${SEED}, shrinking it if it fails`, async () => {
      const gaps = fc.sample(timeline, { seed: SEED, numRuns: Math.floor(Number(REPLAY.split(':')[0]) / wave) + 1 }).at(-1)!
      await fc.assert(
        fc.asyncProperty(sessionPlan, async (plan) => {
          const { session, failure } = (await playWave(world, [{ path: 0, plan }], gaps, 1)).get(0)!
          const faults = [...(failure ? [failure] : []), ...(session ? (await readBooks(world)).session(session.people().map((p) => p.orderIds)) : [])]
          if (faults.length > 0) throw new Error(faults.join('\n'))
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
    const played = new Map<number, { session?: Session; failure?: string }>()
    for (let w = 0; w * wave < sessions; w++) {
      for (const [path, p] of await playWave(world, plans.slice(w * wave, (w + 1) * wave), gapsOf[w], concurrency)) played.set(path, p)
    }
    const books = await readBooks(world)
    const failures = [...played].flatMap(([path, { session, failure }]) => {
      const faults = [...(failure ? [failure] : []), ...(session ? books.session(session.people().map((p) => p.orderIds)) : [])]
      return faults.length ? [`session ${path} (${replayHint(path)} MODEL_STORAGE=${name}): ${faults.join('; ')}\n  plan: ${JSON.stringify(plans[path].plan)}`] : []
    })
    console.log(JSON.stringify(TIMES), JSON.stringify(PHASES), [...played.values()].reduce((n, p) => n + (p.session?.calls() ?? 0), 0))
    console.log(`${name}: ${sessions} sessions in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED}); ${JSON.stringify(books.stats())}`)
    expect({ failing: failures.length, first: failures.slice(0, 5) }).toEqual({ failing: 0, first: [] })
    expect(books.whole()).toEqual([])
  }, 600_000)
})
