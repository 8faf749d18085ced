/**
 * Two server instances on one PostgreSQL, as behind a load balancer: both take notifies and both
 * run the jobs, and every effect still happens once. Half the orders are opened through each
 * instance, so each attempt's notify goes to the instance that opened it; payments whose notify
 * never came are found by both sweeps. The second instance talks to the first one's WeChat Pay
 * simulator through WECHATPAY_* only (its own notify URL), and its clock runs 1 ms ahead: every
 * row a job writes carries its instance's clock, which says which instance ran it.
 */
import { populationMember } from '../../server/src/tax/population'
import { login, postJson } from './httpClient'
import { expectEachJourneyPaidOnce, newJourney } from './journeys'
import { freePort, startPostgres, type Postgres } from './postgres'
import { CONTRACT_DAY, startServerProcess, type ServerProcess } from './serverProcess'
import { devWechatPayEnv, tables, wechatPayWorld } from './wechatpayWorld'

const POPULATION = { TAX_SIM_POPULATION: '12' }
let pg: Postgres
let first: ServerProcess
let second: ServerProcess
let db: ReturnType<typeof tables>
const throughFirst = wechatPayWorld(() => first.url())
// The development cashier lives with the simulator, in the first instance.
const throughSecond = wechatPayWorld(() => second.url(), () => first.url())

beforeAll(async () => {
  pg = await startPostgres()
  first = await startServerProcess({ databaseUrl: pg.url, env: POPULATION })
  const port = await freePort()
  const wechatPay = { ...devWechatPayEnv(first.dataDir), WECHATPAY_NOTIFY_URL: `http://127.0.0.1:${port}/v1/wxpay/notify`, PORT: String(port) }
  // Both instances share the WeChat Pay configuration; the PII keys are the same development pair.
  second = await startServerProcess({ databaseUrl: pg.url, env: { ...wechatPay, ...POPULATION } })
  db = tables(pg.url)
}, 120_000)
afterAll(async () => {
  await db?.close()
  await second?.stop()
  await first?.stop()
  await pg?.stop()
}, 30_000)

const advance = (server: ServerProcess, ms: number) => postJson(`${server.url()}/sim/clock`, { advanceMs: ms })
/** Notifies an instance acknowledged, from its own request log. */
const notifiesTaken = (server: ServerProcess) => server.logs.filter((l) => l.includes('"path":"/v1/wxpay/notify"') && l.includes('"status":204')).length

it('shares the notifies and the jobs between both instances, and settles each payment once', async () => {
  const t0 = Date.parse(CONTRACT_DAY)
  await advance(second, 1)
  const worlds = [throughFirst, throughSecond, throughFirst, throughSecond]
  const orders = await Promise.all(Array.from({ length: 8 }, (_, i) => worlds[i % 4].orderFor(populationMember(i))))
  // The first four are notified (to the instance that opened them); the last four never are.
  for (const [i, order] of orders.entries()) await order.sheet((await order.start()).attemptId, 'pay', i < 4 ? {} : { notify: false })
  // Both clocks on past the notify's 30 s, both instances' jobs let loose at once.
  await Promise.all([advance(first, 31_000), advance(second, 31_000)])

  const journeys = orders.map(({ order }, i) => ({ ...newJourney(i), orderId: order.orderId }))
  await expectEachJourneyPaidOnce(db, journeys)
  expect(await db.rows("SELECT attempt_id FROM payment_attempts WHERE state IN ('extra', 'open')")).toEqual([])
  expect(await db.rows('SELECT out_refund_no FROM refunds')).toEqual([])
  expect((await db.rows<{ outcome: string }>('SELECT outcome FROM wxpay_inbox')).map((n) => n.outcome)).toEqual(['accepted', 'accepted', 'accepted', 'accepted'])

  expect([notifiesTaken(first), notifiesTaken(second)]).toEqual([2, 2])
  // Who ran each job, by the clock it wrote: the bookings, and the queries that found the unnotified payments.
  const instanceAt = (at: number) => ({ [t0]: 'first', [t0 + 31_000]: 'first', [t0 + 1]: 'second', [t0 + 31_001]: 'second' })[at] ?? `unknown ${at}`
  const bookedBy = (await db.rows<{ requested_at: number }>('SELECT requested_at FROM taxsim_declarations')).map((d) => instanceAt(d.requested_at))
  const queriedBy = (await db.rows<{ updated_at: number }>('SELECT a.updated_at FROM payment_attempts a WHERE a.attempt_id NOT IN (SELECT out_trade_no FROM wxpay_inbox)')).map((a) => instanceAt(a.updated_at))
  expect(queriedBy).toHaveLength(4)
  expect([...new Set([...bookedBy, ...queriedBy])].sort()).toEqual(['first', 'second'])
}, 60_000)

/** One signed-in call through an instance: 200 while the session lives, 401 once it ended. */
const recordsWith = (token: string) => (server: ServerProcess) => postJson(`${server.url()}/v1/rpc/listRecords`, {}, { authorization: `Bearer ${token}` })

it('refuses a session ended through one instance on the other too, though both had answered it', async () => {
  const token = await login(first.url(), 'two-instances-session')
  const records = recordsWith(token)
  // Each instance has now checked the token, and keeps it as live.
  for (const server of [first, second, second]) expect((await records(server)).status).toBe(200)
  await fetch(`${first.url()}/v1/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })
  // The notice reaches the second instance a moment after the first committed the end.
  const refusedBy = async (server: ServerProcess) => {
    for (const until = Date.now() + 1_000; Date.now() < until; await new Promise((r) => setTimeout(r, 25))) if ((await records(server)).status === 401) return true
    return false
  }
  expect((await records(first)).status).toBe(401)
  expect(await refusedBy(second)).toBe(true)
})

it('trusts nothing it kept while its ear on the database was cut, so a session ended meanwhile stays ended', async () => {
  const token = await login(first.url(), 'two-instances-deaf')
  const records = recordsWith(token)
  for (const server of [second, second]) expect((await records(server)).status).toBe(200)
  const listeners = "SELECT pid FROM pg_stat_activity WHERE query = 'LISTEN yibao_sessions_ended'"
  const losses = () => second.logs.filter((l) => l.includes('listener on yibao_sessions_ended lost')).length
  const lostBefore = losses()
  // Both instances' listening connections cut: the end below sends its notice to no one.
  await db.rows(`SELECT pg_terminate_backend(pid) FROM (${listeners}) l`)
  for (const until = Date.now() + 5_000; losses() === lostBefore; await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > until) throw new Error('the second instance never noticed its listener was cut')
  }
  expect((await fetch(`${first.url()}/v1/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
  expect((await records(second)).status).toBe(401)
  // Listening again (it reconnects within a second or so), it still refuses the session it had kept.
  for (const until = Date.now() + 10_000; (await db.rows(listeners)).length < 2; await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > until) throw new Error('the listeners never came back')
  }
  expect((await records(second)).status).toBe(401)
})
