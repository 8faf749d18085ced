import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useMemo, useState } from 'react'
import ActionButton from '../../components/ActionButton'
import ErrorPanel from '../../components/ErrorPanel'
import Loading from '../../components/Loading'
import Screen from '../../components/Screen'
import PaymentTracker from '../../components/PaymentTracker'
import Tappable from '../../components/Tappable'
import { formatFen } from '../../domain/money'
import { recordStateView } from '../../domain/recordStates'
import { spokenAmount } from '../../domain/spoken'
import { inShanghai } from '../../domain/time'
import { useRequest } from '../../view/useRequest'
import { go, goHome } from '../../routes'
import { appClock, backend } from '../../services'
import type { OrderView } from '../../contract'
import './index.css'

const ALL = 'all'

interface Filters {
  payer: string
  year: string
}

function FilterRow(props: { name: string; options: Array<{ value: string; label: string }>; value: string; onChange: (v: string) => void }) {
  return (
    <View className="choices choices--chips filters" id={`filter-${props.name}`}>
      {props.options.map((o) => (
        <Tappable key={o.value} id={`filter-${props.name}-${o.value}`} className="chip chip--filter" role="radio" checked={o.value === props.value} label={o.label} onTap={() => props.onChange(o.value)}>
          <Text className="chip__title">{o.label}</Text>
        </Tappable>
      ))}
    </View>
  )
}

function RecordCard({ record, open, onToggle }: { record: OrderView; open: boolean; onToggle: () => void }) {
  const view = recordStateView(record.state)
  const tap = () => (view.hasReceipt ? go('receipt', { orderId: record.orderId }) : onToggle())
  return (
    <Tappable
      className="card record"
      id={`record-${record.orderId}`}
      label={`${record.payer.maskedName}，${record.periodLabel}，${spokenAmount(record.amountFen)}，${view.label}`}
      onTap={tap}
    >
      <View className="record__head">
        <Text className="record__title">{record.itemName}</Text>
        <Text className={`tag tag--${record.state}`}>{view.label}</Text>
      </View>
      <Text className="record__line">
        缴费人：{record.payer.maskedName}（{record.payer.maskedIdNumber}）
      </Text>
      <Text className="record__line">费款所属期：{record.periodLabel}</Text>
      <View className="record__foot">
        <Text className="record__time">{inShanghai(record.paidAt ?? record.createdAt).format('YYYY-MM-DD HH:mm')}</Text>
        <Text className="record__amount">{formatFen(record.amountFen)}</Text>
      </View>
      {view.hasReceipt && record.paidAt !== undefined ? (
        <PaymentTracker compact id={`tracker-${record.orderId}`} paidAt={record.paidAt} booked={record.state === 'settled'} coverStart={record.coverStart} now={appClock()} />
      ) : null}
      {view.hasReceipt ? <Text className="record__link">查看缴费凭证</Text> : null}
      {!view.hasReceipt && open ? <Text className="record__explain">{view.explanation}</Text> : null}
      {!view.hasReceipt && !open ? <Text className="record__link">状态说明</Text> : null}
    </Tappable>
  )
}

export default function Records() {
  const { data: records, failure, run } = useRequest<OrderView[]>()
  const [filters, setFilters] = useState<Filters>({ payer: ALL, year: ALL })
  const [openId, setOpenId] = useState<string>()

  const load = () => run(async () => (await backend.listRecords({})).records)
  // Shown again after paying: the list must include the new record.
  useDidShow(() => void load())
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))

  const payers = useMemo(() => {
    const seen = new Map<string, string>()
    for (const r of records ?? []) if (!seen.has(r.payerRef)) seen.set(r.payerRef, r.payer.isSelf ? `本人 ${r.payer.maskedName}` : r.payer.maskedName)
    return [{ value: ALL, label: '全部缴费人' }, ...[...seen].map(([value, label]) => ({ value, label }))]
  }, [records])
  const years = useMemo(() => {
    const set = new Set((records ?? []).map((r) => r.periodStart.slice(0, 4)))
    return [{ value: ALL, label: '全部年度' }, ...[...set].sort().reverse().map((y) => ({ value: y, label: `${y}年` }))]
  }, [records])

  let content
  if (failure) content = <ErrorPanel advice={failure} onRetry={() => void load()} />
  else if (!records) content = <Loading text="正在查询缴费记录…" />
  else if (records.length === 0) {
    content = (
      <View className="empty" id="records-empty">
        <Text className="empty__title">暂无缴费记录</Text>
        <Text className="empty__detail">通过本小程序缴费后，本人和家人的缴费记录都会显示在这里。</Text>
        <ActionButton id="records-go-pay" label="去缴费" onTap={goHome} />
      </View>
    )
  } else {
    const shown = records.filter((r) => (filters.payer === ALL || r.payerRef === filters.payer) && (filters.year === ALL || r.periodStart.startsWith(filters.year)))
    content = (
      <View id="records">
        <FilterRow name="payer" options={payers} value={filters.payer} onChange={(payer) => setFilters({ ...filters, payer })} />
        <FilterRow name="year" options={years} value={filters.year} onChange={(year) => setFilters({ ...filters, year })} />
        {shown.length === 0 ? <Text className="hint" id="records-none-match">没有符合条件的记录，请更换筛选条件。</Text> : null}
        {shown.map((r) => (
          <RecordCard key={r.orderId} record={r} open={openId === r.orderId} onToggle={() => setOpenId(openId === r.orderId ? undefined : r.orderId)} />
        ))}
        <Text className="hint">下拉可刷新。缴费后 1–3 个工作日内，“已缴费”会变为“已入库”。</Text>
      </View>
    )
  }
  return <Screen className="records">{content}</Screen>
}
