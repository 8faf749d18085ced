/**
 * The simulated world, for development and tests only (mounted only with SIMULATORS on):
 * WeChat's code2session, the cashier, the clock, and a reset to the demo's first day.
 */
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { SELF_PERSON_ID, findPersonById } from '../../../src/services/mock/registry'
import type { ServerClock } from '../clock'
import type { RealNameDirectory } from '../auth/realName'
import { hmac } from '../ids'
import type { Db } from '../db/database'
import type { CashierRequest } from '../wechatpay/simulator/server'

/** Where a development server writes its URL, for `npm run reconcile`. */
export const devServerUrlFile = (dataDir: string) => join(dataDir, 'server.url')

export const CODE2SESSION_PATH = '/sim/wechat/sns/jscode2session'
/** The wx.login code whose WeChat user is the demo's real-name user 张建国. */
export const DEMO_CODE = 'demo'

const SIM_KEY = Buffer.from('yibao-demo-wechat')

/** A stable openid per code: the same code is always the same WeChat user. */
export const simOpenid = (code: string) => `o${hmac(SIM_KEY, `openid:${code}`).slice(0, 27)}`

/** code2session's answer for a wx.login code (also served apart from the server by the bench's simulator process). */
export function simCode2Session(code: string, now: number): { openid: string; session_key: string } | { errcode: number; errmsg: string } {
  if (code.length < 1 || code.length > 64) return { errcode: 40029, errmsg: 'invalid code' }
  return { openid: simOpenid(code), session_key: hmac(SIM_KEY, `session:${code}:${now}`).slice(0, 24) }
}

export const demoRealNames: RealNameDirectory = async (openid) => {
  if (openid !== simOpenid(DEMO_CODE)) return undefined
  const self = findPersonById(SELF_PERSON_ID)!
  return { name: self.name, idType: self.idType, idNumber: self.idNumber }
}

/** What requestPayment would report to the app. */
export interface CashierOutcome {
  result: 'ok' | 'cancel' | 'fail'
  errMsg: string
  notifyId?: string
  deliveries?: (number | string)[]
}

export interface SimParts {
  pool: Db
  clock: ServerClock
  /** The user at the payment sheet, then the app telling the server how it came back (the loopback WeChat Pay only). */
  cashier?: (request: CashierRequest) => Promise<CashierOutcome>
  /** Lets the jobs run whatever the new time made due, and waits for them. */
  settle(): Promise<void>
  /** After the reset emptied the sessions table: no instance may answer from the sessions it kept. */
  forgetSessions(): Promise<void>
  /** Reconciles one day now; the differences table as text. */
  reconcile(billDate: string): Promise<string>
  tables: string[]
}

const ACTIONS = ['pay', 'cancel', 'fail']

export function registerSimRoutes(app: FastifyInstance, sim: SimParts): void {
  app.get<{ Querystring: { js_code?: string } }>(CODE2SESSION_PATH, async (req) => simCode2Session(req.query.js_code ?? '', sim.clock.now()))

  // {prepayId, action: pay | cancel | fail, deliveries?, …}: the simulator's notify knobs pass through.
  app.post<{ Body: Partial<CashierRequest> | null }>('/sim/cashier', async (req, reply) => {
    const body = req.body ?? {}
    if (!sim.cashier) return reply.code(404).send({ error: 'no simulated cashier: WeChat Pay is configured (WECHATPAY_*)' })
    if (typeof body.prepayId !== 'string' || !ACTIONS.includes(body.action as string)) return reply.code(400).send({ error: 'prepayId and action (pay | cancel | fail) needed' })
    return sim.cashier(body as CashierRequest)
  })

  app.post<{ Body: { advanceMs?: unknown } }>('/sim/clock', async (req, reply) => {
    const ms = req.body?.advanceMs
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return reply.code(400).send({ error: 'advanceMs (≥ 0) needed' })
    sim.clock.advance(ms)
    await sim.settle()
    return { now: sim.clock.now() }
  })

  app.post<{ Body: { billDate?: unknown } }>('/sim/reconcile', async (req, reply) => {
    const billDate = req.body?.billDate
    if (typeof billDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(billDate)) return reply.code(400).send({ error: 'billDate (YYYY-MM-DD) needed' })
    return { table: await sim.reconcile(billDate) }
  })

  app.post('/sim/reset', async () => {
    await sim.pool.query(`TRUNCATE ${sim.tables.join(', ')}`)
    await sim.forgetSessions()
    sim.clock.reset()
    return { now: sim.clock.now() }
  })
}
