/**
 * The cashier step every adapter shares. A `wechat` attempt goes to WeChat Pay with the
 * parameters the backend signed; a `demo` attempt (a backend's simulator) shows the demo dialog
 * and lets the backend complete it as chosen. What the cashier says is a hint only: the app asks
 * the backend for the order's state afterwards.
 */
import Taro from '@tarojs/taro'
import type { PayResult } from '../contract'
import type { CashierStart } from './adapter'
import { formatFen } from '../domain/money'
import { requestWechatPayment } from './wechatPay'

/** Completes a demo attempt as the person chose in the dialog; moves no money. */
export type DemoCashier = (attemptId: string, action: 'pay' | 'cancel') => Promise<PayResult>

export async function payAtCashier(start: CashierStart, demoCashier?: DemoCashier): Promise<PayResult> {
  if (start.cashier === 'wechat') return requestWechatPayment(start.payParams)
  if (!demoCashier) return { outcome: 'fail', errMsg: 'requestPayment:fail 当前环境没有演示收银台' }
  const choice = await Taro.showModal({
    title: '微信支付（演示）',
    content: `收款方：${start.payee}，金额：${formatFen(start.amountFen)}。演示环境，不会真实扣款。`,
    confirmText: '确认支付',
    cancelText: '取消',
  })
  return demoCashier(start.attemptId, choice.confirm ? 'pay' : 'cancel')
}
