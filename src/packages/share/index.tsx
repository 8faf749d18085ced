/**
 * 请家人代缴, the family member's side: a share card opens here, often as the first page of a
 * cold start. The token becomes the ordinary 代他人缴费 journey, so 为家人缴费 goes to the same
 * confirm page (and the same idempotent payment) as every other payment.
 */
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import ActionButton from '../../components/ActionButton'
import Cell from '../../components/Cell'
import ErrorPanel from '../../components/ErrorPanel'
import Loading from '../../components/Loading'
import Notice, { DemoNotice, ProxyPayWarning } from '../../components/Notice'
import Screen from '../../components/Screen'
import { formatFen } from '../../domain/money'
import type { FlowError } from '../../domain/payFlow'
import { flowStore, useFlow } from '../../flow'
import { formatShareExpiry, openSharedItem, type SharedItemResult } from '../../flow/share'
import { go, goHome } from '../../routes'
import { backend } from '../../services'
import { shareAdviceFor } from './shareAdvice'
import './index.css'

type Opened = Extract<SharedItemResult, { ok: true }>

type PageState =
  | { status: 'loading' }
  | { status: 'ready'; item: Opened }
  | { status: 'error'; error: FlowError }

/** Always there: a card may be the first page, with nothing behind it to go back to. */
function HomeButton() {
  return <ActionButton id="share-home" kind="default" label="返回首页" onTap={goHome} />
}

function SharedItem({ item }: { item: Opened }) {
  const { flow } = useFlow()
  const { payer, due, summary, expiresAt } = item
  const session = flow.payment
  // Paid from this card in this session (the pay and result pages come back here).
  const paid = flow.payerRef === payer.payerRef && session.step === 'done' && session.outcome === 'success'
  return (
    <View>
      <View className="share__amount">
        <Text className="share__amount-label">家人请您代缴医保费</Text>
        <Text className="share__amount-figure" id="shared-amount">{formatFen(summary.totalFen)}</Text>
      </View>
      <View className="card" id="shared-item">
        <Cell label="缴费人" value={payer.maskedName} id="shared-name" />
        <Cell label="险种" value={due.itemName} id="shared-item-name" />
        <Cell label="费款所属期" value={summary.periodLabel} id="shared-period" />
        {summary.tierLabel ? <Cell label="缴费档次" value={summary.tierLabel} /> : null}
        <Cell label="应缴金额" value={formatFen(summary.totalFen)} />
        <Cell label="征收机关" value={payer.region.taxAuthority} id="shared-authority" />
        <Cell label="链接有效期至" value={formatShareExpiry(expiresAt)} id="shared-expires" />
      </View>
      {paid ? (
        <Notice kind="info" id="shared-paid">已为家人缴费成功，可在缴费记录中查看凭证。</Notice>
      ) : (
        <ProxyPayWarning />
      )}
      {!paid && due.openOrderId ? (
        <Notice kind="warn" id="open-order">该缴费人有一笔未完成的缴费订单。继续缴费会沿用该订单，不会重复扣款。</Notice>
      ) : null}
      <View className="actions">
        <ActionButton id="pay-shared" label={paid ? '已缴费' : '为家人缴费'} disabled={paid} onTap={() => go('confirm')} />
        <HomeButton />
      </View>
      <Text className="hint">
        请确认链接来自您认识的家人。缴费款项直接缴入税务部门，工作人员不会通过链接要求您转账到个人账户。
      </Text>
    </View>
  )
}

export default function SharePage() {
  const { params } = useRouter()
  const token = params.t
  const [view, setView] = useState<PageState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let live = true
    setView({ status: 'loading' })
    void openSharedItem(token, { backend, store: flowStore }).then((result) => {
      if (!live) return
      setView(result.ok ? { status: 'ready', item: result } : { status: 'error', error: result.error })
    })
    return () => {
      live = false
    }
  }, [token, attempt])

  return (
    <Screen className="share">
      <DemoNotice />
      {view.status === 'loading' ? <Loading text="正在打开家人发来的缴费信息…" /> : null}
      {view.status === 'ready' ? <SharedItem item={view.item} /> : null}
      {view.status === 'error' ? (
        <View>
          <ErrorPanel advice={shareAdviceFor(view.error.code, view.error.message)} onRetry={() => setAttempt((n) => n + 1)} />
          {shareAdviceFor(view.error.code).action === 'home' ? null : (
            <View className="actions">
              <HomeButton />
            </View>
          )}
        </View>
      ) : null}
    </Screen>
  )
}
