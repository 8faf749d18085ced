import { Text, View } from '@tarojs/components'
import { idDocLabel } from '../domain/idDocument'
import type { PayerView } from '../contract'
import Cell from './Cell'

/** The person being paid for, masked as everywhere on screen. */
export default function PayerCard({ payer }: { payer: PayerView }) {
  return (
    <View className="card" id="payer-card">
      <View className="card__head">
        <Text className="card__title">{payer.maskedName}</Text>
        <Text className="tag">{payer.isSelf ? '本人' : '代缴'}</Text>
        {payer.subsidyLabel ? <Text className="tag tag--subsidy">{payer.subsidyLabel}</Text> : null}
      </View>
      <Cell label="证件类型" value={idDocLabel(payer.idType)} />
      <Cell label="证件号码" value={payer.maskedIdNumber} />
      <Cell label="参保地" value={payer.region.name} />
    </View>
  )
}
