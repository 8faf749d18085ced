import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import ActionButton from '../../components/ActionButton'
import ErrorPanel from '../../components/ErrorPanel'
import Loading from '../../components/Loading'
import ReceiptCard from '../../components/ReceiptCard'
import ReminderOffer from '../../components/ReminderOffer'
import Screen from '../../components/Screen'
import { formatFen } from '../../domain/money'
import { formatChineseDate } from '../../domain/time'
import { adviceFor, type Advice } from '../../flow/advice'
import { toFlowError } from '../../flow/payment'
import { currentRegion } from '../../flow/region'
import { go, goHome } from '../../routes'
import { backend } from '../../services'
import type { OrderView, ReceiptView } from '../../services/contract'
import './index.css'

export default function Result() {
  const { params } = useRouter()
  const orderId = params.orderId ?? ''
  const [loaded, setLoaded] = useState<{ order: OrderView; receipt: ReceiptView }>()
  const [failure, setFailure] = useState<Advice>()
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let live = true
    setFailure(undefined)
    Promise.all([backend.queryOrder({ orderId }), backend.getReceipt({ orderId })])
      .then(([order, receipt]) => live && setLoaded({ order, receipt }))
      .catch((error) => live && setFailure(adviceFor(toFlowError(error).code)))
    return () => {
      live = false
    }
  }, [orderId, attempt])

  if (failure) {
    return (
      <Screen className="result">
        <ErrorPanel advice={failure} onRetry={() => setAttempt(attempt + 1)} />
      </Screen>
    )
  }
  if (!loaded) return <Screen><Loading text="正在获取缴费凭证…" /></Screen>
  const { order, receipt } = loaded
  return (
    <Screen className="result">
      <View className="outcome outcome--success" id="outcome">
        <View className="outcome__icon outcome__icon--success" />
        <Text className="outcome__title" id="outcome-title">缴费成功</Text>
        <Text className="outcome__amount" id="paid-amount">{formatFen(order.amountFen)}</Text>
        <Text className="outcome__detail" id="cover-start">
          {order.payer.maskedName}的{order.periodLabel}医保待遇自{formatChineseDate(order.coverStart)}起享受
        </Text>
      </View>
      <ReceiptCard receipt={receipt} />
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
