import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import ErrorPanel from '../../components/ErrorPanel'
import Screen from '../../components/Screen'
import Tappable from '../../components/Tappable'
import { idDocLabel } from '../../domain/idDocument'
import { familyPayers, flowStore, payment, useFlow } from '../../flow'
import { adviceFor, type Advice } from '../../view/advice'
import { FAMILY_LIMIT, relationLabel, type FamilyPayer } from '../../storage/familyPayers'
import { go } from '../../routes'
import AddFamily from './AddFamily'
import './index.css'

function FamilyRow({ entry, index, busy, paying, onPay, onRemove }: { entry: FamilyPayer; index: number; busy: boolean; paying: boolean; onPay: () => void; onRemove: () => void }) {
  const who = `${relationLabel(entry.relation)}${entry.maskedName}`
  return (
    <View className="card family__row" id={`family-${index}`}>
      <View className="family__head">
        <Text className="tag">{relationLabel(entry.relation)}</Text>
        <Text className="family__name">{entry.maskedName}</Text>
      </View>
      <Text className="family__line">
        {idDocLabel(entry.idType)}：{entry.maskedIdNumber}
      </Text>
      <Text className="family__line">参保地：{entry.regionName}</Text>
      <View className="family__actions">
        <Tappable id={`family-remove-${index}`} className="link link--danger" label={`删除${who}`} disabled={busy} onTap={onRemove}>
          <Text>删除</Text>
        </Tappable>
        <Tappable id={`family-pay-${index}`} className="link" label={`为${who}缴费`} disabled={busy} onTap={onPay}>
          <Text>{paying ? '查询中…' : '去缴费'}</Text>
        </Tappable>
      </View>
    </View>
  )
}

export default function Family() {
  const { flow } = useFlow()
  const [list, setList] = useState<FamilyPayer[]>(() => familyPayers.list())
  const [payFailure, setPayFailure] = useState<{ entry: FamilyPayer; advice: Advice }>()
  const [payingRef, setPayingRef] = useState<string>()

  // Back from paying (a lookup may have refreshed an entry), or from another page's changes.
  useDidShow(() => setList(familyPayers.list()))

  const lookingUp = flow.lookup.status === 'loading'

  const payFor = async (entry: FamilyPayer) => {
    setPayFailure(undefined)
    setPayingRef(entry.payerRef)
    // 代他人缴费 from here: the journey's mode follows, and the lookup replaces the previous payer.
    if (flowStore.get().flow.mode !== 'other') flowStore.startJourney('other')
    const found = await payment.lookup({ mode: 'ref', payerRef: entry.payerRef })
    setPayingRef(undefined)
    if (found.ok) {
      setList(familyPayers.refresh(found.payer))
      go('items')
      return
    }
    if (found.error) setPayFailure({ entry, advice: adviceFor(found.error.code) })
  }

  const remove = async (entry: FamilyPayer) => {
    try {
      const answer = await Taro.showModal({
        title: '删除常用缴费人',
        content: `确定删除${relationLabel(entry.relation)} ${entry.maskedName}？删除后可重新添加。`,
        confirmText: '删除',
        confirmColor: '#c62828',
      })
      if (!answer.confirm) return
    } catch {
      return
    }
    setList(familyPayers.remove(entry.payerRef))
    if (payFailure?.entry.payerRef === entry.payerRef) setPayFailure(undefined)
  }

  return (
    <Screen className="family">
      {/* Fixed slots: the list replacing the empty state, or the notice appearing, updates one node. */}
      <View className="family__saved">
        {list.length === 0 ? (
          <View className="family__empty" id="family-empty">
            <Text className="family__empty-title">还没有常用缴费人</Text>
            <Text className="family__empty-detail">
              在下方添加家人（父母、配偶、子女等），核验通过后保存。以后代他人缴费时点一下即可查询，无需再次输入证件号码。
            </Text>
          </View>
        ) : (
          <View id="family-list">
            <Text className="section-title" id="family-count">
              已保存 {list.length} 位（最多 {FAMILY_LIMIT} 位）
            </Text>
            {list.map((entry, index) => (
              <FamilyRow
                key={entry.payerRef}
                entry={entry}
                index={index}
                busy={lookingUp}
                paying={lookingUp && payingRef === entry.payerRef}
                onPay={() => void payFor(entry)}
                onRemove={() => void remove(entry)}
              />
            ))}
            {payFailure ? <ErrorPanel advice={payFailure.advice} onRetry={() => void payFor(payFailure.entry)} /> : null}
          </View>
        )}
      </View>
      <AddFamily list={list} onSaved={setList} />
    </Screen>
  )
}
