import { Text, View } from '@tarojs/components'
import { useShareAppMessage } from '@tarojs/taro'
import { useRef, useState } from 'react'
import ActionButton from '../../components/ActionButton'
import Screen from '../../components/Screen'
import Cell from '../../components/Cell'
import ErrorPanel from '../../components/ErrorPanel'
import Notice from '../../components/Notice'
import PayerCard from '../../components/PayerCard'
import ShareToFamily from '../../components/ShareToFamily'
import StaleFlow from '../../components/StaleFlow'
import Tappable from '../../components/Tappable'
import { formatFen } from '../../domain/money'
import type { FlowError, Selection } from '../../domain/payFlow'
import { coverageYearRange } from '../../domain/periods'
import { formatChineseDate } from '../../domain/time'
import { flowStore, useFlow } from '../../flow'
import { adviceFor } from '../../flow/advice'
import { toFlowError } from '../../flow/payment'
import { monthsThrough, summarise } from '../../flow/selection'
import { formatShareExpiry, GENERIC_SHARE, sharePath } from '../../flow/share'
import { go } from '../../routes'
import { backend } from '../../services'
import type { CreateShareTokenResponse, DueItemsResponse } from '../../services/contract'
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

/** 请家人代缴 for one payer and selection; a changed selection makes it stale (not shown). */
type AskFamily =
  | { status: 'idle' }
  | { status: 'busy'; key: string }
  | { status: 'ready'; key: string; share: CreateShareTokenResponse }
  | { status: 'error'; key: string; error: FlowError }

const shareKey = (payerRef: string | undefined, selection: Selection | undefined) =>
  payerRef && selection ? JSON.stringify([payerRef, selection]) : undefined

function SharePanel({ share }: { share: CreateShareTokenResponse }) {
  return (
    <View id="share-panel">
      <Text className="section-title">将发送给家人的内容</Text>
      <View className="card">
        <Cell label="缴费人" value={share.maskedName} id="share-name" />
        <Cell label="险种" value={share.itemName} />
        <Cell label="费款所属期" value={share.periodLabel} id="share-period" />
        <Cell label="应缴金额" value={formatFen(share.amountFen)} id="share-amount" />
        <Cell label="有效期至" value={formatShareExpiry(share.expiresAt)} id="share-expires" />
      </View>
      <Text className="hint">
        家人打开链接后看到的是以上信息（姓名、证件号码部分隐藏），用其本人的微信支付缴费。链接过期或缴费后自动失效。
      </Text>
      <View className="actions">
        <ShareToFamily path={sharePath(share.token)} />
      </View>
    </View>
  )
}

export default function Items() {
  const { payer, due, flow } = useFlow()
  const [ask, setAsk] = useState<AskFamily>({ status: 'idle' })
  const latestAsk = useRef(0)
  const key = shareKey(flow.payerRef, flow.selection)
  const current = ask.status !== 'idle' && ask.key === key ? ask : undefined
  const token = current?.status === 'ready' ? current.share.token : undefined

  // The card the share button (and the ··· menu) sends: the 请家人代缴 link once there is one.
  useShareAppMessage(() => (token ? { title: '请帮我缴纳医保费', path: sharePath(token) } : { ...GENERIC_SHARE }))

  if (!payer || !due) return <Screen><StaleFlow /></Screen>
  const summary = summarise(due, flow.selection)

  const askFamily = async () => {
    const { payerRef, selection } = flowStore.get().flow
    const requestKey = shareKey(payerRef, selection)
    if (!payerRef || !selection || !requestKey) return
    const id = ++latestAsk.current
    setAsk({ status: 'busy', key: requestKey })
    try {
      const share = await backend.createShareToken({ payerRef, selection })
      if (id === latestAsk.current) setAsk({ status: 'ready', key: requestKey, share })
    } catch (error) {
      if (id === latestAsk.current) setAsk({ status: 'error', key: requestKey, error: toFlowError(error) })
    }
  }
  return (
    <Screen className="items">
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
        {summary && current?.status !== 'ready' ? (
          <ActionButton
            id="ask-family"
            kind="default"
            label="请家人代缴"
            busy={current?.status === 'busy'}
            busyLabel="正在生成缴费链接…"
            onTap={() => void askFamily()}
          />
        ) : null}
      </View>
      {summary && current?.status === 'error' ? (
        <ErrorPanel id="ask-family-error" advice={adviceFor(current.error.code)} onRetry={() => void askFamily()} />
      ) : null}
      {summary && current?.status === 'ready' ? <SharePanel share={current.share} /> : null}
    </Screen>
  )
}
