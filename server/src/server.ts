/** Puts the server together from its configuration and starts it listening. */
import { writeFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app'
import { code2SessionClient } from './auth/code2session'
import { createSessions } from './auth/sessions'
import { createClock } from './clock'
import type { ServerConfig } from './config'
import { openDatabase } from './db/database'
import { migrate } from './db/migrate'
import { startJobs, type Jobs } from './jobs'
import { differencesTable, reconcileDay } from './jobs/reconcile'
import { createLogger } from './log'
import type { AttemptRow } from './pay/attempts'
import { NOTIFY_PATH, registerNotifyRoute } from './pay/notifyRoute'
import { createWechatPayProvider, type WechatPayLink } from './pay/wechatProvider'
import { createPiiCipher } from './pii/cipher'
import { DEV_PII_KEYS } from './pii/keys'
import { resealStale } from './pii/reseal'
import { DEFAULT_TIMINGS, type Services } from './rpc/context'
import { createSimCashier } from './sim/cashier'
import { CODE2SESSION_PATH, demoRealNames, devServerUrlFile, registerSimRoutes } from './sim/routes'
import { population } from './tax/population'
import { createTaxSimulator, DEFAULT_TAX_SIM, TAX_SIM_TABLES } from './tax/simulator'
import { createWechatPayClient, wechatPayConfigFromEnv } from './wechatpay'

const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/

const SERVER_TABLES = ['lookup_counts', 'reconcile_differences', 'reconcile_runs', 'refunds', 'wxpay_inbox', 'share_tokens', 'receipts', 'payment_attempts', 'orders', 'family_orders', 'payers', 'sessions', 'users', 'pgboss.job']

export interface RunningServer {
  url: string
  app: FastifyInstance
  close(): Promise<void>
}

/**
 * A 商户号 (WECHATPAY_* in the environment): its configuration, nothing else. Timestamps by the
 * server's clock: real time in production; with the simulators a standalone simulator shares it.
 */
function configuredWechatPay(env: NodeJS.ProcessEnv, now: () => number): WechatPayLink {
  const config = wechatPayConfigFromEnv(env)
  const client = createWechatPayClient(config, { now })
  return { client: () => client, config: () => config }
}

export async function startServer(config: ServerConfig): Promise<RunningServer> {
  if (!config.simulators) {
    // A real tax-system client is not built yet.
    throw new Error('no production tax-system adapter yet: run with the simulators (SIMULATORS=1)')
  }
  const logger = createLogger(config.logLevel)
  const pii = createPiiCipher(config.pii)
  if (config.pii === DEV_PII_KEYS) logger.warn('personal data sealed with the public DEVELOPMENT key: set PII_KEYS and PII_HMAC_KEY for real data')
  const database = await openDatabase(config)
  // An idle connection the database drops (a restart, a failover) is an 'error' event on the pool;
  // unheard, it would end the process. The pool replaces the connection at the next query.
  for (const pool of new Set([database.pool, database.jobPool, database.simulatorPool])) pool.on('error', (error) => logger.warn({ err: error.message }, 'database connection lost'))
  await migrate(database.pool)
  const resealed = await resealStale(database.pool, pii)
  if (resealed > 0) logger.info({ resealed }, 'personal data sealed again under the current key')
  const clock = createClock(config.clockStartMs)
  const tax = await createTaxSimulator(database.simulatorPool, clock.now, { ...DEFAULT_TAX_SIM, ...config.taxSim, extraPeople: population(config.taxSim.population) })
  // With the simulators and no 商户号 configured, the loopback WeChat Pay (never in production).
  const devPay = config.wechatPay.fromEnv ? undefined : await (await import('./pay/devWechatPay')).startDevWechatPay(config.dataDir, clock.now, config.wechatPay.simSigner)
  const pay = createWechatPayProvider(devPay?.link ?? configuredWechatPay(process.env, clock.now), devPay ? 'demo' : 'wechat')
  // The jobs start once the routes are in place; until then there is nothing to tell them.
  let jobsNow: Pick<Jobs, 'kick' | 'book'> = { kick: () => undefined, book: () => undefined }
  const services: Services = { pool: database.pool, clock: clock.now, tax, pay, realNames: demoRealNames, pii, timings: DEFAULT_TIMINGS, lookupLimits: config.lookupLimits, log: logger, kick: () => jobsNow.kick(), book: (orderIds) => jobsNow.book(orderIds) }

  const sessions = await createSessions(database, clock.now, config.sessionTtlMs, pii, (message) => logger.warn(message))
  let selfUrl = ''
  const app = buildApp({
    logger,
    trustProxy: config.trustProxy,
    allowOrigin: (origin) => config.corsOrigins.includes(origin) || (config.simulators && LOOPBACK_ORIGIN.test(origin)),
    services,
    sessions,
    code2session: code2SessionClient({ ...config.wechat, url: () => config.wechat.code2SessionUrl || `${selfUrl}${CODE2SESSION_PATH}` }),
  })
  registerNotifyRoute(app, services)
  const jobs = await startJobs({ ...services, pool: database.jobPool }, config.jobs)
  jobsNow = jobs
  const declines = async (attempt: AttemptRow) => {
    // A family attempt is refused when any of its people is.
    const { rows } = await database.pool.query<{ tax_person_id: string }>('SELECT p.tax_person_id FROM orders o JOIN payers p ON p.payer_ref = o.payer_ref WHERE o.order_id = $1 OR o.family_order_id = $2', [attempt.order_id, attempt.family_order_id])
    return rows.some((row) => tax.behaviourOf(row.tax_person_id) === 'insufficient_funds')
  }
  registerSimRoutes(app, {
    pool: database.pool,
    clock,
    cashier: devPay && createSimCashier(services, devPay, declines, () => jobs.drain()),
    settle: () => jobs.drain(),
    forgetSessions: () => sessions.forgetAll(),
    reconcile: async (billDate) => differencesTable(billDate, await reconcileDay(database.pool, pay, billDate, clock.now())),
    tables: [...SERVER_TABLES, ...TAX_SIM_TABLES],
  })
  await app.listen({ host: config.host, port: config.port })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  selfUrl = `http://${config.host}:${port}`
  devPay?.connect(`${selfUrl}${NOTIFY_PATH}`)
  if (devPay) writeFileSync(devServerUrlFile(config.dataDir), selfUrl)
  return {
    url: selfUrl,
    app,
    close: async () => {
      await app.close()
      await jobs.stop()
      await devPay?.close()
      await sessions.close()
      await database.close()
    },
  }
}
