// A loopback WeChat Pay for development and tests (there is no v3 sandbox): it checks our
// Authorization (401 when wrong), signs every answer with its PUB_KEY_ID_… key or its 平台证书,
// keeps attempts and refunds, and drives payments through POST /sim/cashier.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { WechatPayConfigInput } from '../config'
import { checkAuthorization } from './auth'
import { exportSimulatorKeys, generateSimulatorKeys, importSimulatorKeys, type SignerKind, type SimulatorKeys } from './keys'
import { createLedger, WxError, type LedgerSnapshot } from './ledger'
import { createNotifier, signedHeaders, WECHATPAY_RETRY_SCHEDULE_MS, type NotifyKnobs } from './notifier'
import { createRoutes, type ApiAnswer } from './routes'
import { refundJson, transactionJson } from './wire'

export interface SimulatorOptions {
  port?: number
  mchid?: string
  /** Milliseconds since the epoch; tests move it to expire orders or age signatures. */
  now?: () => number
  /** Which key signs answers and notifies at start; default the 微信支付公钥. */
  signer?: SignerKind
  /** Waits between notify retries; default WeChat Pay's own (about 24 h in all). */
  retryScheduleMs?: number[]
  /** How long a refund stays PROCESSING; default 1 s. */
  refundSettleMs?: number
  /** Development: keys and books are kept in this JSON file, so a restart keeps its attempts. */
  stateFile?: string
}

export type CashierAction = 'pay' | 'cancel' | 'fail'
export interface CashierRequest extends NotifyKnobs {
  prepayId: string
  action: CashierAction
  /** Pay an attempt the merchant has just closed: the payment was already under way. */
  evenIfClosed?: boolean
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8'))).on('error', reject)
  })

