// The typed WeChat Pay v3 client: JSAPI 下单, query, close, refund, refund query, trade bill.
// Every method answers WxResult: ok (verified), rejected (verified error), or unknown (ask again).
import { createHash } from 'node:crypto'
import type { WechatPayConfig } from './config'
import { jsapiPayParams, type JsapiPayParams } from './payParams'
import { createTransport, type Answer, type TransportDeps } from './transport'
import { parseTradeBill, type TradeBill } from './bill'
import { MalformedAnswer, toRefund, toTransaction, type Refund, type Transaction, type WxResult } from './types'

export interface PrepayInput {
  /** ≤ 127 characters, shown to the payer. */
  description: string
  /** 6–32 of [0-9A-Za-z_-|*]; one per payment attempt. */
  outTradeNo: string
  /** 分 */
  total: number
  openid: string
  /** RFC 3339 with offset, e.g. 2026-12-01T20:00:00+08:00; without it an order stays payable 7 days. */
  timeExpire?: string
  /** ≤ 128 characters, returned in the notify and the query. */
  attach?: string
}

export interface RefundInput {
  outTradeNo: string
  outRefundNo: string
  /** 分 */
  refund: number
  /** 分: the paid order's total. */
  total: number
  reason?: string
}

export interface BillLink {
  hashType: string
  hashValue: string
  downloadUrl: string
}

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/

