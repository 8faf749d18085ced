import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
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
import { adviceFor, adviceForError, type Advice } from '../../flow/advice'
import { currentRegion } from '../../flow/region'
import { go, goHome } from '../../routes'
import { backend } from '../../services'
import type { OrderView, ReceiptView } from '../../services/contract'
import './index.css'

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
  const [order, setOrder] = useState<OrderView | undefined>(known?.orderId === orderId ? known : undefined)
  const [receipt, setReceipt] = useState<ReceiptView>()
  const [failure, setFailure] = useState<Advice>()
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let live = true
    const fail = (error: unknown) => live && setFailure(adviceForError(error))
    setFailure(undefined)
    if (!order) backend.queryOrder({ orderId }).then((o) => live && setOrder(o), fail)
    backend.getReceipt({ orderId }).then((r) => live && setReceipt(r), fail)
    return () => {
      live = false
    }
    // `order` is read once per attempt; a fetched order must not fetch the receipt again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [orderId, attempt])

  const retry = () => setAttempt(attempt + 1)
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
      <ReceiptPart receipt={receipt} failure={failure} onRetry={retry} />
      <Text className="hint">已缴费的记录约 1–3 个工作日后变为“已入库”，无需再次缴费。可截图保存本凭证。</Text>
      <View className="actions">
        <ActionButton id="view-receipt" label="查看缴费凭证" onTap={() => go('receipt', { orderId })} />
        <ActionButton id="view-records" kind="default" label="缴费记录查询" onTap={() => go('records')} />
        <ActionButton id="go-home" kind="default" label="返回首页" onTap={goHome} />
      </View>
      <ReminderOffer province={currentRegion().province} />
    </Screen>
  )
}
