import { Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { formatFen } from '../domain/money'
import type { FlowError, Selection } from '../domain/payFlow'
import { adviceFor } from '../view/advice'
import { toFlowError } from '../flow/payment'
import { formatShareExpiry, sharePath } from '../flow/share'
import { backend } from '../services'
import type { CreateShareTokenResponse } from '../contract'
import ActionButton from './ActionButton'
import Cell from './Cell'
import ErrorPanel from './ErrorPanel'
import ShareToFamily from './ShareToFamily'

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


/**
 * 请家人代缴 for the payer and selection on screen: the backend issues an expiring token; the page
 * puts it into its share card (`token`).
 */
export function useAskFamily(payerRef: string | undefined, selection: Selection | undefined) {
  const [ask, setAsk] = useState<AskFamily>({ status: 'idle' })
  const latestAsk = useRef(0)
  const key = shareKey(payerRef, selection)
  const current = ask.status !== 'idle' && ask.key === key ? ask : undefined

  const request = async () => {
    if (!payerRef || !selection || !key) return
    const id = ++latestAsk.current
    setAsk({ status: 'busy', key })
    try {
      const share = await backend.createShareToken({ payerRef, selection })
      if (id === latestAsk.current) setAsk({ status: 'ready', key, share })
    } catch (error) {
      if (id === latestAsk.current) setAsk({ status: 'error', key, error: toFlowError(error) })
    }
  }
  return { current, token: current?.status === 'ready' ? current.share.token : undefined, request }
}

/** The 请家人代缴 button, its error, or what will be shared with the share button. */
export default function AskFamily({ ask }: { ask: ReturnType<typeof useAskFamily> }) {
  const { current, request } = ask
  if (current?.status === 'ready') return <SharePanel share={current.share} />
  return (
    <View>
      <View className="actions">
        <ActionButton
          id="ask-family"
          kind="default"
          label="请家人代缴"
          busy={current?.status === 'busy'}
          busyLabel="正在生成缴费链接…"
          onTap={() => void request()}
        />
      </View>
      {current?.status === 'error' ? <ErrorPanel id="ask-family-error" advice={adviceFor(current.error.code)} onRetry={() => void request()} /> : null}
    </View>
  )
}
