/** The 电子缴费凭证's rows, shared by the page and the saved image. */
import { idDocLabel } from '../domain/idDocument'
import { formatFen } from '../domain/money'
import { recordStateView } from '../domain/recordStates'
import { formatChineseDate, inShanghai } from '../domain/time'
import type { ReceiptView } from '../contract'
import type { ReceiptField } from '../services/receiptDrawing'

export function receiptFields(receipt: ReceiptView): ReceiptField[] {
  return [
    { id: 'voucher-no', label: '电子税票号码', value: receipt.taxVoucherNo },
    { label: '缴费人', value: receipt.payerMaskedName },
    { label: '证件类型', value: idDocLabel(receipt.idType) },
    { label: '证件号码', value: receipt.maskedIdNumber },
    { label: '征收品目', value: receipt.itemName },
    { label: '费款所属期', value: `${formatChineseDate(receipt.periodStart)}至${formatChineseDate(receipt.periodEnd)}` },
    { id: 'receipt-amount', label: '缴费金额', value: formatFen(receipt.amountFen), note: `大写：${receipt.amountCapital}` },
    { label: '征收机关', value: receipt.taxAuthority },
    { label: '缴费渠道', value: receipt.channel },
    { label: '缴费时间', value: inShanghai(receipt.paidAt).format('YYYY-MM-DD HH:mm:ss') },
    { id: 'booking-state', label: '入库状态', value: recordStateView(receipt.bookingState).label },
  ]
}
