import { Text, View } from '@tarojs/components'
import Tappable from '../../components/Tappable'
import type { FamilyItem, LeftOut } from '../../domain/familyPay'
import { formatFen } from '../../domain/money'
import { spokenAmount, spokenItem } from '../../domain/spoken'

/** One person of the order, ticked or not: who (masked), their ID number (masked), item, period and amount. */
export function FamilyItemRow({ item, index, ticked, disabled, onToggle }: { item: FamilyItem; index: number; ticked: boolean; disabled: boolean; onToggle: () => void }) {
  return (
    <Tappable
      id={`family-item-${index}`}
      className="card family-item"
      role="checkbox"
      checked={ticked}
      disabled={disabled}
      label={`${item.who}，${item.periodLabel}${spokenItem(item.itemName)}，${spokenAmount(item.amountFen)}`}
      onTap={onToggle}
    >
      <View className="family-item__head">
        <Text className={`family-item__tick${ticked ? ' is-on' : ''}`}>{ticked ? '✓' : ''}</Text>
        <Text className="family__name">{item.who}</Text>
        <Text className="family-item__amount">{formatFen(item.amountFen)}</Text>
      </View>
      <Text className="family__line">证件号码：{item.maskedIdNumber}</Text>
      <Text className="family__line">
        {item.itemName} · {item.periodLabel}
      </Text>
    </Tappable>
  )
}

/** Who is not in this order, and why (已缴费, 无需个人缴费, 正在另一笔订单中支付, …): nobody is dropped silently. */
export function LeftOutRows({ leftOut }: { leftOut: readonly LeftOut[] }) {
  if (leftOut.length === 0) return null
  return (
    <View id="family-left-out">
      <Text className="section-title">不在本次缴费中</Text>
      <View className="card">
        {leftOut.map((l, index) => (
          <View key={l.key} className="cell" id={`family-out-${index}`}>
            <Text className="cell__label">{l.who}</Text>
            <View className="cell__body">
              <Text className="cell__value">{l.reason}</Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}
