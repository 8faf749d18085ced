import type { PayParams, PayResult } from '../contract'

/**
 * Outside the mini-program there is no WeChat cashier to call (a real H5 deployment would use the
 * JSAPI inside WeChat's browser); the user is told to pay in the mini-program instead.
 */
export async function requestWechatPayment(_params: PayParams): Promise<PayResult> {
  return { outcome: 'fail', errMsg: 'requestPayment:fail 请在微信小程序中完成支付' }
}
