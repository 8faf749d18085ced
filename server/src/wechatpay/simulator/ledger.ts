// The simulator's books: payment attempts and refunds, with WeChat Pay's rules for out_trade_no
// (same parameters → same prepay_id; anything changed → 403 OUT_TRADE_NO_USED 商户订单号重复).
import { randomBytes } from 'node:crypto'

export type AttemptState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND'

export interface OrderParams {
  partner: boolean
  appid: string
  mchid: string
  subMchid?: string
  subAppid?: string
  description: string
  outTradeNo: string
  timeExpire?: string
  attach?: string
  notifyUrl: string
  total: number
  openid: string
}

export interface Attempt extends OrderParams {
  prepayId: string
  createdAt: number
  state: AttemptState
  transactionId?: string
  successAt?: number
}

export interface RefundRecord {
  outRefundNo: string
  refundId: string
  outTradeNo: string
  transactionId: string
  refund: number
  total: number
  reason?: string
  notifyUrl?: string
  createdAt: number
  /** When it settles to SUCCESS. */
  settlesAt: number
}

/** A refusal as WeChat Pay words it: HTTP status, code, message. */
export class WxError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message)
  }
}

/** Without time_expire an unpaid order stays payable for 7 days. */
const DEFAULT_PAYABLE_MS = 7 * 24 * 3600_000
const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('')
/** Every parameter of 下单; `satisfies` makes a field added to OrderParams fail to compile until listed. */
const ORDER_FIELDS = Object.keys({
  partner: 1, appid: 1, mchid: 1, subMchid: 1, subAppid: 1, description: 1, outTradeNo: 1, timeExpire: 1, attach: 1, notifyUrl: 1, total: 1, openid: 1,
} satisfies Record<keyof OrderParams, 1>) as (keyof OrderParams)[]
const sameParams = (a: OrderParams, b: OrderParams) => ORDER_FIELDS.every((k) => a[k] === b[k])

/** Everything the ledger holds, as JSON (a development simulator keeps it across restarts). */
export interface LedgerSnapshot {
  attempts: Attempt[]
  refunds: RefundRecord[]
}

export function createLedger(now: () => number, refundSettleMs: number, saved?: LedgerSnapshot) {
  const attempts = new Map<string, Attempt>((saved?.attempts ?? []).map((a) => [a.outTradeNo, a]))
  const byPrepayId = new Map<string, Attempt>([...attempts.values()].map((a) => [a.prepayId, a]))
  const refunds = new Map<string, RefundRecord>((saved?.refunds ?? []).map((r) => [r.outRefundNo, r]))

  const expiresAt = (a: Attempt) => (a.timeExpire ? Date.parse(a.timeExpire) : a.createdAt + DEFAULT_PAYABLE_MS)

  function find(outTradeNo: string, mchid: string): Attempt {
    const attempt = attempts.get(outTradeNo)
    if (!attempt || attempt.mchid !== mchid) throw new WxError(404, 'ORDER_NOT_EXIST', '订单不存在')
    return attempt
  }

  return {
    prepay(params: OrderParams): Attempt {
      if (params.timeExpire !== undefined && Number.isNaN(Date.parse(params.timeExpire))) throw new WxError(400, 'PARAM_ERROR', 'time_expire 格式错误')
      const existing = attempts.get(params.outTradeNo)
      if (existing) {
        if (existing.state === 'CLOSED') throw new WxError(400, 'ORDER_CLOSED', '订单已关闭')
        if (existing.state !== 'NOTPAY') throw new WxError(400, 'ORDERPAID', '该订单已支付')
        if (!sameParams(existing, params) || now() >= expiresAt(existing)) throw new WxError(403, 'OUT_TRADE_NO_USED', '商户订单号重复')
        return existing
      }
      const attempt: Attempt = { ...params, prepayId: `wx${digits(14)}${randomBytes(9).toString('hex')}0000`, createdAt: now(), state: 'NOTPAY' }
      attempts.set(attempt.outTradeNo, attempt)
      byPrepayId.set(attempt.prepayId, attempt)
      return attempt
    },

    byPrepayId(prepayId: string): Attempt | undefined {
      return byPrepayId.get(prepayId)
    },

    /**
     * The cashier's "pay": NOTPAY → SUCCESS, unless the order is closed, paid or expired.
     * `evenIfClosed`: a payment already under way when the merchant closed the order (the race that
     * leaves one business order with two paid attempts).
     */
    pay(attempt: Attempt, evenIfClosed = false): void {
      const reopened = evenIfClosed && attempt.state === 'CLOSED'
      if (attempt.state !== 'NOTPAY' && !reopened) throw new WxError(400, attempt.state === 'CLOSED' ? 'ORDER_CLOSED' : 'ORDERPAID', attempt.state === 'CLOSED' ? '订单已关闭' : '该订单已支付')
      // A refused payment leaves the attempt as it was (closed stays closed).
      if (now() >= expiresAt(attempt)) throw new WxError(400, 'ORDER_CLOSED', '订单已过期')
      attempt.state = 'SUCCESS'
      attempt.transactionId = `4200${digits(24)}`
      attempt.successAt = now()
    },

    query: find,

    close(outTradeNo: string, mchid: string): void {
      const attempt = find(outTradeNo, mchid)
      if (attempt.state === 'SUCCESS' || attempt.state === 'REFUND') throw new WxError(400, 'ORDERPAID', '订单已支付，不能关闭')
      attempt.state = 'CLOSED'
    },

    refund(input: { outTradeNo: string; outRefundNo: string; refund: number; total: number; reason?: string; notifyUrl?: string }, mchid: string): RefundRecord {
      const existing = refunds.get(input.outRefundNo)
      if (existing) {
        if (existing.outTradeNo !== input.outTradeNo || existing.refund !== input.refund) throw new WxError(400, 'INVALID_REQUEST', '商户退款单号已用于另一笔退款')
        return existing
      }
      const attempt = find(input.outTradeNo, mchid)
      if (attempt.state !== 'SUCCESS' && attempt.state !== 'REFUND') throw new WxError(400, 'INVALID_REQUEST', '订单未支付，不能退款')
      if (input.total !== attempt.total) throw new WxError(400, 'INVALID_REQUEST', '订单金额与原订单不符')
      const refunded = [...refunds.values()].filter((r) => r.outTradeNo === attempt.outTradeNo).reduce((sum, r) => sum + r.refund, 0)
      if (input.refund <= 0 || refunded + input.refund > attempt.total) throw new WxError(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额')
      const record: RefundRecord = {
        ...input,
        refundId: `50${digits(27)}`,
        transactionId: attempt.transactionId as string,
        createdAt: now(),
        settlesAt: now() + refundSettleMs,
      }
      refunds.set(record.outRefundNo, record)
      attempt.state = 'REFUND'
      return record
    },

    queryRefund(outRefundNo: string): RefundRecord {
      const record = refunds.get(outRefundNo)
      if (!record) throw new WxError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在')
      return record
    },

    refundStatus: (record: RefundRecord): 'SUCCESS' | 'PROCESSING' => (now() >= record.settlesAt ? 'SUCCESS' : 'PROCESSING'),
    attemptOf: (record: RefundRecord) => attempts.get(record.outTradeNo) as Attempt,
    attempts: () => [...attempts.values()],
    refunds: () => [...refunds.values()],
    snapshot: (): LedgerSnapshot => ({ attempts: [...attempts.values()], refunds: [...refunds.values()] }),
  }
}

export type Ledger = ReturnType<typeof createLedger>
