/**
 * 全部缴纳's result: exactly who is covered (each with their own 电子缴费凭证) and whose money
 * comes back (a person whose booking the tax system refused: 待冲正 → 已退款, that amount only).
 * Asked again while someone's booking is still awaited. A reload or a closed app during the payment
 * brings the person here from home: 结果确认中 with 刷新结果 until the backend says.
 */
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import ActionButton from '../../components/ActionButton'
import ErrorPanel from '../../components/ErrorPanel'
import Loading from '../../components/Loading'
import Screen from '../../components/Screen'
import Spoken from '../../components/Spoken'
import type { FamilyOrderView } from '../../contract'
import { familyResult, familySummary } from '../../domain/familyPay'
import { formatFen } from '../../domain/money'
import { isPaidState } from '../../domain/orderState'
import { familyPayers } from '../../flow'
import { familyPayment } from '../../flow/family'
import { familyPending } from '../../flow/familyPending'
import { POLL_DELAYS_MS } from '../../flow/payment'
import { go, goHome, replace } from '../../routes'
import { backend } from '../../services'
import { adviceFor } from '../../view/advice'
import { boardPeople, familyPayQuery } from '../../view/familyBoard'
import { useRequest } from '../../view/useRequest'
import { ResultGroup } from './ResultParts'
import './index.css'

/** The payment not decided yet: whose it is and what it costs, and not to pay again. */
function Checking({ order }: { order: FamilyOrderView }) {
  return (
    <View className="outcome" id="outcome">
      <View className="outcome__icon outcome__icon--wait" />
      <Text className="outcome__title" id="outcome-title">结果确认中</Text>
      <Text className="outcome__amount" id="paid-amount">{formatFen(order.amountFen)}</Text>
      <Text className="outcome__detail" id="outcome-detail">
        为{order.items.map((i) => i.payer.maskedName).join('、')}合并缴费，暂未收到缴费结果，以订单状态为准。请勿重复缴费；如已扣款，结果稍后会更新。
      </Text>
    </View>
  )
}

function Summary({ order }: { order: FamilyOrderView }) {
  const summary = familySummary(order)
  return (
    <Spoken className="outcome outcome--success" id="outcome" sentence={summary.spoken}>
      <View className="outcome__icon outcome__icon--success" />
      <Text className="outcome__title" id="outcome-title">{summary.title}</Text>
      <Text className="outcome__amount" id="paid-amount">{formatFen(summary.coveredFen)}</Text>
      <Text className="outcome__detail" id="outcome-detail">{summary.detail}</Text>
    </Spoken>
  )
}

export default function FamilyResult() {
  const { params } = useRouter()
  const familyOrderId = params.id ?? ''
  // The confirm page has just seen this order paid; a reload or an old link asks the backend.
  const [known] = useState(() => {
    const state = familyPayment.get()
    return state.step === 'done' && state.order.familyOrderId === familyOrderId ? state.order : undefined
  })
  const query = useRequest<FamilyOrderView>()
  const order = query.data ?? known
  const { run } = query
  const load = useCallback(
    () =>
      void run(async () => {
        const answer = await backend.queryFamilyOrder({ familyOrderId })
        // Paid or closed: the device no longer keeps this payment to find again.
        await familyPending.noteOrder(answer)
        return answer
      }),
    [run, familyOrderId],
  )
  useEffect(() => {
    if (!known) load()
  }, [known, load])

  // Someone's booking still awaited: asked again with the pay page's back-off, then left to 刷新.
  const [polls, setPolls] = useState(0)
  const awaiting = order ? familyResult(order).booking.length > 0 : false
  useEffect(() => {
    if (!awaiting || polls >= POLL_DELAYS_MS.length) return
    const timer = setTimeout(() => {
      setPolls(polls + 1)
      load()
    }, POLL_DELAYS_MS[polls])
    return () => clearTimeout(timer)
  }, [awaiting, polls, load])

  // Still to be paid (cancelled, or refused at the cashier): the confirm page finds it again and continues it.
  const payable = order?.state === 'pending' || order?.state === 'failed'
  useEffect(() => {
    if (payable) replace('familyPay', familyPayQuery(boardPeople(familyPayers.list())))
  }, [payable])

  if (!order || payable) {
    return <Screen className="family-result">{query.failure ? <ErrorPanel advice={query.failure} onRetry={load} /> : <Loading text="正在查询缴费结果…" />}</Screen>
  }
  const paying = order.state === 'paying'
  if (!paying && !isPaidState(order.state)) {
    return (
      <Screen className="family-result">
        <ErrorPanel advice={adviceFor('ORDER_NOT_PAYABLE')} onRetry={load} />
      </Screen>
    )
  }
  const { covered, booking, returned } = familyResult(order)
  return (
    <Screen className="family-result">
      {paying ? (
        <Checking order={order} />
      ) : (
        <>
          <Summary order={order} />
          <ResultGroup id="family-covered" title="已缴费" results={[...covered, ...booking]} />
          <ResultGroup id="family-returned" title="款项退回" results={returned} />
          <Text className="hint">每位缴费人各有一张电子缴费凭证；已缴费的记录约 1–3 个工作日后变为“已入库”，无需再次缴费。</Text>
        </>
      )}
      <View className="actions">
        {paying || (awaiting && polls >= POLL_DELAYS_MS.length) ? <ActionButton id="family-refresh" label="刷新结果" busy={query.status === 'loading'} busyLabel="正在查询…" onTap={load} /> : null}
        <ActionButton id="view-records" kind="default" label="缴费记录查询" onTap={() => go('records')} />
        <ActionButton id="go-home" kind="default" label="返回首页" onTap={goHome} />
      </View>
    </Screen>
  )
}
