/**
 * The simulated world, for development and tests only (mounted only with SIMULATORS on):
 * WeChat's code2session, the demo cashier, the clock, and a reset to the demo's first day.
 */
import type { FastifyInstance } from 'fastify'
import { SELF_PERSON_ID, findPersonById } from '../../../src/services/mock/registry'
import type { ServerClock } from '../clock'
import type { RealNameDirectory } from '../auth/realName'
import { hmac } from '../ids'
import type { CashierAction, CashierOutcome } from '../pay/demoProvider'
import type { Db } from '../db/database'

export const CODE2SESSION_PATH = '/sim/wechat/sns/jscode2session'
/** The wx.login code whose WeChat user is the demo's real-name user 张建国. */
export const DEMO_CODE = 'demo'

const SIM_KEY = Buffer.from('yibao-demo-wechat')

/** A stable openid per code: the same code is always the same WeChat user. */
export const simOpenid = (code: string) => `o${hmac(SIM_KEY, `openid:${code}`).slice(0, 27)}`

export const demoRealNames: RealNameDirectory = async (openid) => {
  if (openid !== simOpenid(DEMO_CODE)) return undefined
  const self = findPersonById(SELF_PERSON_ID)!
  return { name: self.name, idType: self.idType, idNumber: self.idNumber }
}

export interface SimParts {
  pool: Db
  clock: ServerClock
  cashier(prepayId: string, action: CashierAction, declined: boolean): Promise<CashierOutcome>
  /** Does this payment attempt's payer have a card that will be refused? */
  declines(prepayId: string): Promise<boolean>
  tables: string[]
}

export function registerSimRoutes(app: FastifyInstance, sim: SimParts): void {
  app.get<{ Querystring: { js_code?: string } }>(CODE2SESSION_PATH, async (req) => {
    const code = req.query.js_code ?? ''
    if (code.length < 1 || code.length > 64) return { errcode: 40029, errmsg: 'invalid code' }
    return { openid: simOpenid(code), session_key: hmac(SIM_KEY, `session:${code}:${sim.clock.now()}`).slice(0, 24) }
  })

  app.post<{ Body: { prepayId?: unknown; action?: unknown } }>('/sim/cashier', async (req, reply) => {
    const { prepayId, action } = req.body ?? {}
    if (typeof prepayId !== 'string' || (action !== 'pay' && action !== 'cancel' && action !== 'fail')) return reply.code(400).send({ error: 'prepayId and action (pay | cancel | fail) needed' })
    return sim.cashier(prepayId, action, action === 'pay' && (await sim.declines(prepayId)))
  })

  app.post<{ Body: { advanceMs?: unknown } }>('/sim/clock', async (req, reply) => {
    const ms = req.body?.advanceMs
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return reply.code(400).send({ error: 'advanceMs (≥ 0) needed' })
    sim.clock.advance(ms)
    return { now: sim.clock.now() }
  })

  app.post('/sim/reset', async () => {
    await sim.pool.query(`TRUNCATE ${sim.tables.join(', ')}`)
    sim.clock.reset()
    return { now: sim.clock.now() }
  })
}
