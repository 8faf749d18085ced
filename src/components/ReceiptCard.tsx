import { Text, View } from '@tarojs/components'
import { idDocLabel } from '../domain/idDocument'
import { formatFen } from '../domain/money'
import { ORDER_STATE_LABEL } from '../domain/orderState'
import { formatChineseDate, inShanghai } from '../domain/time'
import type { ReceiptView } from '../services/contract'
import Cell from './Cell'

/** The 电子缴费凭证 with every field the tax channel prints (domain doc §5). */
export default function ReceiptCard({ receipt }: { receipt: ReceiptView }) {
  return (
    <View className="card receipt" id="receipt">
      <View className="card__head">
        <Text className="card__title">电子缴费凭证</Text>
        <Text className={`tag tag--${receipt.bookingState}`} id="booking-state">{ORDER_STATE_LABEL[receipt.bookingState]}</Text>
      </View>
      <Cell label="电子税票号码" value={receipt.taxVoucherNo} id="voucher-no" />
      <Cell label="缴费人" value={receipt.payerMaskedName} />
      <Cell label="证件类型" value={idDocLabel(receipt.idType)} />
      <Cell label="证件号码" value={receipt.maskedIdNumber} />
      <Cell label="征收品目" value={receipt.itemName} />
      <Cell label="费款所属期" value={`${formatChineseDate(receipt.periodStart)}至${formatChineseDate(receipt.periodEnd)}`} />
      <Cell label="缴费金额" value={formatFen(receipt.amountFen)} note={`大写：${receipt.amountCapital}`} id="receipt-amount" />
      <Cell label="征收机关" value={receipt.taxAuthority} />
      <Cell label="缴费渠道" value={receipt.channel} />
      <Cell label="缴费时间" value={inShanghai(receipt.paidAt).format('YYYY-MM-DD HH:mm:ss')} />
    </View>
  )
}
