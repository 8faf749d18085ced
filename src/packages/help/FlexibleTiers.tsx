import { Text, View } from '@tarojs/components'
import { formatFen } from '../../domain/money'
import type { FlexiblePolicy } from '../../domain/policy'
import Source from './Sourced'

/** The 灵活就业 档次 table: every base computed from the one published average wage. */
export default function FlexibleTiers({ policy }: { policy: FlexiblePolicy }) {
  return (
    <View className="card" id="flexible">
      <Text className="policy__text">
        上年度全省职工月平均工资 {formatFen(policy.averageWageFen)}，缴费基数可选 60%–300%；费率 {policy.rateBp / 100}%
      </Text>
      <View className="policy__table" id="flexible-tiers">
        <View className="policy__row policy__row--head">
          <Text className="policy__cell">档次</Text>
          <Text className="policy__cell">缴费基数（月）</Text>
          <Text className="policy__cell">每月缴费</Text>
        </View>
        {policy.tiers.map((t) => (
          <View key={t.code} className="policy__row" id={`flexible-${t.code}`}>
            <Text className="policy__cell">{t.label}</Text>
            <Text className="policy__cell">{formatFen(t.baseFen)}</Text>
            <Text className="policy__cell">{formatFen(t.monthlyFen)}</Text>
          </View>
        ))}
      </View>
      <Source source={policy.source} demo={policy.demo} id="flexible-source" />
      <Source source={policy.rateSource} demo={policy.rateDemo} id="flexible-rate-source" />
    </View>
  )
}
