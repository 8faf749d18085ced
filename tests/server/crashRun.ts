/**
 * kill -9 of the server at points of whole journeys (after create, after start, while a notify is in
 * flight, while a booking job runs), each followed by a restart on the same data, then the tables
 * checked. Every fifth journey is a family one (全部缴纳 for two people: createFamilyOrder,
 * startFamilyPayment, one payment over both, a booking each), and every third kill lands in one.
 * Checked: one order per journey (a family journey: its two items and its family order), each
 * paid, receipted and booked once, the money WeChat Pay took
 * equal to receipts plus refunds, every stored notify applied once. The loopback WeChat Pay dies with
 * the server (its books are on disk, a notify in flight is lost, as when WeChat Pay's call cannot
 * reach a dead server), so recovery is the server's own: the attempt query job, the booking job's
 * re-run, 继续支付's same attempt. Shared by crashes.test.ts (PostgreSQL) and crashes.pglite.test.ts.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { advanceJourney, expectEachJourneyPaidOnce, newJourney, Unreachable, type Hooks, type Journey, type Step } from './journeys'
import type { ServerProcess } from './serverProcess'
import type { tables } from './wechatpayWorld'

const KILL_POINTS = ['after-create', 'after-start', 'during-notify', 'during-booking'] as const
type KillPoint = (typeof KILL_POINTS)[number]

export interface CrashPlan {
  journeys: number
  atOnce: number
  kills: number
}

/** Journeys 2, 7, 12, … are family ones. */
const isFamily = (i: number) => i % 5 === 2
/** Kills 1, 4, 7, 10 (of 12) are for family journeys: one at each point. */
const forFamily = (k: number) => k % 3 === 1

/** The server's tables once the journeys are over (PostgreSQL: read live; PGlite: with the server stopped). */
export type Tables = Pick<ReturnType<typeof tables>, 'rows'>

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The kills: the k-th is armed once journey k·journeys/kills has started and fires at the next journey of its kind reaching its point. */
function killer(on: { server: ServerProcess }, { journeys, kills }: CrashPlan) {
  const plan = Array.from({ length: kills }, (_, k) => ({ point: KILL_POINTS[k % KILL_POINTS.length], family: forFamily(k), armedAt: Math.floor(((k + 0.5) * journeys) / kills) }))
  const fired: { point: KillPoint; journey: number; family: boolean; downMs: number }[] = []
  let started = 0
  let outage: Promise<void> | undefined

  const kill = (point: KillPoint, j: Journey, delayMs = 0) => {
    if (outage) return
    const began = Date.now()
    outage = (async () => {
      await sleep(delayMs)
      await on.server.crash()
      await on.server.restart()
      fired.push({ point, journey: j.i, family: j.family, downMs: Date.now() - began })
      outage = undefined
    })()
  }
  /** Whether the next planned kill is for this point and this kind of journey, and armed (it is then taken off the plan). */
  const due = (point: KillPoint, j: Journey) => {
    const next = plan[0]
    if (outage || !next || next.point !== point || next.family !== j.family || started < next.armedAt) return false
    plan.shift()
    return true
  }

  const hooks: Hooks = (step: Step, j: Journey) => {
    if (step === 'created' && due('after-create', j)) kill('after-create', j)
    if (step === 'started' && due('after-start', j)) kill('after-start', j)
    if (step !== 'paying') return
    // The notify leaves 20 ms after the sheet answers; the kill comes 0–60 ms after the sheet is sent.
    if (due('during-notify', j)) return { knobs: { delayMs: 20 }, whilePaying: () => kill('during-notify', j, Math.random() * 60) }
    // The sheet answers once the notify was taken and the booking (60 ms; a family's two) ran: the kill lands in between.
    if (due('during-booking', j)) return { whilePaying: () => kill('during-booking', j, 20 + Math.random() * 80) }
  }

  /** Drives one journey through any number of kills: when the server is gone, wait for it and resume. */
  async function drive(j: Journey, rounds?: number): Promise<void> {
    for (;;) {
      try {
        return await advanceJourney(on.server.url(), j, hooks, rounds)
      } catch (error) {
        if (!(error instanceof Unreachable)) throw error
        j.cutOff += 1
        await (outage ?? sleep(50))
      }
    }
  }
  return { drive, fired, plan, begin: () => (started += 1), idle: () => outage ?? Promise.resolve() }
}

