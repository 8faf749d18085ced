/**
 * 全部缴纳's one confirm page: every unpaid person of the board ticked (each can be unticked, at
 * most five), each shown masked with their item, period and amount, the total in figures and
 * 大写, the 代缴 warning, then one 确认缴费 for one WeChat payment. A person the backend refuses
 * (in another order, already paid, money being returned) is left out and shown with why. After a
 * reload or a closed app, the payment the device saved is found again: its people ticked under the
 * same key, a cancelled or failed one to be continued, one being decided shown on the result page.
 */
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState, useSyncExternalStore } from 'react'
import ActionButton from '../../components/ActionButton'
import ErrorPanel from '../../components/ErrorPanel'
import Loading from '../../components/Loading'
import Notice, { ProxyPayWarning } from '../../components/Notice'
import Screen from '../../components/Screen'
import Spoken from '../../components/Spoken'
import { CAP_MESSAGE, type FamilyItem, firstTicks, leaveOut, type LeftOut, savedTicks, type Ticks, tickedItems, toggleTick } from '../../domain/familyPay'
import { formatFen, toChineseCapital } from '../../domain/money'
import { spokenAmount } from '../../domain/spoken'
import { familyPayers } from '../../flow'
import { familyPayment } from '../../flow/family'
import type { FamilyOutcome, FamilyPayState } from '../../flow/familyPayment'
import { replace } from '../../routes'
import { appClock, backend } from '../../services'
import { adviceFor } from '../../view/advice'
import { boardPeople } from '../../view/familyBoard'
import { loadFamilyCandidates } from '../../view/familyPay'
import { FamilyItemRow, LeftOutRows } from './FamilyItems'
import './index.css'

/** What the page says about the payment's last step, when it did not end in 缴费成功. */
function PayNotice({ state }: { state: FamilyPayState }) {
  if (state.step !== 'done') return null
  const order = state.order
  if (state.outcome === 'cancelled') return <Notice kind="warn" id="family-pay-notice">您已取消支付，未扣款。可核对后继续支付。</Notice>
  if (state.outcome === 'unconfirmed') return <Notice kind="warn" id="family-pay-notice">暂未收到缴费结果，以订单状态为准。请勿重复缴费，点按“刷新结果”查看。</Notice>
  if (state.outcome !== 'failed') return null
  const refund = order.moneyTaken ? '如已扣款，款项将在 1–2 天内原路退回，无需任何操作。' : '本次未扣款。'
  return <Notice kind="warn" id="family-pay-notice">缴费失败：{order.failReason ?? '支付未成功'}。{refund}</Notice>
}

const ACTION_LABEL: Partial<Record<FamilyOutcome, string>> = { cancelled: '继续支付', failed: '重新支付' }

