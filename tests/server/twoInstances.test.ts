/**
 * Two server instances on one PostgreSQL, as behind a load balancer: both run the jobs. Payments
 * whose notify never came are found by both sweeps; each is recorded, booked and receipted once.
 * The second instance talks to the first one's WeChat Pay simulator through WECHATPAY_* only.
 */
import { postJson } from './httpClient'
import { startPostgres, type Postgres } from './postgres'
import { startServerProcess, type ServerProcess } from './serverProcess'
import { devWechatPayEnv, tables, wechatPayWorld } from './wechatpayWorld'

let pg: Postgres
let first: ServerProcess
let second: ServerProcess
let db: ReturnType<typeof tables>
const world = wechatPayWorld(() => first.url())

beforeAll(async () => {
  pg = await startPostgres()
  first = await startServerProcess({ databaseUrl: pg.url })
  const wechatPay = devWechatPayEnv(first.dataDir)
  // Both instances share the WeChat Pay configuration; the PII keys are the same development pair.
  second = await startServerProcess({ databaseUrl: pg.url, env: wechatPay })
  db = tables(pg.url)
}, 120_000)
afterAll(async () => {
  await db?.close()
  await second?.stop()
  await first?.stop()
  await pg?.stop()
}, 30_000)

it('settles each unnotified payment once when both instances sweep for it', async () => {
  const orders = await Promise.all(['p08', 'p09', 'p06'].map((p) => world.orderFor(p)))
  for (const order of orders) await order.sheet((await order.start()).attemptId, 'pay', { notify: false })
  // Both clocks on past the notify's 30 s, both instances' jobs let loose at once.
  await Promise.all([first, second].map((s) => postJson(`${s.url()}/sim/clock`, { advanceMs: 31_000 })))
  for (const { order } of orders) {
    expect((await db.order(order.orderId)).state).toBe('paid')
    expect(await db.receipts(order.orderId)).toHaveLength(1)
    expect(await db.rows("SELECT attempt_id FROM payment_attempts WHERE order_id = $1 AND state = 'paid'", [order.orderId])).toHaveLength(1)
    expect(await db.rows('SELECT order_id FROM taxsim_declarations WHERE order_id = $1', [order.orderId])).toHaveLength(1)
  }
  expect(await db.rows("SELECT attempt_id FROM payment_attempts WHERE state IN ('extra', 'open')")).toEqual([])
  expect(await db.rows('SELECT out_refund_no FROM refunds')).toEqual([])
}, 60_000)
