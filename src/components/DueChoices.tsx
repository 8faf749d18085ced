import { Text, View } from '@tarojs/components'
import { FULLY_FUNDED_MESSAGE, isFullyFunded } from '../domain/fullyFunded'
import { formatFen } from '../domain/money'
import type { Selection } from '../domain/payFlow'
import { coverageYearRange } from '../domain/periods'
import { spokenAmount } from '../domain/spoken'
import { formatChineseDate } from '../domain/time'
import { monthsThrough } from '../view/selection'
import type { DueItemsResponse } from '../contract'
import DemoMark from './DemoMark'
import Tappable from './Tappable'

/** The due items to pick from: coverage years for residents; 档次 and months for flexible work. */
/** The due items, what is selected, and what a tap selects. */
interface ChoicesProps {
  due: DueItemsResponse
  selection?: Selection
  onSelect: (selection: Selection) => void
}

function ResidentYears({ due, selection, onSelect: select }: ChoicesProps) {
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
            label={`${y.label}，${isFullyFunded(y) ? FULLY_FUNDED_MESSAGE : `应缴${spokenAmount(y.payableFen)}`}`}
            onTap={() => select({ kind: 'resident', coverageYear: y.coverageYear })}
          >
            <View className="option__main">
              <Text className="option__title">{y.label}</Text>
              <Text className="option__amount">{isFullyFunded(y) ? '无需缴费' : formatFen(y.payableFen)}<DemoMark show={y.demo} /></Text>
            </View>
            <Text className="option__note">
              费款所属期 {formatChineseDate(coverageYearRange(y.coverageYear).start)}至{formatChineseDate(coverageYearRange(y.coverageYear).end)}
            </Text>
            {y.subsidyFen > 0 ? (
              <Text className="option__note option__note--subsidy" id={`subsidy-${y.coverageYear}`}>
                {isFullyFunded(y) ? FULLY_FUNDED_MESSAGE : `个人缴费 ${formatFen(y.payableFen)}，政府资助 ${formatFen(y.subsidyFen)}`}
              </Text>
            ) : null}
            {y.coverNote ? <Text className="option__note option__note--warn">有待遇等待期</Text> : null}
          </Tappable>
        )
      })}
    </View>
  )
}

function FlexibleMonths({ due, selection, onSelect: select }: ChoicesProps) {
  const flexible = due.flexible
  if (!flexible || selection?.kind !== 'flexible') return null
  return (
    <View>
      <Text className="section-title">档次（缴费基数）<DemoMark show={flexible.demo} /></Text>
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
      {flexible.olderArrears ? <Text className="hint" id="older-arrears">{flexible.olderArrears}</Text> : null}
    </View>
  )
}


export default function DueChoices(props: ChoicesProps) {
  return (
    <View>
      {props.due.resident ? <Text className="section-title">费款所属期</Text> : null}
      {props.due.resident ? <ResidentYears {...props} /> : null}
      <FlexibleMonths {...props} />
    </View>
  )
}
