// One day's trade bill against what the server recorded for that day: every difference an operator
// must look at. Pure; the reconciliation job loads both sides and stores the result.
import type { TradeBill } from './bill'

/** An attempt the server holds as paid, selected by its success_time's Asia/Shanghai date. */
export interface RecordedPayment {
  outTradeNo: string
  /** 分 */
  total: number
}

/** A refund the server holds as succeeded, selected by its success_time's Asia/Shanghai date. */
export interface RecordedRefund {
  outRefundNo: string
  outTradeNo: string
  /** 分 */
  refund: number
}

export type BillDifference =
  | { kind: 'paid-at-wechat-only'; outTradeNo: string; transactionId: string; wechat: number }
  | { kind: 'paid-here-only'; outTradeNo: string; here: number }
  | { kind: 'payment-amount-differs'; outTradeNo: string; wechat: number; here: number }
  | { kind: 'refunded-at-wechat-only'; outRefundNo: string; outTradeNo: string; wechat: number }
  | { kind: 'refunded-here-only'; outRefundNo: string; outTradeNo: string; here: number }
  | { kind: 'refund-amount-differs'; outRefundNo: string; outTradeNo: string; wechat: number; here: number }

export function compareTradeBill(bill: TradeBill, payments: RecordedPayment[], refunds: RecordedRefund[]): BillDifference[] {
  const differences: BillDifference[] = []
  const paidHere = new Map(payments.map((p) => [p.outTradeNo, p]))
  const refundedHere = new Map(refunds.map((r) => [r.outRefundNo, r]))
  for (const row of bill.rows) {
    if (row.tradeState === 'REFUND') {
      const here = refundedHere.get(row.outRefundNo)
      refundedHere.delete(row.outRefundNo)
      if (!here) differences.push({ kind: 'refunded-at-wechat-only', outRefundNo: row.outRefundNo, outTradeNo: row.outTradeNo, wechat: row.refund })
      else if (here.refund !== row.refund) differences.push({ kind: 'refund-amount-differs', outRefundNo: row.outRefundNo, outTradeNo: row.outTradeNo, wechat: row.refund, here: here.refund })
      continue
    }
    const here = paidHere.get(row.outTradeNo)
    paidHere.delete(row.outTradeNo)
    if (!here) differences.push({ kind: 'paid-at-wechat-only', outTradeNo: row.outTradeNo, transactionId: row.transactionId, wechat: row.total })
    else if (here.total !== row.total) differences.push({ kind: 'payment-amount-differs', outTradeNo: row.outTradeNo, wechat: row.total, here: here.total })
  }
  for (const p of paidHere.values()) differences.push({ kind: 'paid-here-only', outTradeNo: p.outTradeNo, here: p.total })
  for (const r of refundedHere.values()) differences.push({ kind: 'refunded-here-only', outRefundNo: r.outRefundNo, outTradeNo: r.outTradeNo, here: r.refund })
  return differences
}