export async function startWechatPaySimulator(options: SimulatorOptions = {}) {
  if (process.env.NODE_ENV === 'production') throw new Error('微信支付模拟器只用于开发和测试，不能在生产环境启动')
  const now = options.now ?? Date.now
  const saved = options.stateFile && existsSync(options.stateFile) ? (JSON.parse(readFileSync(options.stateFile, 'utf8')) as { keys: Record<string, string>; ledger: LedgerSnapshot }) : undefined
  const keys: SimulatorKeys = saved ? importSimulatorKeys(saved.keys) : generateSimulatorKeys(options.mchid ?? '1900000109', new Date(now()))
  let signer: SignerKind = options.signer ?? 'public-key'
  const refundSettleMs = options.refundSettleMs ?? 1000
  const ledger = createLedger(now, refundSettleMs, saved?.ledger)
  // Written aside and renamed: a development server killed mid-write keeps the previous books whole.
  const save = () => {
    if (!options.stateFile) return
    writeFileSync(`${options.stateFile}.next`, JSON.stringify({ keys: exportSimulatorKeys(keys), ledger: ledger.snapshot() }), { mode: 0o600 })
    renameSync(`${options.stateFile}.next`, options.stateFile)
  }
  save()
  const notifier = createNotifier({ keys, now, signer: () => signer, retryScheduleMs: options.retryScheduleMs ?? WECHATPAY_RETRY_SCHEDULE_MS })
  const timers = new Set<NodeJS.Timeout>()
  const merchant = { mchid: keys.mchid, serialNo: keys.merchantSerial, publicKey: keys.merchantPublicKey }

  const refundsNotified = new Set<string>()
  /** Once per refund: a repeated request with the same out_refund_no is the same refund. */
  const notifyRefund = (outRefundNo: string) => {
    const record = ledger.queryRefund(outRefundNo)
    if (!record.notifyUrl || refundsNotified.has(outRefundNo)) return
    refundsNotified.add(outRefundNo)
    const settle = (delayMs: number) => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        // A refund notify's resource names the status refund_status (the query answer says status).
        const { status, ...rest } = refundJson(record, ledger)
        // A timer may fire a moment before the ledger's clock reaches the settling time: wait for it.
        if (status !== 'SUCCESS') return settle(5)
        const resource = { mchid: keys.mchid, ...rest, refund_status: status }
        notifier.send(record.notifyUrl as string, { eventType: 'REFUND.SUCCESS', summary: '退款成功', originalType: 'refund', resource })
      }, delayMs)
      timers.add(timer)
    }
    settle(refundSettleMs)
  }
  const routes = createRoutes(ledger, notifyRefund)

  function send(res: ServerResponse, answer: ApiAnswer, signed: boolean): void {
    const body = answer.file ?? (answer.json === undefined ? '' : JSON.stringify(answer.json))
    const headers: Record<string, string> = { 'Request-ID': `sim-${Date.now().toString(36)}` }
    if (answer.file) headers['Content-Type'] = 'text/plain; charset=utf-8'
    else if (body !== '') headers['Content-Type'] = 'application/json; charset=utf-8'
    if (signed && !answer.file) Object.assign(headers, signedHeaders(keys.signers[signer], body as string, Math.floor(now() / 1000)))
    res.writeHead(answer.status, headers).end(body)
  }

  function cashier(request: CashierRequest): ApiAnswer {
    const attempt = ledger.byPrepayId(String(request.prepayId))
    if (!attempt) return { status: 404, json: { errMsg: 'requestPayment:fail prepay_id 不存在' } }
    if (request.action === 'cancel') return { status: 200, json: { errMsg: 'requestPayment:fail cancel' } }
    if (request.action === 'fail') return { status: 200, json: { errMsg: 'requestPayment:fail 支付失败（模拟）' } }
    if (request.action !== 'pay') return { status: 400, json: { errMsg: 'action 应为 pay、cancel 或 fail' } }
    ledger.pay(attempt, request.evenIfClosed === true)
    const resource = transactionJson(attempt, request.amount)
    if (request.openid) resource.payer = Object.fromEntries(Object.keys(resource.payer as object).map((field) => [field, request.openid]))
    const notifyId = notifier.send(attempt.notifyUrl, { eventType: 'TRANSACTION.SUCCESS', summary: '支付成功', originalType: 'transaction', resource }, request)
    return { status: 200, json: { errMsg: 'requestPayment:ok', notifyId, transactionId: attempt.transactionId } }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET'
    const pathAndQuery = req.url ?? '/'
    const url = new URL(pathAndQuery, `http://${req.headers.host}`)
    const body = await readBody(req)
    if (url.pathname.startsWith('/sim/')) {
      // The H5 cashier dialog calls this from the dev page's origin.
      res.setHeader('Access-Control-Allow-Origin', '*')
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type')
      if (method === 'OPTIONS') return send(res, { status: 204 }, false)
      if (url.pathname !== '/sim/cashier' || method !== 'POST') return send(res, { status: 404, json: { errMsg: '没有这个模拟器接口' } }, false)
      try {
        return send(res, cashier(JSON.parse(body) as CashierRequest), false)
      } catch (error) {
        return send(res, { status: 400, json: { errMsg: `requestPayment:fail ${(error as Error).message}` } }, false)
      } finally {
        save()
      }
    }
    const caller = checkAuthorization(req.headers.authorization, { method, pathAndQuery, body }, merchant, Math.floor(now() / 1000))
    if ('refusal' in caller) return send(res, { status: 401, json: { code: 'SIGN_ERROR', message: caller.refusal } }, true)
    let json: Record<string, unknown> = {}
    try {
      if (body !== '') json = JSON.parse(body)
      const answer = routes({ method, url, json, mchid: caller.mchid })
      save()
      return send(res, answer, true)
    } catch (error) {
      if (error instanceof WxError) return send(res, { status: error.status, json: { code: error.code, message: error.message } }, true)
      if (error instanceof SyntaxError) return send(res, { status: 400, json: { code: 'PARAM_ERROR', message: '请求体不是 JSON' } }, true)
      return send(res, { status: 500, json: { code: 'SYSTEM_ERROR', message: (error as Error).message } }, true)
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => res.writeHead(500).end(String(error)))
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    baseUrl,
    keys,
    ledger,
    /** Every notify delivery so far (each retry is one record). */
    deliveries: notifier.log,
    /** Waits until every scheduled notify and its retries are over. */
    idle: () => notifier.idle(),
    /** Switches the key that signs answers and notifies (the 2024–2025 migration, either way). */
    useSigner(kind: SignerKind) {
      signer = kind
    },
    /** A client configuration for this simulator with both key kinds loaded, as a real deployment would. */
    clientConfigInput(over: { appid?: string; notifyUrl: string; refundNotifyUrl?: string; subMchid?: string }): WechatPayConfigInput {
      return {
        baseUrl,
        appid: over.appid ?? 'wx8888888888888888',
        mchid: keys.mchid,
        subMchid: over.subMchid,
        merchantSerial: keys.merchantSerial,
        merchantPrivateKeyPem: keys.merchantPrivateKeyPem,
        apiV3Key: keys.apiV3Key,
        keys: { publicKeys: [{ id: keys.publicKeyId, pem: keys.publicKeyPem }], platformCertificates: [keys.platformCertificatePem] },
        notifyUrl: over.notifyUrl,
        refundNotifyUrl: over.refundNotifyUrl,
      }
    },
    async close(): Promise<void> {
      for (const timer of timers) clearTimeout(timer)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export type WechatPaySimulator = Awaited<ReturnType<typeof startWechatPaySimulator>>
