/**
 * Home's note of a 全部缴纳 payment a reload or a closed app left unfinished (it loads with the
 * board, outside the main package): one tap back to it, where the backend's answer is shown.
 */
import { Text } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import Tappable from '../../components/Tappable'
import { familyPending } from '../../flow/familyPending'
import { go } from '../../routes'
import { backend } from '../../services'
import type { FoundFamilyPending } from '../../storage/familyPending'

/** `payAll`: the confirm page's query for the board's people, where the saved ones are ticked again. */
export default function FamilyPendingCard({ payAll }: { payAll: Record<string, string> }) {
  const [found, setFound] = useState<FoundFamilyPending>()
  const look = useCallback(() => void familyPending.find(backend).then(setFound), [])
  useEffect(look, [look])
  useDidShow(look)
  if (!found) return null
  const { saved, order } = found
  const deciding = order?.state === 'paying'
  const title = deciding ? '有一笔家人合并缴费结果确认中' : '有一笔家人合并缴费待支付'
  // Being decided (or not asked yet): the result page asks; anything still to pay is the confirm page's.
  const toResult = saved.familyOrderId && (deciding || !order)
  const open = () => (toResult ? go('familyResult', { id: saved.familyOrderId! }) : go('familyPay', payAll))
  return (
    <Tappable id="family-pending" className="card pending" label={`${title}，点按查看`} onTap={open}>
      <Text className="pending__title">{title}</Text>
      <Text className="pending__detail">{saved.items.length}人 · 点按查看，请勿重复缴费</Text>
    </Tappable>
  )
}
