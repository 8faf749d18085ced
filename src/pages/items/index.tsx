import { Text, View } from '@tarojs/components'
import { useShareAppMessage } from '@tarojs/taro'
import ActionButton from '../../components/ActionButton'
import AskFamily, { useAskFamily } from '../../components/AskFamily'
import DemoMark from '../../components/DemoMark'
import DueChoices from '../../components/DueChoices'
import Notice from '../../components/Notice'
import PayerCard from '../../components/PayerCard'
import Screen from '../../components/Screen'
import StaleFlow from '../../components/StaleFlow'
import Tappable from '../../components/Tappable'
import { FULLY_FUNDED_MESSAGE, isFullyFunded } from '../../domain/fullyFunded'
import { formatFen } from '../../domain/money'
import { formatChineseDate } from '../../domain/time'
import { flowStore, useFlow } from '../../flow'
import { PUBLIC_SHARE } from '../../flow/publicShare'
import { sharePath } from '../../flow/share'
import { summarise } from '../../view/selection'
import { go } from '../../routes'
import './index.css'

export default function Items() {
  const { payer, due, flow, resuming } = useFlow()
  const ask = useAskFamily(flow.payerRef, flow.selection)

  // The card the share button (and the ··· menu) sends: the 请家人代缴 link once there is one.
  useShareAppMessage(() => (ask.token ? { title: '请帮我缴纳医保费', path: sharePath(ask.token) } : { ...PUBLIC_SHARE }))

  if (!payer || !due) return <Screen><StaleFlow resuming={resuming} /></Screen>
  const summary = summarise(due, flow.selection)
  const funded = summary !== undefined && isFullyFunded({ payableFen: summary.totalFen, subsidyFen: summary.subsidyFen })
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
      <DueChoices due={due} selection={flow.selection} onSelect={(selection) => flowStore.dispatch({ type: 'selected', selection })} />
      <View className="summary" id="summary">
        <View className="summary__row">
          <Text className="summary__label">合计</Text>
          <Text className="summary__amount" id="total">{summary ? formatFen(summary.totalFen) : '—'}</Text>
          <DemoMark show={summary?.demo} />
        </View>
        {funded ? <Text className="summary__note" id="fully-funded">{payer.subsidyLabel}：{FULLY_FUNDED_MESSAGE}，{formatChineseDate(summary.coverStart)}起享受医保待遇</Text> : null}
        {summary && !funded ? (
          <Text className="summary__note" id="cover-start">今天缴费，{formatChineseDate(summary.coverStart)}起享受医保待遇</Text>
        ) : null}
        {summary?.coverNote ? <Text className="summary__note" id="cover-reason">{summary.coverNote}</Text> : null}
        {summary ? null : <Text className="summary__note">请选择费款所属期</Text>}
      </View>
      {funded ? null : (
        <View className="actions">
          <ActionButton id="next" label="下一步" disabled={!summary} onTap={() => go('confirm')} />
        </View>
      )}
      {summary && !funded ? <AskFamily ask={ask} /> : null}
      <View className="actions">
        <Tappable id="link-policy" className="link" role="link" label="缴费标准与缴费时间" onTap={() => go('policy')}>
          <Text>缴费标准与缴费时间</Text>
        </Tappable>
      </View>
    </Screen>
  )
}
