import { Text, View } from '@tarojs/components'
import ActionButton from '../../components/ActionButton'
import Notice from '../../components/Notice'
import PayerCard from '../../components/PayerCard'
import StaleFlow from '../../components/StaleFlow'
import Tappable from '../../components/Tappable'
import { formatFen } from '../../domain/money'
import type { Selection } from '../../domain/payFlow'
import { coverageYearRange } from '../../domain/periods'
import { formatChineseDate } from '../../domain/time'
import { flowStore, useFlow } from '../../flow'
import { monthsThrough, summarise } from '../../flow/selection'
import { go } from '../../routes'
import type { DueItemsResponse } from '../../services/contract'
import './index.css'

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
            label={`${y.label}，应缴${formatFen(y.payableFen)}`}
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
            label={`${t.label}，每月${formatFen(t.monthlyFen)}`}
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

export default function Items() {
  const { payer, due, flow } = useFlow()
  if (!payer || !due) return <StaleFlow />
  const summary = summarise(due, flow.selection)
  return (
    <View className="page items">
      <PayerCard payer={payer} />
      {due.openOrderId ? (
        <Notice kind="warn" id="open-order">该缴费人有一笔未完成的缴费订单。继续缴费会沿用该订单，不会重复扣款。</Notice>
      ) : null}
      <Text className="section-title">险种</Text>
      <View className="card">
        <View className="cell">
          <Text className="cell__value" id="item-name">{due.itemName}</Text>
        </View>
      </View>
      {due.resident ? <Text className="section-title">费款所属期</Text> : null}
      {due.resident ? <ResidentYears due={due} selection={flow.selection} /> : null}
      <FlexibleMonths due={due} selection={flow.selection} />
      <View className="summary" id="summary">
        <View className="summary__row">
          <Text className="summary__label">合计</Text>
          <Text className="summary__amount" id="total">{summary ? formatFen(summary.totalFen) : '—'}</Text>
        </View>
        {summary ? (
          <Text className="summary__note" id="cover-start">今天缴费，{formatChineseDate(summary.coverStart)}起享受医保待遇</Text>
        ) : (
          <Text className="summary__note">请选择费款所属期</Text>
        )}
      </View>
      <View className="actions">
        <ActionButton id="next" label="下一步" disabled={!summary} onTap={() => go('confirm')} />
      </View>
    </View>
  )
}
