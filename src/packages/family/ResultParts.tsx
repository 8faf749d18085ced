import { Text, View } from '@tarojs/components'
import { useCallback, useEffect } from 'react'
import Tappable from '../../components/Tappable'
import type { ReceiptView } from '../../contract'
import type { ItemResult } from '../../domain/familyPay'
import { formatFen } from '../../domain/money'
import { recordStateView } from '../../domain/recordStates'
import { go } from '../../routes'
import { backend } from '../../services'
import { useRequest } from '../../view/useRequest'

/** The person's own 电子缴费凭证: its number here, the whole of it one tap away. */
function ReceiptLine({ orderId, index }: { orderId: string; index: number }) {
  const { data, failure, run } = useRequest<ReceiptView>()
  const load = useCallback(() => void run(() => backend.getReceipt({ orderId })), [orderId, run])
  useEffect(load, [load])
  if (failure) {
    return (
      <View className="family-result__who">
        <Text className="cell__note">缴费已成功，凭证暂时无法获取</Text>
        <Tappable id={`family-receipt-retry-${index}`} className="link" label="重新获取缴费凭证" onTap={load}>
          <Text>重试</Text>
        </Tappable>
      </View>
    )
  }
  return (
    <View className="family-result__who">
      <Text className="cell__note" id={`family-voucher-${index}`}>电子税票号码：{data ? data.taxVoucherNo : '获取中…'}</Text>
      <Tappable id={`family-receipt-${index}`} className="link" role="link" label={`查看缴费凭证，${data?.payerMaskedName ?? ''}`} onTap={() => go('receipt', { orderId })}>
        <Text>查看凭证</Text>
      </Tappable>
    </View>
  )
}

function Part({ result, index, prefix }: { result: ItemResult; index: number; prefix: string }) {
  const { item } = result
  return (
    <View className="family-result__part" id={`${prefix}-${index}`}>
      <View className="family-result__who">
        <Text className="family__name">{item.payer.maskedName}</Text>
        <Text className={`tag tag--${item.state}`}>{recordStateView(item.state).label}</Text>
        <Text className="family-item__amount">{formatFen(item.amountFen)}</Text>
      </View>
      <Text className="family__line family-result__detail">{result.detail}</Text>
      {result.outcome === 'covered' ? <ReceiptLine orderId={item.orderId} index={index} /> : null}
    </View>
  )
}

/** A group of the order's people: those covered (each with their receipt), or those whose money goes back. */
export function ResultGroup({ id, title, results }: { id: string; title: string; results: readonly ItemResult[] }) {
  if (results.length === 0) return null
  return (
    <View id={id}>
      <Text className="section-title">
        {title}（{results.length}人）
      </Text>
      <View className="card">
        {results.map((r, index) => (
          <Part key={r.item.orderId} result={r} index={index} prefix={id} />
        ))}
      </View>
    </View>
  )
}
