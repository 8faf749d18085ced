/** Puts the server together from its configuration and starts it listening. */
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app'
import { code2SessionClient } from './auth/code2session'
import { createSessions } from './auth/sessions'
import { createClock } from './clock'
import type { ServerConfig } from './config'
import { openDatabase } from './db/database'
import { migrate } from './db/migrate'
import { createLogger } from './log'
import { createDemoPaymentProvider, PAY_SIM_TABLES } from './pay/demoProvider'
import { createPiiCipher } from './pii/cipher'
import { DEV_PII_KEYS } from './pii/keys'
import { resealStale } from './pii/reseal'
import { DEFAULT_TIMINGS } from './rpc/context'
import { CODE2SESSION_PATH, demoRealNames, registerSimRoutes } from './sim/routes'
import { population } from './tax/population'
import { createTaxSimulator, DEFAULT_TAX_SIM, TAX_SIM_TABLES } from './tax/simulator'

const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/

const SERVER_TABLES = ['lookup_counts', 'share_tokens', 'receipts', 'payment_attempts', 'orders', 'payers', 'sessions', 'users']

export interface RunningServer {
  url: string
  app: FastifyInstance
  close(): Promise<void>
}

export async function startServer(config: ServerConfig): Promise<RunningServer> {
  if (!config.simulators) {
    // The WeChat Pay v3 client (issue 15) and a real tax-system client are not built yet.
    throw new Error('no production tax-system or WeChat Pay adapter yet: run with the simulators (SIMULATORS=1)')
  }
  const logger = createLogger(config.logLevel)
  const pii = createPiiCipher(config.pii)
  if (config.pii === DEV_PII_KEYS) logger.warn('personal data sealed with the public DEVELOPMENT key: set PII_KEYS and PII_HMAC_KEY for real data')
  const database = await openDatabase(config)
  await migrate(database.pool)
  const resealed = await resealStale(database.pool, pii)
  if (resealed > 0) logger.info({ resealed }, 'personal data sealed again under the current key')
  const clock = createClock(config.clockStartMs)
  const tax = await createTaxSimulator(database.pool, clock.now, { ...DEFAULT_TAX_SIM, ...config.taxSim, extraPeople: population(config.taxSim.population) })
  const demoPay = await createDemoPaymentProvider(database.pool, clock.now)
  const services = { pool: database.pool, clock: clock.now, tax, pay: demoPay.provider, realNames: demoRealNames, pii, timings: DEFAULT_TIMINGS, lookupLimits: config.lookupLimits }

  let selfUrl = ''
  const app = buildApp({
    logger,
    trustProxy: config.trustProxy,
    allowOrigin: (origin) => config.corsOrigins.includes(origin) || (config.simulators && LOOPBACK_ORIGIN.test(origin)),
    services,
    sessions: createSessions(database.pool, clock.now, config.sessionTtlMs, pii),
    code2session: code2SessionClient({ ...config.wechat, url: () => config.wechat.code2SessionUrl || `${selfUrl}${CODE2SESSION_PATH}` }),
  })
  registerSimRoutes(app, {
    pool: database.pool,
    clock,
    cashier: demoPay.cashier,
    declines: async (prepayId) => {
      const outTradeNo = await demoPay.outTradeNoOf(prepayId)
      const { rows } = await database.pool.query<{ tax_person_id: string }>(
        'SELECT p.tax_person_id FROM payment_attempts a JOIN orders o ON o.order_id = a.order_id JOIN payers p ON p.payer_ref = o.payer_ref WHERE a.out_trade_no = $1',
        [outTradeNo],
      )
      return rows[0] !== undefined && tax.behaviourOf(rows[0].tax_person_id) === 'insufficient_funds'
    },
    tables: [...SERVER_TABLES, ...TAX_SIM_TABLES, ...PAY_SIM_TABLES],
  })
  await app.listen({ host: config.host, port: config.port })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  selfUrl = `http://${config.host}:${port}`
  return {
    url: selfUrl,
    app,
    close: async () => {
      await app.close()
      await database.close()
    },
  }
}
