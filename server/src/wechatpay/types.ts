// The shapes our callers see: camelCase, amounts in integer 分, one type for a direct merchant
// and a 服务商 (whose wire fields are sp_*/sub_*). Wire JSON is mapped here and nowhere else.

/** For JSAPI only SUCCESS, REFUND, NOTPAY and CLOSED occur; the rest belong to other trade types. */
const TRADE_STATES = ['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'USERPAYING', 'PAYERROR', 'REVOKED'] as const
const REFUND_STATUSES = ['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL'] as const
export type TradeState = (typeof TRADE_STATES)[number]
export type RefundStatus = (typeof REFUND_STATUSES)[number]

export interface Transaction {
  appid: string
  mchid: string
  subMchid?: string
  outTradeNo: string
  transactionId?: string
  tradeState: TradeState
  tradeStateDesc?: string
  successTime?: string
  openid?: string
  attach?: string
  /** 分, what the order asked for. */
  total: number
  /** 分, what the payer paid (differs from total only with coupons). */
  payerTotal?: number
  currency: string
}

export interface Refund {
  outRefundNo: string
  refundId: string
  outTradeNo: string
  transactionId: string
  status: RefundStatus
  successTime?: string
  /** 分 */
  refund: number
  /** 分 */
  total: number
}

/** WeChat Pay answered, signed, and said no: the request will not succeed as it is. */
export interface Rejected {
  kind: 'rejected'
  status: number
  code: string
  message: string
}

/** No trustworthy answer (network, timeout, 5xx, a signature that does not verify): query again. */
export interface Unknown {
  kind: 'unknown'
  reason: 'network' | 'timeout' | 'server-error' | 'unverified' | 'malformed'
  detail: string
  /** The HTTP status when there was an answer (for the log: an unsigned 401 means our key is wrong). */
  status?: number
}

export type WxResult<T> = { kind: 'ok'; value: T } | Rejected | Unknown

type Json = Record<string, unknown>
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined)
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {})

export class MalformedAnswer extends Error {}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new MalformedAnswer(`微信支付应答缺少字段 ${field}`)
  return value
}

function oneOf<T extends string>(allowed: readonly T[], value: string | undefined, field: string): T {
  if (!allowed.includes(value as T)) throw new MalformedAnswer(`微信支付应答的 ${field} 不认识：${value}`)
  return value as T
}

/** Maps a transaction as WeChat Pay writes it (query answer or decrypted notify resource). */
export function toTransaction(wire: Json): Transaction {
  const amount = obj(wire.amount)
  const payer = obj(wire.payer)
  return {
    appid: required(str(wire.appid) ?? str(wire.sp_appid), 'appid'),
    mchid: required(str(wire.mchid) ?? str(wire.sp_mchid), 'mchid'),
    subMchid: str(wire.sub_mchid),
    outTradeNo: required(str(wire.out_trade_no), 'out_trade_no'),
    transactionId: str(wire.transaction_id),
    tradeState: oneOf(TRADE_STATES, str(wire.trade_state), 'trade_state'),
    tradeStateDesc: str(wire.trade_state_desc),
    successTime: str(wire.success_time),
    openid: str(payer.openid) ?? str(payer.sub_openid) ?? str(payer.sp_openid),
    attach: str(wire.attach),
    total: required(num(amount.total), 'amount.total'),
    payerTotal: num(amount.payer_total),
    currency: str(amount.currency) ?? 'CNY',
  }
}

/** Maps a refund (refund answer, refund query, or decrypted REFUND.* notify: `refund_status`). */
export function toRefund(wire: Json): Refund {
  const amount = obj(wire.amount)
  return {
    outRefundNo: required(str(wire.out_refund_no), 'out_refund_no'),
    refundId: required(str(wire.refund_id), 'refund_id'),
    outTradeNo: required(str(wire.out_trade_no), 'out_trade_no'),
    transactionId: required(str(wire.transaction_id), 'transaction_id'),
    status: oneOf(REFUND_STATUSES, str(wire.status) ?? str(wire.refund_status), 'status'),
    successTime: str(wire.success_time),
    refund: required(num(amount.refund), 'amount.refund'),
    total: required(num(amount.total), 'amount.total'),
  }
}
