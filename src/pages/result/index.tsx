import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import ActionButton from '../../components/ActionButton'
import ErrorPanel from '../../components/ErrorPanel'
import Loading from '../../components/Loading'
import Notice from '../../components/Notice'
import ReceiptCard from '../../components/ReceiptCard'
import ReminderOffer from '../../components/ReminderOffer'
import Screen from '../../components/Screen'
import Spoken from '../../components/Spoken'
import { formatFen } from '../../domain/money'
import { isPaidState } from '../../domain/orderState'
import { spokenPayment } from '../../domain/spoken'
import { formatChineseDate } from '../../domain/time'
import { flowStore } from '../../flow'
import { adviceFor, type Advice } from '../../view/advice'
import { useRequest } from '../../view/useRequest'
import { currentRegion } from '../../flow/region'
import { go, goHome } from '../../routes'
import { appClock, backend } from '../../services'
import type { OrderView, ReceiptView } from '../../contract'
import './index.css'

// Where the money is: loaded with the backend chunk (packages/backend in the weapp), off the main package.
const PaymentTracker = lazy(() => import(/* webpackChunkName: "packages/backend/tracker" */ '../../components/PaymentTracker'))

/** The receipt part: shown when fetched; when it cannot be fetched, the payment still stands. */
function ReceiptPart({ receipt, failure, onRetry }: { receipt?: ReceiptView; failure?: Advice; onRetry: () => void }) {
  if (receipt) return <ReceiptCard receipt={receipt} />
  if (!failure) return <Loading text="正在获取缴费凭证…" />
  return (
    <View>
      <Notice kind="warn" id="receipt-later">缴费已成功，不会重复扣款。电子缴费凭证暂时无法获取，可稍后重试或在缴费记录中查看。</Notice>
      <ErrorPanel advice={failure} onRetry={onRetry} />
    </View>
  )
}

export default function Result() {
  const { params } = useRouter()
  const orderId = params.orderId ?? ''
  // The pay page has just seen this order paid; a reload or an old link asks the backend.
  const known = flowStore.get().order
  const [fromFlow] = useState(known?.orderId === orderId ? known : undefined)
  const orderQuery = useRequest<OrderView>()
  const receiptQuery = useRequest<ReceiptView>()
  const order = fromFlow ?? orderQuery.data
  const receipt = receiptQuery.data
  const failure = receiptQuery.failure ?? orderQuery.failure
  const { run: runOrder } = orderQuery
  const { run: runReceipt } = receiptQuery

  const load = useCallback(() => {
    if (!fromFlow) void runOrder(() => backend.queryOrder({ orderId }))
    void runReceipt(() => backend.getReceipt({ orderId }))
  }, [fromFlow, orderId, runOrder, runReceipt])
  useEffect(load, [load])

  // Again only what is missing: an order already known is not fetched again.
  const retry = () => {
    if (!order) void runOrder(() => backend.queryOrder({ orderId }))
    if (!receipt) void runReceipt(() => backend.getReceipt({ orderId }))
  }
  if (!order) {
    return <Screen className="result">{failure ? <ErrorPanel advice={failure} onRetry={retry} /> : <Loading text="正在查询缴费结果…" />}</Screen>
  }
  if (!isPaidState(order.state)) {
    return (
      <Screen className="result">
        <ErrorPanel advice={adviceFor('ORDER_NOT_PAYABLE')} onRetry={retry} />
      </Screen>
    )
  }
  const paidAt = order.paidAt ?? receipt?.paidAt
  const booked = (receipt?.bookingState ?? order.state) === 'settled'
  return (
    <Screen className="result">
      <Spoken
        className="outcome outcome--success"
        id="outcome"
        sentence={`缴费成功，${spokenPayment({ maskedName: order.payer.maskedName, periodLabel: order.periodLabel, itemName: order.itemName, amountFen: order.amountFen })}。医保待遇自${formatChineseDate(order.coverStart)}起享受`}
      >
        <View className="outcome__icon outcome__icon--success" />
        <Text className="outcome__title" id="outcome-title">缴费成功</Text>
        <Text className="outcome__amount" id="paid-amount">{formatFen(order.amountFen)}</Text>
        <Text className="outcome__detail" id="cover-start">
          {order.payer.maskedName}的{order.periodLabel}医保待遇自{formatChineseDate(order.coverStart)}起享受
        </Text>
      </Spoken>
      {/* A fixed slot: the tracker's code arriving updates this node, not the whole page. */}
      <View>
        {paidAt === undefined ? null : (
          <Suspense fallback={null}>
            <PaymentTracker paidAt={paidAt} booked={booked} coverStart={order.coverStart} now={appClock()} />
          </Suspense>
        )}
      </View>
      <ReceiptPart receipt={receipt} failure={failure} onRetry={retry} />
      <Text className="hint">已缴费的记录约 1–3 个工作日后变为“已入库”，无需再次缴费。可截图保存本凭证。</Text>
      <View className="actions">
        <ActionButton id="view-receipt" label="查看缴费凭证" onTap={() => go('receipt', { orderId })} />
        <ActionButton id="view-records" kind="default" label="缴费记录查询" onTap={() => go('records')} />
        <ActionButton id="go-home" kind="default" label="返回首页" onTap={goHome} />
      </View>
      <ReminderOffer province={currentRegion().province} awaitingBooking={!booked} />
    </Screen>
  )
}
