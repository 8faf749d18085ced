/** The payment provider as the server needs it: WeChat Pay's JSAPI flow, reduced to three calls. */
import type { ResponseOf } from '../contract'

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

/** The provider's view of one attempt (WeChat's trade_state, plus what a failure said). */
export type AttemptStatus =
  | { state: 'NOTPAY' }
  | { state: 'SUCCESS'; transactionId: string; paidAt: number; amountFen: number }
  | { state: 'CLOSED' }
  | { state: 'PAYERROR'; reason: string }

export interface PaymentProvider {
  readonly cashier: CashierKind
  /** Idempotent on outTradeNo: the same attempt gets the same prepay id. */
  createAttempt(attempt: NewAttempt): Promise<{ prepayId: string; payParams: PayParams }>
  query(outTradeNo: string): Promise<AttemptStatus>
  close(outTradeNo: string): Promise<void>
}