/** Drives the plan's journeys through its kills and checks the tables; answers a line for the log. */
export async function runCrashes(on: { server: ServerProcess }, plan: CrashPlan, readTables: () => Promise<Tables>): Promise<string> {
  const began = Date.now()
  const kills = killer(on, plan)
  const journeys = Array.from({ length: plan.journeys }, (_, i) => newJourney(i, isFamily(i)))
  let next = 0
  await Promise.all(
    Array.from({ length: plan.atOnce }, async () => {
      while (next < plan.journeys) {
        const j = journeys[next++]
        kills.begin()
        await kills.drive(j)
      }
    }),
  )
  await kills.idle()
  expect(kills.plan).toEqual([])
  const kind = (k: { point: KillPoint; family: boolean }) => `${k.point}${k.family ? ' (family)' : ''}`
  expect(kills.fired.map(kind).sort()).toEqual(Array.from({ length: plan.kills }, (_, k) => kind({ point: KILL_POINTS[k % KILL_POINTS.length], family: forFamily(k) })).sort())
  const settledInRun = journeys.filter((j) => j.outcome).length

  // 结果确认中 left by a lost notify: the refresh is the server's clock moving past the notify's 30 s
  // (the attempt query job asks WeChat Pay), then the journey asked again (继续支付 if nothing was paid).
  const open = journeys.filter((j) => !j.outcome)
  if (open.length > 0) await fetch(`${on.server.url()}/sim/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: 31_000 }) })
  for (const j of open) await kills.drive(j, 3)
  expect(journeys.filter((j) => !j.outcome).map((j) => j.i)).toEqual([])

  const db = await readTables()
  // Straight from the tables: one order per journey, each paid once, receipted once, booked once.
  const orders = await expectEachJourneyPaidOnce(db, journeys)
  expect(await db.rows("SELECT attempt_id FROM payment_attempts WHERE state = 'extra'")).toEqual([])

  // Money: what WeChat Pay took (the simulator's books on disk) is the receipts plus the refunds.
  const ledger = JSON.parse(readFileSync(join(on.server.dataDir, 'wechatpay-sim.json'), 'utf8')) as { ledger: { attempts: { outTradeNo: string; state: string; total: number }[] } }
  const taken = ledger.ledger.attempts.filter((a) => a.state === 'SUCCESS' || a.state === 'REFUND')
  const refunded = (await db.rows<{ sum: number | null }>('SELECT sum(amount_fen)::int AS sum FROM refunds'))[0].sum ?? 0
  expect(taken.reduce((sum, a) => sum + a.total, 0)).toBe(orders.reduce((sum, o) => sum + o.amount_fen, 0) + refunded)
  const paidHere = await db.rows<{ out_trade_no: string }>("SELECT out_trade_no FROM payment_attempts WHERE state = 'paid'")
  expect(paidHere.map((a) => a.out_trade_no).sort()).toEqual(taken.map((a) => a.outTradeNo).sort())

  // Every notify the inbox took moved its attempt (none lost after it was stored), and none twice.
  const inbox = await db.rows<{ out_trade_no: string; outcome: string; state: string }>(
    "SELECT i.out_trade_no, i.outcome, a.state FROM wxpay_inbox i JOIN payment_attempts a USING (out_trade_no) WHERE i.event_type = 'TRANSACTION.SUCCESS'",
  )
  expect(inbox.filter((n) => n.state !== 'paid' || !['accepted', 'already'].includes(n.outcome))).toEqual([])
  expect(new Set(inbox.map((n) => n.out_trade_no)).size).toBe(inbox.length)

  const cutOff = journeys.filter((j) => j.cutOff > 0).length
  return (
    `${plan.journeys} journeys (${plan.atOnce} at once; ${journeys.filter((j) => j.family).length} family orders of 2), ${kills.fired.length} kills -9 (${kills.fired.map((k) => `${kind(k)}@${k.journey}:${k.downMs}ms`).join(', ')}); ` +
      `${cutOff} journeys cut off by a kill; ${settledInRun} settled during the run, ${open.length} by the refresh; notifies stored ${inbox.length}, ` +
      `${paidHere.length - inbox.length} payments found by the server's own query instead (their notify died with the process); ` +
      `${Date.now() - began} ms`
  )
}
