import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { formatFen } from '../domain/money'
import type { Selection } from '../domain/payFlow'
import { formatShareExpiry, sharePath } from '../flow/share'
import { backend } from '../services'
import type { CreateShareTokenResponse } from '../contract'
import ActionButton from './ActionButton'
import Cell from './Cell'
import ErrorPanel from './ErrorPanel'
import ShareToFamily from './ShareToFamily'
import { useRequest } from '../view/useRequest'

/** 请家人代缴 is for one payer and selection; a changed selection makes it stale (not shown). */
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
  const { run, ...state } = useRequest<CreateShareTokenResponse>()
  // What the last request was for: a card for another person or period is not offered.
  const [askedFor, setAskedFor] = useState<string>()
  const key = shareKey(payerRef, selection)
  const current = state.status !== 'idle' && askedFor === key ? state : undefined

  const request = async () => {
    if (!payerRef || !selection || !key) return
    setAskedFor(key)
    await run(() => backend.createShareToken({ payerRef, selection }))
  }
  return { current, token: current?.status === 'done' ? current.data.token : undefined, request }
}

/** The 请家人代缴 button, its error, or what will be shared with the share button. */
export default function AskFamily({ ask }: { ask: ReturnType<typeof useAskFamily> }) {
  const { current, request } = ask
  if (current?.status === 'done') return <SharePanel share={current.data} />
  return (
    <View>
      <View className="actions">
        <ActionButton
          id="ask-family"
          kind="default"
          label="请家人代缴"
          busy={current?.status === 'loading'}
          busyLabel="正在生成缴费链接…"
          onTap={() => void request()}
        />
      </View>
      {current?.status === 'failed' ? <ErrorPanel id="ask-family-error" advice={current.failure} onRetry={() => void request()} /> : null}
    </View>
  )
}
