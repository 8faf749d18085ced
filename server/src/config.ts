/** Everything the server reads from its environment, read once at start. */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { DEFAULT_LOOKUP_LIMITS, type Allowance, type LookupLimits } from './abuse/lookupLimits'
import { DEFAULT_JOB_OPTIONS, type JobOptions } from './jobs'
import type { PiiKeys } from './pii/cipher'
import { piiKeysFor } from './pii/keys'
import type { SignerKind } from './wechatpay/simulator/keys'
import { parsePopulation, type PopulationMix } from './tax/population'

export interface ServerConfig {
  host: string
  port: number
  dataDir: string
  /** A real PostgreSQL; without it the embedded PGlite in dataDir is used. */
  databaseUrl?: string
  /** Tax system, payment, login and real-name simulators, and the /sim routes. */
  simulators: boolean
  /** With the simulators: a fixed start for the clock (ms), moved only through /sim/clock. */
  clockStartMs?: number
  /** Keys that seal names, ID numbers and WeChat session keys at rest, and the lookup hash's key. */
  pii: PiiKeys
  sessionTtlMs: number
  /** Browser origins allowed to call (the H5 build); with the simulators any loopback origin. */
  corsOrigins: string[]
  wechat: { appId: string; secret: string; code2SessionUrl: string }
  /** population: synthetic residents beside the demo registry, for load runs (npm run bench:server). */
  taxSim: { latencyMs: number; faultRate: number; population: PopulationMix }
  /**
   * fromEnv: a 商户号 configured by WECHATPAY_* (always in production); otherwise the loopback
   * simulator. simSigner: the simulator signs with this key kind and the client loads it alone.
   */
  wechatPay: { fromEnv: boolean; simSigner?: SignerKind }
  jobs: JobOptions
  logLevel: string
  /** 代他人缴费 lookups of people new to the user, per user and per client address. */
  lookupLimits: LookupLimits
  /** Fastify's trustProxy: which hops' X-Forwarded-For / -Proto to believe (the load balancer). */
  trustProxy: boolean | string
}

const number = (value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isFinite(n)) throw new Error(`not a number: ${value}`)
  return n
}

/** "10,30": per 10 minutes, per day. */
function allowance(value: string | undefined, fallback: Allowance, name: string): Allowance {
  if (!value) return fallback
  const [perWindow, perDay] = value.split(',').map(Number)
  if (!(perWindow > 0 && perDay > 0)) throw new Error(`${name} must be "<per 10 minutes>,<per day>", e.g. 10,30`)
  return { perWindow, perDay }
}

/** `true`, or the load balancers' addresses / subnets (e.g. `10.0.0.0/8`, `loopback`). */
function trustProxy(value: string | undefined): boolean | string {
  if (!value) return false
  return value === 'true' ? true : value
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const production = env.NODE_ENV === 'production'
  const simulators = env.SIMULATORS ? env.SIMULATORS === '1' : !production
  const dataDir = resolve(env.DATA_DIR || '.data')
  mkdirSync(dataDir, { recursive: true })
  if (production && (!env.WECHAT_APP_ID || !env.WECHAT_APP_SECRET)) throw new Error('production needs WECHAT_APP_ID and WECHAT_APP_SECRET')
  const pii = piiKeysFor(env, production)
  return {
    host: env.HOST || '127.0.0.1',
    port: number(env.PORT, 3000),
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    simulators,
    clockStartMs: simulators && env.SIM_CLOCK_START ? Date.parse(env.SIM_CLOCK_START) : undefined,
    pii,
    sessionTtlMs: number(env.SESSION_TTL_MS, 7 * 24 * 3_600_000),
    corsOrigins: (env.CORS_ORIGINS || '').split(',').map((o) => o.trim()).filter(Boolean),
    wechat: {
      appId: env.WECHAT_APP_ID || 'wx_demo_app',
      secret: env.WECHAT_APP_SECRET || 'demo-secret',
      // Empty with the simulators: the server starts its own loopback code2session.
      code2SessionUrl: env.WECHAT_CODE2SESSION_URL || (simulators ? '' : 'https://api.weixin.qq.com/sns/jscode2session'),
    },
    taxSim: { latencyMs: number(env.TAX_SIM_LATENCY_MS, 0), faultRate: number(env.TAX_SIM_FAULT_RATE, 0), population: parsePopulation(env.TAX_SIM_POPULATION) },
    wechatPay: {
      fromEnv: production || !simulators || Boolean(env.WECHATPAY_MCHID),
      simSigner: env.WECHATPAY_SIM_SIGNER === 'public-key' || env.WECHATPAY_SIM_SIGNER === 'platform-certificate' ? env.WECHATPAY_SIM_SIGNER : undefined,
    },
    jobs: {
      sweepEveryMs: number(env.JOB_SWEEP_MS, DEFAULT_JOB_OPTIONS.sweepEveryMs),
      bookingPerSecond: number(env.TAX_BOOKINGS_PER_SECOND, DEFAULT_JOB_OPTIONS.bookingPerSecond),
      presumedDeadAfterMs: number(env.JOB_PRESUMED_DEAD_MS, DEFAULT_JOB_OPTIONS.presumedDeadAfterMs),
    },
    logLevel: env.LOG_LEVEL || 'info',
    lookupLimits: {
      user: allowance(env.LOOKUP_LIMIT_USER, DEFAULT_LOOKUP_LIMITS.user, 'LOOKUP_LIMIT_USER'),
      address: allowance(env.LOOKUP_LIMIT_ADDRESS, DEFAULT_LOOKUP_LIMITS.address, 'LOOKUP_LIMIT_ADDRESS'),
    },
    trustProxy: trustProxy(env.TRUST_PROXY),
  }
}
