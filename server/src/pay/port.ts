/** The payment provider as the server needs it: WeChat Pay's JSAPI flow, refunds and the day's bill. */
import type { ResponseOf } from '../contract'
import type { OpenNotifyResult, TradeBill, WechatpaySignatureHeaders } from '../wechatpay'

export type PayParams = ResponseOf<'startPayment'>['payParams']

/** Which cashier the app opens: the simulator's dialog or wx.requestPayment. */
export type CashierKind = 'demo' | 'wechat'

export interface NewAttempt {
  outTradeNo: string
  amountFen: number
  description: string
  openid: string
  expiresAt: number
}

/** Money the provider says arrived for one attempt. */
export interface ProviderPayment {
  outTradeNo: string
  transactionId: string
  paidAt: number
  amountFen: number
  openid?: string
}

/**
 * The provider's view of one attempt (WeChat's JSAPI trade_state). UNKNOWN: no trustworthy
 * answer (network, 5xx, a signature that does not verify): ask again later, never "failed".
 */
export type AttemptStatus = { state: 'NOTPAY' } | { state: 'SUCCESS'; payment: ProviderPayment } | { state: 'CLOSED' } | { state: 'UNKNOWN'; reason: string }

export type RefundStatus = { state: 'PROCESSING' | 'CLOSED' | 'ABNORMAL' | 'UNKNOWN' } | { state: 'SUCCESS'; succeededAt: number; refundId: string }

export interface PaymentProvider {
  readonly cashier: CashierKind
  /** Idempotent on outTradeNo: the same attempt gets the same prepay id. */
  createAttempt(attempt: NewAttempt): Promise<{ prepayId: string; payParams: PayParams }>
  query(outTradeNo: string): Promise<AttemptStatus>
  /** Closes an unpaid attempt; what it became is then asked with query. */
  close(outTradeNo: string): Promise<void>
  /** Idempotent on outRefundNo. amountFen below totalFen (the transaction's): a partial refund; several may follow. */
  refund(request: { outTradeNo: string; outRefundNo: string; amountFen: number; totalFen: number; reason: string }): Promise<RefundStatus>
  queryRefund(outRefundNo: string): Promise<RefundStatus>
  /** One Asia/Shanghai day's trade bill; undefined when the provider has none for that day. */
  tradeBill(billDate: string): Promise<TradeBill | undefined>
  /** Verifies and decrypts a notify from its raw bytes. */
  openNotify(headers: WechatpaySignatureHeaders, rawBody: Buffer, nowMs: number): OpenNotifyResult
}
