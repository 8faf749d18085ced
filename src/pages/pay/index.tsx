import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useEffect, useState, type ReactNode } from 'react'
import ActionButton from '../../components/ActionButton'
import ErrorPanel from '../../components/ErrorPanel'
import Loading from '../../components/Loading'
import Screen from '../../components/Screen'
import { politeLive } from '../../components/a11yRole'
import StaleFlow from '../../components/StaleFlow'
import { formatFen } from '../../domain/money'
import { adviceFor } from '../../view/advice'
import { payment, useFlow } from '../../flow'
import { goHome, replace } from '../../routes'
import type { OrderView } from '../../contract'
import './index.css'

function OrderFacts({ order }: { order: OrderView }) {
  return (
    <View className="pay__facts">
      <Text className="pay__fact">
        {order.payer.maskedName} · {order.itemName}
      </Text>
      <Text className="pay__fact">
        {order.periodLabel} · {formatFen(order.amountFen)}
      </Text>
      <Text className="pay__fact" id="order-id">订单号：{order.orderId}</Text>
    </View>
  )
}

function Outcome(props: { icon: 'fail' | 'wait' | 'info'; title: string; detail: string; order?: OrderView; children: ReactNode }) {
  return (
    <View className="outcome" id="outcome">
      <View className={`outcome__icon outcome__icon--${props.icon}`} />
      <Text className="outcome__title" id="outcome-title">{props.title}</Text>
      <Text className="outcome__detail" id="outcome-detail">{props.detail}</Text>
      {props.order ? <OrderFacts order={props.order} /> : null}
      <View className="actions">{props.children}</View>
    </View>
  )
}

const HOME_BUTTON = <ActionButton id="go-home" kind="default" label="返回首页" onTap={goHome} />

/** What the pay page shows for each step of the session. */
function SessionView() {
  const { flow, order, resuming } = useFlow()
  const session = flow.payment
  const [restoring, setRestoring] = useState(session.step === 'idle')

  useEffect(() => {
    // A reload of this page: the saved order, if any, is found and settled.
    if (restoring) void payment.restore().finally(() => setRestoring(false))
  }, [restoring])
  // Back on screen (from WeChat Pay, another app, the background): ask the backend again.
  useDidShow(() => void payment.refresh())
  useEffect(() => {
    if (session.step === 'done' && session.outcome === 'success') replace('result', { orderId: session.orderId })
  }, [session])

  switch (session.step) {
    case 'idle':
      return restoring ? <Loading text="正在查询订单状态…" /> : <StaleFlow resuming={resuming} />
    case 'creating':
      return <Loading text="正在创建缴费订单…" />
    case 'starting':
      return <Loading text="正在发起微信支付…" />
    case 'cashier':
      return <Loading text="请在微信支付中完成付款" />
    case 'checking':
      return (
        <View>
          <Loading text="正在确认缴费结果…" />
          {order ? <OrderFacts order={order} /> : null}
          <Text className="hint">以订单状态为准，请勿重复缴费。离开本页也会继续确认，结果可在首页和缴费记录中查看。</Text>
          <View className="actions">{HOME_BUTTON}</View>
        </View>
      )
    case 'error':
      return (
        <View>
          <ErrorPanel advice={adviceFor(session.error.code, session.error.message)} onRetry={() => void payment.confirm()} />
          <View className="actions">{HOME_BUTTON}</View>
        </View>
      )
    case 'done':
      break
  }

  if (session.outcome === 'success') return <Loading text="缴费成功，正在打开缴费凭证…" />
  if (session.outcome === 'failed') {
    const retryable = order?.state === 'failed'
    const refund = order?.moneyTaken ? '如已扣款，款项将在 1–2 天内原路退回，无需任何操作。' : '本次未扣款。'
    return (
      <Outcome icon="fail" title="缴费失败" detail={`${order?.failReason ?? '支付未成功'}。${refund}`} order={order}>
        {retryable ? <ActionButton id="retry" label="重新支付" onTap={() => void payment.retry()} /> : null}
        {HOME_BUTTON}
      </Outcome>
    )
  }
  if (session.outcome === 'cancelled') {
    return (
      <Outcome icon="info" title="支付未完成" detail="您已取消支付，未扣款。订单保留 24 小时，可继续支付。" order={order}>
        <ActionButton id="resume" label="继续支付" onTap={() => void payment.confirm()} />
        {HOME_BUTTON}
      </Outcome>
    )
  }
  return (
    <Outcome icon="wait" title="结果确认中" detail="暂未收到缴费结果，以订单状态为准。请勿重复缴费；如已扣款，结果稍后会更新。" order={order}>
      <ActionButton id="refresh" label="刷新结果" onTap={() => void payment.refresh()} />
      {HOME_BUTTON}
    </Outcome>
  )
}

export default function Pay() {
  return (
    <Screen className="pay">
      <View {...politeLive}>
        <SessionView />
      </View>
    </Screen>
  )
}
