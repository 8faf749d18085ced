import { Text, View } from '@tarojs/components'
import { formatFen } from '../domain/money'
import type { Selection } from '../domain/payFlow'
import { coverageYearRange } from '../domain/periods'
import { spokenAmount } from '../domain/spoken'
import { formatChineseDate } from '../domain/time'
import { flowStore } from '../flow'
import { monthsThrough } from '../flow/selection'
import type { DueItemsResponse } from '../services/contract'
import Tappable from './Tappable'

/** The due items to pick from: coverage years for residents; 档次 and months for flexible work. */
const select = (selection: Selection | undefined) => flowStore.dispatch({ type: 'selected', selection })

function ResidentYears({ due, selection }: { due: DueItemsResponse; selection?: Selection }) {
  const years = due.resident?.years ?? []
  return (
    <View className="choices choices--cards" id="years">
      {years.map((y) => {
        const checked = selection?.kind === 'resident' && selection.coverageYear === y.coverageYear
        return (
          <Tappable
            key={y.coverageYear}
            id={`year-${y.coverageYear}`}
            className="option"
            role="radio"
            checked={checked}
            label={`${y.label}，应缴${spokenAmount(y.payableFen)}`}
            onTap={() => select({ kind: 'resident', coverageYear: y.coverageYear })}
          >
            <View className="option__main">
              <Text className="option__title">{y.label}</Text>
              <Text className="option__amount">{formatFen(y.payableFen)}</Text>
            </View>
            <Text className="option__note">
              费款所属期 {formatChineseDate(coverageYearRange(y.coverageYear).start)}至{formatChineseDate(coverageYearRange(y.coverageYear).end)}
            </Text>
            {y.subsidyFen > 0 ? (
              <Text className="option__note option__note--subsidy">
                缴费标准 {formatFen(y.standardFen)}，政府资助 {formatFen(y.subsidyFen)}
              </Text>
            ) : null}
            {!y.inWindow ? <Text className="option__note option__note--warn">不在集中缴费期，缴费后需经过等待期</Text> : null}
          </Tappable>
        )
      })}
    </View>
  )
}

function FlexibleMonths({ due, selection }: { due: DueItemsResponse; selection?: Selection }) {
  const flexible = due.flexible
  if (!flexible || selection?.kind !== 'flexible') return null
  return (
    <View>
      <Text className="section-title">档次（缴费基数）</Text>
      <View className="choices choices--chips" id="tiers">
        {flexible.tiers.map((t) => (
          <Tappable
            key={t.code}
            id={`tier-${t.code}`}
            className="chip"
            role="radio"
            checked={selection.tierCode === t.code}
            label={`${t.label}，每月${spokenAmount(t.monthlyFen)}`}
            onTap={() => select({ ...selection, tierCode: t.code })}
          >
            <Text className="chip__title">{t.label}</Text>
            <Text className="chip__note">{formatFen(t.monthlyFen)}/月</Text>
          </Tappable>
        ))}
      </View>
      <Text className="section-title">费款所属期（须从最早未缴月份起连续缴纳）</Text>
      <View className="choices choices--cards" id="months">
        {flexible.months.map((m) => (
          <Tappable
            key={m.month}
            id={`month-${m.month}`}
            className="option option--row"
            role="radio"
            checked={selection.months.includes(m.month)}
            label={`缴至${m.label}`}
            onTap={() => select({ ...selection, months: monthsThrough(due, m.month) })}
          >
            <Text className="option__title">{m.label}</Text>
          </Tappable>
        ))}
      </View>
    </View>
  )
}


export default function DueChoices({ due, selection }: { due: DueItemsResponse; selection?: Selection }) {
  return (
    <View>
      {due.resident ? <Text className="section-title">费款所属期</Text> : null}
      {due.resident ? <ResidentYears due={due} selection={selection} /> : null}
      <FlexibleMonths due={due} selection={selection} />
    </View>
  )
}
