// A simulator, our client configured for it, and a tiny notify receiver that does what the
// server's notify route will do: raw body → openNotify → 204, or 4xx {code: FAIL} to be retried.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createWechatPayClient } from '../../../server/src/wechatpay/client'
import { wechatPayConfig, type WechatPayConfig } from '../../../server/src/wechatpay/config'
import { notifyFailBody, openNotify, type OpenNotifyResult } from '../../../server/src/wechatpay/notify'
import { readSignatureHeaders } from '../../../server/src/wechatpay/verify'
import { startWechatPaySimulator, type SimulatorOptions } from '../../../server/src/wechatpay/simulator/server'

/** Each simulator generates three RSA keys and the tests talk over loopback: slow on a busy machine. */
export const E2E_TIMEOUT_MS = 30_000

export interface Receipt {
  result: OpenNotifyResult
  status: number
}

const rawBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)))
  })

export async function startReceiver() {
  const receipts: Receipt[] = []
  let config: WechatPayConfig | undefined
  /** Answer 500 to this many verified notifies first (a merchant that is briefly down). */
  let failNext = 0
  const server = createServer(async (req, res) => {
    const body = await rawBody(req)
    const result = openNotify({
      headers: readSignatureHeaders((name) => req.headers[name] as string | undefined),
      rawBody: body,
      verifier: (config as WechatPayConfig).verifier,
      apiV3Key: (config as WechatPayConfig).apiV3Key,
      nowSeconds: Math.floor(Date.now() / 1000),
    })
    const status = !result.ok ? result.status : failNext-- > 0 ? 500 : 204
    receipts.push({ result, status })
    if (status === 204) res.writeHead(204).end()
    else res.writeHead(status, { 'Content-Type': 'application/json' }).end(notifyFailBody(result.ok ? '暂时无法处理' : result.reason))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/wxpay/notify`,
    receipts,
    accepted: () => receipts.filter((r) => r.status === 204).map((r) => (r.result as Extract<OpenNotifyResult, { ok: true }>).notify),
    use(c: WechatPayConfig) {
      config = c
    },
    failNextNotifies(n: number) {
      failNext = n
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export async function startHarness(options: SimulatorOptions = {}, over: { subMchid?: string } = {}) {
  const receiver = await startReceiver()
  const simulator = await startWechatPaySimulator({ retryScheduleMs: [20, 20, 40], refundSettleMs: 50, ...options })
  const input = simulator.clientConfigInput({ notifyUrl: receiver.url, refundNotifyUrl: receiver.url, ...over })
  const config = wechatPayConfig(input)
  receiver.use(config)
  const client = createWechatPayClient(config, { now: options.now })
  let serial = 0
  return {
    simulator,
    receiver,
    config,
    input,
    client,
    /** A fresh out_trade_no per attempt. */
    outTradeNo: () => `YB20261201${String(++serial).padStart(6, '0')}${Math.floor(Math.random() * 1e6)}`,
    cashier: async (body: Record<string, unknown>) => {
      const response = await fetch(`${simulator.baseUrl}/sim/cashier`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      return { status: response.status, json: (await response.json()) as Record<string, string> }
    },
    async close() {
      await simulator.close()
      await receiver.close()
    },
  }
}

export type Harness = Awaited<ReturnType<typeof startHarness>>
/** Today in Asia/Shanghai (the bill date of what is paid now). */
export const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

export const ORDER = { description: '城乡居民医保 2027 年度', total: 38000, openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' }

export function ok<T>(result: { kind: string; value?: T }): T {
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`)
  return result.value as T
}
