/**
 * Model-based payment sessions against the server on PostgreSQL, with WeChat Pay's notify as an
 * actor: duplicated (concurrently), late, lost, out of order; sheets paid, cancelled, failed, and
 * paid after the server closed them. After each run the world is left to settle, then WeChat
 * Pay's own books (the simulator's) are held against the server's:
 *   - no person-period paid twice without an automatic refund,
 *   - money taken = receipts + refunds,
 *   - nothing stuck (no order 支付中 or 待冲正, no attempt open, no refund unsettled).
 * Sized for CI: RUNS runs of up to MAX_ACTIONS actions each (a few seconds per run over HTTP).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { BackendError } from '@/contract'
import { postJson } from './httpClient'
import { wechatPayOnPostgres } from './wechatpayWorld'

const RUNS = 40
const MAX_ACTIONS = 12
/** Residents with a payable year: two pay normally, one is booked late, one is refused by the tax system. */
const PEOPLE = ['p08', 'p11', 'p12']

type Action =
  | { t: 'sheet'; who: number; action: 'pay' | 'cancel' | 'fail'; deliveries: number; concurrent: boolean; delayMs: number; lost: boolean }
  | { t: 'stale'; who: number }
  | { t: 'advance'; ms: number }
  | { t: 'query'; who: number }

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ t: fc.constant('sheet' as const), who: fc.nat(PEOPLE.length - 1), action: fc.constantFrom('pay' as const, 'cancel' as const, 'fail' as const), deliveries: fc.integer({ min: 1, max: 3 }), concurrent: fc.boolean(), delayMs: fc.constantFrom(0, 0, 40, 120), lost: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('stale' as const), who: fc.nat(PEOPLE.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 1_000, max: 120_000 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('query' as const), who: fc.nat(PEOPLE.length - 1) }) },
)

interface LedgerFile {
  ledger: { attempts: { outTradeNo: string; state: string; total: number }[]; refunds: { outTradeNo: string; refund: number; settlesAt: number }[] }
}

const { on, world } = wechatPayOnPostgres()

const expected = (error: unknown) => {
  if (!(error instanceof BackendError)) throw error
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function session(actions: Action[]): Promise<void> {
  await world.reset()
  const orders = new Map<number, Awaited<ReturnType<typeof world.orderFor>>>()
  const attemptsOf = new Map<number, string[]>()
  const personOf = new Map<string, number>()
  const orderOf = async (who: number) => {
    const existing = orders.get(who)
    if (existing && !['refunded', 'closed'].includes((await on.db.order(existing.order.orderId)).state)) return existing
    const fresh = await world.orderFor(PEOPLE[who]).catch((e) => expected(e))
    if (fresh) orders.set(who, fresh)
    return fresh ?? undefined
  }
  for (const a of actions) {
    if (a.t === 'advance') await world.advance(a.ms)
    if (a.t === 'query') await orders.get(a.who)?.query().catch(expected)
    if (a.t === 'stale') {
      const order = orders.get(a.who)
      const old = attemptsOf.get(a.who)?.[0]
      if (order && old) await order.sheet(old, 'pay', { evenIfClosed: true })
    }
    if (a.t === 'sheet') {
      const order = await orderOf(a.who)
      const started = order && (await order.start().catch(expected))
      if (!order || !started) continue
      if (!attemptsOf.get(a.who)?.includes(started.attemptId)) attemptsOf.set(a.who, [...(attemptsOf.get(a.who) ?? []), started.attemptId])
      personOf.set(started.attemptId, a.who)
      await order.sheet(started.attemptId, a.action, { deliveries: a.deliveries, concurrent: a.concurrent, delayMs: a.delayMs, notify: !a.lost })
    }
  }
  // Let the world settle: late notifies land, attempts lapse and are closed, bookings and refunds finish.
  await sleep(400)
  for (const ms of [16 * 60_000, 5 * 60_000, 5 * 60_000]) await world.advance(ms)
  const simNow = ((await postJson(`${on.server.url()}/sim/clock`, { advanceMs: 0 })).body as { now: number }).now

  const wechat = (JSON.parse(readFileSync(join(on.server.dataDir, 'wechatpay-sim.json'), 'utf8')) as LedgerFile).ledger
  const paidAtWechat = wechat.attempts.filter((x) => personOf.has(x.outTradeNo) && (x.state === 'SUCCESS' || x.state === 'REFUND'))
  const refundedAtWechat = wechat.refunds.filter((r) => personOf.has(r.outTradeNo) && r.settlesAt <= simNow)
  for (const who of PEOPLE.keys()) {
    const paid = paidAtWechat.filter((x) => personOf.get(x.outTradeNo) === who).length
    const refunded = refundedAtWechat.filter((r) => personOf.get(r.outTradeNo) === who).length
    expect(paid - refunded).toBeLessThanOrEqual(1)
  }
  const receipted = await on.db.rows<{ amount_fen: number }>("SELECT o.amount_fen FROM orders o JOIN receipts r ON r.order_id = o.order_id WHERE o.state IN ('paid', 'settled')")
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0)
  expect(sum(paidAtWechat.map((x) => x.total))).toBe(sum(receipted.map((r) => r.amount_fen)) + sum(refundedAtWechat.map((r) => r.refund)))
  expect(await on.db.rows("SELECT order_id, state FROM orders WHERE state IN ('paying', 'reversing')")).toEqual([])
  expect(await on.db.rows("SELECT attempt_id FROM payment_attempts WHERE state = 'open'")).toEqual([])
  expect(await on.db.rows("SELECT out_refund_no FROM refunds WHERE state <> 'succeeded'")).toEqual([])
}

it(`keeps its invariants over ${RUNS} sessions with the notify as an actor`, async () => {
  await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: MAX_ACTIONS }), session), { numRuns: RUNS })
}, 300_000)
