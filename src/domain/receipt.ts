/** The 电子缴费凭证 of a paid order: the order's own (masked) view and the tax system's 电子税票号码. */
import type { OrderView, ReceiptView } from '../contract'
import { toChineseCapital } from './money'

export function receiptOf(view: OrderView, taxVoucherNo: string, paidAt: number): ReceiptView {
  return {
    orderId: view.orderId,
    taxVoucherNo,
    payerMaskedName: view.payer.maskedName,
    idType: view.payer.idType,
    maskedIdNumber: view.payer.maskedIdNumber,
    itemName: view.itemName,
    periodLabel: view.periodLabel,
    periodStart: view.periodStart,
    periodEnd: view.periodEnd,
    amountFen: view.amountFen,
    amountCapital: toChineseCapital(view.amountFen),
    taxAuthority: view.taxAuthority,
    channel: '微信支付',
    paidAt,
    bookingState: view.state === 'settled' ? 'settled' : 'paid',
  }
}
