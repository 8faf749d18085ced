import { Text, View } from '@tarojs/components'
import { recordStateView } from '../domain/recordStates'
import { receiptFields } from '../view/receiptFields'
import type { ReceiptView } from '../contract'
import Cell from './Cell'

/** The 电子缴费凭证 with every field the tax channel prints. */
export default function ReceiptCard({ receipt }: { receipt: ReceiptView }) {
  return (
    <View className="card receipt" id="receipt">
      <View className="card__head">
        <Text className="card__title">电子缴费凭证</Text>
        <Text className={`tag tag--${receipt.bookingState}`}>{recordStateView(receipt.bookingState).label}</Text>
      </View>
      {receiptFields(receipt).map((f) => (
        <Cell key={f.label} id={f.id} label={f.label} value={f.value} note={f.note} />
      ))}
    </View>
  )
}
