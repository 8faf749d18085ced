/**
 * Development and tests only: the loopback WeChat Pay simulator (keys generated at the first
 * start and kept in DATA_DIR with its books, so a restart keeps its attempts) and the same v3
 * client a real 商户号 uses, configured for it. Loaded only when the simulators are on.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Clock } from '../../../src/domain/time'
import { createWechatPayClient, wechatPayConfig, type WechatPayClient, type WechatPayConfig } from '../wechatpay'
import { simulatorEnv } from '../wechatpay/simulator/devEnv'
import { startWechatPaySimulator, type CashierRequest } from '../wechatpay/simulator/server'
import type { SignerKind } from '../wechatpay/simulator/keys'
import type { WechatPayLink } from './wechatProvider'

/** WeChat Pay's retry schedule, compressed: a refused notify comes again within seconds. */
const DEV_RETRY_SCHEDULE_MS = [1_000, 2_000, 5_000, 10_000, 30_000]

export interface SheetAnswer {
  /** The payment sheet was shown for a payable attempt (not a stale or unknown one). */
  shown: boolean
  errMsg: string
  notifyId?: string
}

/** `only`: the client loads this key kind alone and the simulator signs with it; default both, signed by the 微信支付公钥. */
export async function startDevWechatPay(dataDir: string, now: Clock, only?: SignerKind) {
  const simulator = await startWechatPaySimulator({ now, signer: only, stateFile: join(dataDir, 'wechatpay-sim.json'), retryScheduleMs: DEV_RETRY_SCHEDULE_MS })
  let config: WechatPayConfig | undefined
  let client: WechatPayClient | undefined
  const link: WechatPayLink = {
    client: () => client ?? notConnected(),
    config: () => config ?? notConnected(),
  }

  return {
    link,
    /** Once the server knows its own URL: the notify URL goes into every 下单. */
    connect(notifyUrl: string): void {
      const input = simulator.clientConfigInput({ notifyUrl })
      const keys = only === 'public-key' ? { publicKeys: input.keys.publicKeys } : only === 'platform-certificate' ? { platformCertificates: input.keys.platformCertificates } : input.keys
      config = wechatPayConfig({ ...input, keys })
      client = createWechatPayClient(config, { now })
      // WECHATPAY_* for this simulator, so a second development instance can use it too.
      const env = simulatorEnv(simulator, join(dataDir, 'wechatpay-sim'), notifyUrl)
      writeFileSync(join(dataDir, 'wechatpay-sim', 'wechatpay.env'), Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join(''), { mode: 0o600 })
      // A restarted development server listens on a new port; attempts made before notify it there.
      for (const attempt of simulator.ledger.attempts()) attempt.notifyUrl = notifyUrl
    },
    /** The user at WeChat Pay's payment sheet. */
    async sheet(request: CashierRequest): Promise<SheetAnswer> {
      const response = await fetch(`${simulator.baseUrl}/sim/cashier`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) })
      const body = (await response.json()) as { errMsg: string; notifyId?: string }
      return { shown: response.status === 200, errMsg: body.errMsg, notifyId: body.notifyId }
    },
    /** Resolves once `count` deliveries of the notify were tried (or after 10 s: two tries of WeChat Pay's 5 s). */
    async delivered(notifyId: string, count: number): Promise<void> {
      const until = Date.now() + 10_000
      while (simulator.deliveries.filter((d) => d.notifyId === notifyId).length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 10))
    },
    /** The HTTP status of each try of a notify so far. */
    statuses: (notifyId: string) => simulator.deliveries.filter((d) => d.notifyId === notifyId).map((d) => d.status),
    close: () => simulator.close(),
  }
}


function notConnected(): never {
  throw new Error('the WeChat Pay client is configured once the server listens')
}

export type DevWechatPay = Awaited<ReturnType<typeof startDevWechatPay>>
