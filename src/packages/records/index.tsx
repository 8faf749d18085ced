import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import ActionButton from '../../components/ActionButton'
import ErrorPanel from '../../components/ErrorPanel'
import Loading from '../../components/Loading'
import Tappable from '../../components/Tappable'
import { formatFen } from '../../domain/money'
import { ORDER_STATE_LABEL, isPaidState } from '../../domain/orderState'
import { inShanghai } from '../../domain/time'
import { adviceFor, type Advice } from '../../flow/advice'
import { toFlowError } from '../../flow/payment'
import { go, goHome } from '../../routes'
import { backend } from '../../services'
import type { OrderView } from '../../services/contract'
import './index.css'

export default function Records() {
  const [records, setRecords] = useState<OrderView[]>()
  const [failure, setFailure] = useState<Advice>()

  const load = () => {
    setFailure(undefined)
    backend
      .listRecords({})
      .then((r) => setRecords(r.records))
      .catch((error) => setFailure(adviceFor(toFlowError(error).code)))
  }
  // Shown again after paying: the list must include the new record.
  useDidShow(load)

  if (failure) return <ErrorPanel advice={failure} onRetry={load} />
  if (!records) return <Loading text="正在查询缴费记录…" />
  if (records.length === 0) {
    return (
      <View className="empty" id="records-empty">
        <Text className="empty__title">暂无缴费记录</Text>
        <Text className="empty__detail">通过本小程序缴费成功后，记录会显示在这里。</Text>
        <ActionButton label="去缴费" onTap={goHome} />
      </View>
    )
  }
  return (
    <View className="page records" id="records">
      {records.map((r) => {
        const paid = isPaidState(r.state)
        return (
          <Tappable
            key={r.orderId}
            className="card record"
            label={`${r.payer.maskedName}，${r.periodLabel}，${formatFen(r.amountFen)}，${ORDER_STATE_LABEL[r.state]}`}
            disabled={!paid}
            onTap={() => go('receipt', { orderId: r.orderId })}
          >
            <View className="record__head">
              <Text className="record__title">{r.itemName}</Text>
              <Text className={`tag tag--${r.state}`}>{ORDER_STATE_LABEL[r.state]}</Text>
            </View>
            <Text className="record__line">缴费人：{r.payer.maskedName}（{r.payer.maskedIdNumber}）</Text>
            <Text className="record__line">费款所属期：{r.periodLabel}</Text>
            <View className="record__foot">
              <Text className="record__time">{inShanghai(r.paidAt ?? r.createdAt).format('YYYY-MM-DD HH:mm')}</Text>
              <Text className="record__amount">{formatFen(r.amountFen)}</Text>
            </View>
            {paid ? <Text className="record__link">查看缴费凭证</Text> : null}
          </Tappable>
        )
      })}
    </View>
  )
}
