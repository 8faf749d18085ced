/**
 * Paying for a started attempt. The app always asks the backend for the order's state
 * afterwards: what the cashier says is a hint, never the truth.
 */
import Taro from '@tarojs/taro'
import { formatFen } from '../domain/money'
import type { StartPaymentResponse } from '../contract'
import { loadAdapter } from './index'
import { requestWechatPayment } from './wechatPay'

export type PayOutcome = 'ok' | 'cancel' | 'fail'

export interface PayResult {
  outcome: PayOutcome
  errMsg: string
}

/** The mock's cashier: shows the amount and payee, lets the user pay or cancel, moves no money. */
async function payAtMockCashier(start: StartPaymentResponse): Promise<PayResult> {
  const choice = await Taro.showModal({
    title: '微信支付（演示）',
    content: `收款方：${start.payee}，金额：${formatFen(start.amountFen)}。演示环境，不会真实扣款。`,
    confirmText: '确认支付',
    cancelText: '取消',
  })
  const { mock } = await loadAdapter()
  const outcome = await mock.cashier.complete(start.attemptId, choice.confirm ? 'pay' : 'cancel')
  return { outcome: outcome.result, errMsg: outcome.errMsg }
}

export function payForAttempt(start: StartPaymentResponse): Promise<PayResult> {
  return start.payParams.package.startsWith('prepay_id=mock_') ? payAtMockCashier(start) : requestWechatPayment(start.payParams)
}