export default function FamilyPay() {
  const { params } = useRouter()
  const [people] = useState(() => {
    // A payment left from another visit is not this page's (before the first render, so its
    // outcome never shows here) unless one is still running; what the device saved of it comes
    // back with the people (restore, below).
    familyPayment.reset()
    // The board's people by key (familyPayQuery).
    const keys = (params.p ?? '').split('.')
    return boardPeople(familyPayers.list()).filter((p) => keys.includes(p.key))
  })
  const [items, setItems] = useState<FamilyItem[]>()
  const [leftOut, setLeftOut] = useState<LeftOut[]>([])
  const [ticks, setTicks] = useState<Ticks>({ ticked: [], capped: false })
  /** Who the backend just refused, so the total changed: said until the next 确认缴费. */
  const [refused, setRefused] = useState<string>()
  const state = useSyncExternalStore(familyPayment.subscribe, familyPayment.get, familyPayment.get)

  useEffect(() => {
    void Promise.all([loadFamilyCandidates(backend, people, appClock()), familyPayment.restore()]).then(([found, saved]) => {
      // Being decided (a reload during the payment): the result page shows it and asks again.
      if (saved?.order?.state === 'paying') return replace('familyResult', { id: saved.order.familyOrderId })
      setItems(found.items)
      setLeftOut(found.leftOut)
      setTicks(saved ? savedTicks(found.items, saved.saved.items.map((i) => i.payerRef)) : firstTicks(found.items))
    })
  }, [people])

  useEffect(() => {
    if (state.step === 'done' && state.outcome === 'paid') replace('familyResult', { id: state.order.familyOrderId })
  }, [state])

  if (!items) return <Screen className="family-pay"><Loading text="正在查询家人的应缴信息…" /></Screen>

  const chosen = tickedItems(items, ticks)
  const busy = state.step === 'creating' || state.step === 'starting' || state.step === 'cashier' || state.step === 'checking'
  const unconfirmed = state.step === 'done' && state.outcome === 'unconfirmed'

  const confirm = async () => {
    const asked = chosen.items
    setRefused(undefined)
    const running = familyPayment.pay(asked.map((i) => ({ payerRef: i.payerRef, selection: i.selection })))
    if (!running) return
    await running
    const after = familyPayment.get()
    // Refused for one person: they are left out, shown with why, and the rest waits for a new 确认缴费.
    if (after.step === 'error' && after.error.payerRef) {
      const out = leaveOut(asked, ticks, after.error.payerRef, adviceFor(after.error.code).title)
      if (!out.leftOut) return
      setItems(items.filter((i) => i.key !== out.leftOut!.key))
      setLeftOut([...leftOut, out.leftOut])
      setTicks(out.ticks)
      setRefused(out.leftOut.who)
      familyPayment.reset()
    }
  }

  const error = state.step === 'error' ? state.error : undefined
  const label = (state.step === 'done' && ACTION_LABEL[state.outcome]) || '确认缴费'
  return (
    <Screen className="family-pay">
      <Spoken className="family-total" id="spoken-summary" sentence={`为${chosen.items.length}人合并缴纳医保，合计${spokenAmount(chosen.totalFen)}，一次微信支付`}>
        <Text className="family-total__label">合计应缴（{chosen.items.length}人）</Text>
        <Text className="family-total__figure" id="amount">{formatFen(chosen.totalFen)}</Text>
        <Text className="family-total__capital" id="amount-capital">大写：{toChineseCapital(chosen.totalFen)}</Text>
      </Spoken>
      <Text className="section-title">缴费人（点按可取消勾选）</Text>
      {items.map((item, index) => (
        <FamilyItemRow key={item.key} index={index} item={item} ticked={ticks.ticked.includes(item.key)} disabled={busy} onToggle={() => setTicks(toggleTick(ticks, item.key))} />
      ))}
      {items.length === 0 ? <Notice kind="info" id="family-none">家人现在都没有需要缴纳的医保费，无需合并缴费。</Notice> : null}
      {ticks.capped ? <Notice kind="warn" id="family-cap">{CAP_MESSAGE}</Notice> : null}
      <LeftOutRows leftOut={leftOut} />
      {refused ? <Notice kind="warn" id="family-refused">本次缴费已不含{refused}，合计金额已更新，请核对后再次确认缴费。</Notice> : null}
      {chosen.items.some((i) => !i.isSelf) ? <ProxyPayWarning /> : null}
      <PayNotice state={state} />
      {error ? <ErrorPanel advice={adviceFor(error.code, error.message)} onRetry={() => void confirm()} /> : null}
      <View className="actions">
        {unconfirmed ? (
          <ActionButton id="family-refresh" label="刷新结果" onTap={() => void familyPayment.refresh()} />
        ) : (
          <ActionButton id="family-confirm" label={label} disabled={chosen.items.length === 0} busy={busy} busyLabel="正在支付…" onTap={() => void confirm()} />
        )}
      </View>
      <Text className="hint">一次微信支付，每人各自申报、各有一张电子缴费凭证。某人入库未成功时，只退还此人的款项。</Text>
    </Screen>
  )
}
