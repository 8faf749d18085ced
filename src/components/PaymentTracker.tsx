import { Text, View } from '@tarojs/components'
import { paymentTracker } from '../domain/paymentTracker'
import type { IsoDate } from '../domain/time'

export interface PaymentTrackerProps {
  paidAt: number
  booked: boolean
  coverStart: IsoDate
  now: number
  /** One line (a record card), or a card of three rows (the result page). */
  compact?: boolean
  id?: string
}

/** Where the money is: 支付成功 → 税务入库 → 医保待遇开始, each done (✓) or with its date. */
export default function PaymentTracker({ compact, id = 'tracker', ...order }: PaymentTrackerProps) {
  const steps = paymentTracker(order)
  if (compact) {
    return (
      <Text className="record__line" id={id}>
        {steps.map((s) => `${s.done ? '✓' : '…'}${s.title} ${s.detail}`).join(' → ')}
      </Text>
    )
  }
  return (
    <View className="card" id={id}>
      {steps.map((s) => (
        <View key={s.key} className="cell" id={`${id}-${s.key}`}>
          <Text className="cell__label">
            {s.done ? '✓ ' : '… '}
            {s.title}
          </Text>
          <View className="cell__body">
            <Text className="cell__value">{s.detail}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
