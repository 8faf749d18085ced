// The WeChat Pay v3 endpoints the simulator serves, for a direct merchant and a 服务商 alike.
import { createHash, randomBytes } from 'node:crypto'
import type { Ledger, OrderParams } from './ledger'
import { WxError } from './ledger'
import { refundJson, transactionJson } from './wire'
import { tradeBill } from './bill'

export interface ApiRequest {
  method: string
  url: URL
  json: Record<string, unknown>
  mchid: string
}

export interface ApiAnswer {
  status: number
  json?: unknown
  /** A file download (bills): sent as it is, not JSON. */
  file?: Buffer
}

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {})
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)
const param = (message: string) => new WxError(400, 'PARAM_ERROR', message)

function orderParams(body: Record<string, unknown>, partner: boolean, mchid: string): OrderParams {
  const payer = obj(body.payer)
  const amount = obj(body.amount)
  const params: OrderParams = {
    partner,
    appid: str(partner ? body.sp_appid : body.appid) ?? '',
    mchid: str(partner ? body.sp_mchid : body.mchid) ?? '',
    subMchid: partner ? str(body.sub_mchid) : undefined,
    subAppid: partner ? str(body.sub_appid) : undefined,
    description: str(body.description) ?? '',
    outTradeNo: str(body.out_trade_no) ?? '',
    timeExpire: str(body.time_expire),
    attach: str(body.attach),
    notifyUrl: str(body.notify_url) ?? '',
    total: typeof amount.total === 'number' ? amount.total : NaN,
    openid: str(payer.openid) ?? str(payer.sub_openid) ?? str(payer.sp_openid) ?? '',
  }
  if (!params.appid) throw param('缺少 appid')
  if (params.mchid !== mchid) throw param('商户号与签名的商户号不一致')
  if (partner && !params.subMchid) throw param('缺少 sub_mchid')
  if (!params.description || [...params.description].length > 127) throw param('description 应为 1–127 个字符')
  if (!OUT_TRADE_NO.test(params.outTradeNo)) throw param('out_trade_no 应为 6–32 位字母、数字或 _-|*')
  if (params.attach && [...params.attach].length > 128) throw param('attach 不能超过 128 个字符')
  if (!/^https?:\/\//.test(params.notifyUrl)) throw param('notify_url 应为 http(s) 地址')
  if (!Number.isInteger(params.total) || params.total <= 0) throw param('amount.total 应为正整数（分）')
  if ((amount.currency ?? 'CNY') !== 'CNY') throw param('currency 只支持 CNY')
  if (!params.openid) throw param('缺少 payer 的 openid')
  return params
}

export function createRoutes(ledger: Ledger, onRefund: (outRefundNo: string) => void) {
  const billFiles = new Map<string, Buffer>()

  return function handle({ method, url, json, mchid }: ApiRequest): ApiAnswer {
    const path = url.pathname
    const route = /^\/v3\/pay\/(partner\/)?transactions\/(jsapi|out-trade-no\/([^/]+)(\/close)?)$/.exec(path)
    if (route) {
      const partner = route[1] !== undefined
      if (route[2] === 'jsapi' && method === 'POST') return { status: 200, json: { prepay_id: ledger.prepay(orderParams(json, partner, mchid)).prepayId } }
      const outTradeNo = decodeURIComponent(route[3] ?? '')
      if (route[4] && method === 'POST') {
        ledger.close(outTradeNo, mchid)
        return { status: 204 }
      }
      if (!route[4] && method === 'GET') {
        const asked = url.searchParams.get(partner ? 'sp_mchid' : 'mchid')
        if (asked !== mchid) throw param(partner ? '缺少或错误的 sp_mchid' : '缺少或错误的 mchid')
        return { status: 200, json: transactionJson(ledger.query(outTradeNo, mchid)) }
      }
    }
    if (path === '/v3/refund/domestic/refunds' && method === 'POST') {
      const amount = obj(json.amount)
      const outTradeNo = str(json.out_trade_no)
      const outRefundNo = str(json.out_refund_no)
      if (!outTradeNo || !outRefundNo) throw param('缺少 out_trade_no 或 out_refund_no')
      if (typeof amount.refund !== 'number' || typeof amount.total !== 'number') throw param('缺少 amount.refund 或 amount.total')
      const record = ledger.refund({ outTradeNo, outRefundNo, refund: amount.refund, total: amount.total, reason: str(json.reason), notifyUrl: str(json.notify_url) }, mchid)
      onRefund(record.outRefundNo)
      return { status: 200, json: refundJson(record, ledger) }
    }
    const refundQuery = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(path)
    if (refundQuery && method === 'GET') return { status: 200, json: refundJson(ledger.queryRefund(decodeURIComponent(refundQuery[1])), ledger) }
    if (path === '/v3/bill/tradebill' && method === 'GET') {
      const date = url.searchParams.get('bill_date') ?? ''
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw param('bill_date 应为 YYYY-MM-DD')
      const text = tradeBill(ledger, date)
      if (text === undefined) throw new WxError(400, 'NO_STATEMENT_EXIST', '账单文件不存在')
      const file = Buffer.from(text, 'utf8')
      const token = randomBytes(12).toString('hex')
      billFiles.set(token, file)
      const downloadUrl = `${url.origin}/v3/billdownload/file?token=${token}`
      return { status: 200, json: { hash_type: 'SHA1', hash_value: createHash('sha1').update(file).digest('hex'), download_url: downloadUrl } }
    }
    if (path === '/v3/billdownload/file' && method === 'GET') {
      const file = billFiles.get(url.searchParams.get('token') ?? '')
      if (!file) throw new WxError(400, 'INVALID_REQUEST', '下载链接无效或已过期')
      return { status: 200, file }
    }
    throw new WxError(404, 'NOT_FOUND', `模拟器没有这个接口：${method} ${path}`)
  }
}
