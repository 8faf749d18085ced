/**
 * How a payment record's state reads in 缴费记录查询: its label, and what happens next in words
 * a person can act on.
 */
import { ORDER_STATE_LABEL, type OrderState } from './orderState'

export interface RecordStateView {
  label: string
  /** What it means and what happens next. */
  explanation: string
  hasReceipt: boolean
}

const EXPLANATIONS: Record<OrderState, string> = {
  pending: '订单已创建，尚未支付，未扣款。24 小时内可继续支付，逾期自动关闭。',
  paying: '支付结果确认中，以订单状态为准。请勿重复缴费，结果确认后会自动更新。',
  paid: '已缴费：税务部门已收到款项，1–3 个工作日后变为“已入库”。',
  settled: '已入库：款项已缴入国库。医保待遇自缴费成功页所示日期起享受。',
  failed: '缴费失败：本次支付未成功，未扣款。可返回首页重新缴费。',
  reversing: '待冲正：扣款未能入库，正在原路退回，1–2 天内到账，无需任何操作，请勿重复缴费。',
  refunded: '已退款：款项已原路退回原支付账户。如仍需参保，请重新缴费。',
  closed: '订单已关闭，未扣款。',
}

export function recordStateView(state: OrderState): RecordStateView {
  return {
    // While a result is unknown people see what the official channels say: 结果确认中.
    label: state === 'paying' ? '结果确认中' : ORDER_STATE_LABEL[state],
    explanation: EXPLANATIONS[state],
    hasReceipt: state === 'paid' || state === 'settled',
  }
}