export function createWechatPayClient(config: WechatPayConfig, deps: TransportDeps = {}) {
  const transport = createTransport(config, deps)
  const now = deps.now ?? Date.now
  const partner = config.subMchid !== undefined
  const payPath = partner ? '/v3/pay/partner/transactions' : '/v3/pay/transactions'
  const merchantQuery = partner ? `sp_mchid=${config.mchid}&sub_mchid=${config.subMchid}` : `mchid=${config.mchid}`
  const merchantBody = partner ? { sp_mchid: config.mchid, sub_mchid: config.subMchid } : { mchid: config.mchid }
  const subMchidQuery = partner ? `sub_mchid=${encodeURIComponent(config.subMchid as string)}` : ''

  /** Maps a verified answer: 2xx through `ok`, anything else to rejected with WeChat Pay's code. */
  function settle<T>(answer: Answer | Exclude<WxResult<never>, { kind: 'ok' }>, ok: (a: Answer) => T): WxResult<T> {
    if (answer.kind !== 'answer') return answer
    if (answer.status < 200 || answer.status > 299) {
      return { kind: 'rejected', status: answer.status, code: String(answer.json.code ?? ''), message: String(answer.json.message ?? '') }
    }
    try {
      return { kind: 'ok', value: ok(answer) }
    } catch (error) {
      if (error instanceof MalformedAnswer) return { kind: 'unknown', reason: 'malformed', detail: error.message }
      throw error
    }
  }

  /** A malformed out_trade_no is our bug, not WeChat Pay's answer: it throws. */
  const checkOutTradeNo = (outTradeNo: string) => {
    if (!OUT_TRADE_NO.test(outTradeNo)) throw new Error(`商户订单号应为 6–32 位字母、数字或 _-|*：${outTradeNo}`)
  }
  const outTradeNoPath = (outTradeNo: string) => {
    checkOutTradeNo(outTradeNo)
    return `${payPath}/out-trade-no/${encodeURIComponent(outTradeNo)}`
  }

  return {
    async prepayJsapi(input: PrepayInput): Promise<WxResult<{ prepayId: string }>> {
      const ids = partner
        ? { sp_appid: config.appid, ...(config.subAppid ? { sub_appid: config.subAppid } : {}), ...merchantBody }
        : { appid: config.appid, ...merchantBody }
      const payer = !partner ? { openid: input.openid } : config.subAppid ? { sub_openid: input.openid } : { sp_openid: input.openid }
      checkOutTradeNo(input.outTradeNo)
      const body = {
        ...ids,
        description: input.description,
        out_trade_no: input.outTradeNo,
        ...(input.timeExpire ? { time_expire: input.timeExpire } : {}),
        ...(input.attach ? { attach: input.attach } : {}),
        notify_url: config.notifyUrl,
        amount: { total: input.total, currency: 'CNY' },
        payer,
      }
      return settle(await transport.call('POST', `${payPath}/jsapi`, body), (a) => {
        if (typeof a.json.prepay_id !== 'string') throw new MalformedAnswer('微信支付应答缺少字段 prepay_id')
        return { prepayId: a.json.prepay_id }
      })
    },

    /** The parameters for wx.requestPayment, signed now. */
    payParams(prepayId: string): JsapiPayParams {
      return jsapiPayParams({ appId: config.subAppid ?? config.appid, prepayId, privateKey: config.merchantPrivateKey, nowSeconds: now() / 1000 })
    },

    async queryByOutTradeNo(outTradeNo: string): Promise<WxResult<Transaction>> {
      return settle(await transport.call('GET', `${outTradeNoPath(outTradeNo)}?${merchantQuery}`), (a) => toTransaction(a.json))
    },

    /** 204 → ok. Close an attempt before starting another for the same order. */
    async close(outTradeNo: string): Promise<WxResult<null>> {
      return settle(await transport.call('POST', `${outTradeNoPath(outTradeNo)}/close`, merchantBody), () => null)
    },

    async refund(input: RefundInput): Promise<WxResult<Refund>> {
      const body = {
        ...(partner ? { sub_mchid: config.subMchid } : {}),
        out_trade_no: input.outTradeNo,
        out_refund_no: input.outRefundNo,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(config.refundNotifyUrl ? { notify_url: config.refundNotifyUrl } : {}),
        amount: { refund: input.refund, total: input.total, currency: 'CNY' },
      }
      return settle(await transport.call('POST', '/v3/refund/domestic/refunds', body), (a) => toRefund(a.json))
    },

    async queryRefund(outRefundNo: string): Promise<WxResult<Refund>> {
      const query = subMchidQuery ? `?${subMchidQuery}` : ''
      return settle(await transport.call('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}${query}`), (a) => toRefund(a.json))
    },

    /** billDate is YYYY-MM-DD (Asia/Shanghai); a day without trades is rejected NO_STATEMENT_EXIST. */
    async tradeBillLink(billDate: string): Promise<WxResult<BillLink>> {
      const query = `bill_date=${billDate}&bill_type=ALL${subMchidQuery ? `&${subMchidQuery}` : ''}`
      return settle(await transport.call('GET', `/v3/bill/tradebill?${query}`), (a) => {
        const { hash_type: hashType, hash_value: hashValue, download_url: downloadUrl } = a.json
        if (typeof downloadUrl !== 'string' || typeof hashValue !== 'string') throw new MalformedAnswer('账单应答缺少 download_url 或 hash_value')
        return { hashType: String(hashType ?? 'SHA1'), hashValue, downloadUrl }
      })
    },

    /** Downloads the bill and checks its hash: a file that does not match is "unknown", not a bill. */
    async downloadTradeBill(link: BillLink): Promise<WxResult<TradeBill>> {
      const file = await transport.download(link.downloadUrl)
      if (file.kind !== 'file') return file
      const digest = createHash(link.hashType.toLowerCase()).update(file.bytes).digest('hex')
      if (digest !== link.hashValue.toLowerCase()) return { kind: 'unknown', reason: 'unverified', detail: `账单文件的 ${link.hashType} 与应答不符` }
      try {
        return { kind: 'ok', value: parseTradeBill(file.bytes.toString('utf8')) }
      } catch (error) {
        return { kind: 'unknown', reason: 'malformed', detail: (error as Error).message }
      }
    },
  }
}

export type WechatPayClient = ReturnType<typeof createWechatPayClient>
