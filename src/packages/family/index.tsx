import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import ErrorPanel from '../../components/ErrorPanel'
import Notice from '../../components/Notice'
import PayerForm, { type PayerFormValue, type ValidPayer } from '../../components/PayerForm'
import Screen from '../../components/Screen'
import Tappable from '../../components/Tappable'
import { idDocLabel } from '../../domain/idDocument'
import { EMPTY_FORM } from '../../domain/payFlow'
import { adviceFor, type Advice } from '../../flow/advice'
import {
  FAMILY_LIMIT,
  FAMILY_MESSAGES,
  RELATIONS,
  createFamilyPayers,
  relationLabel,
  type FamilyPayer,
  type Relation,
} from '../../flow/familyPayers'
import { flowStore, payment, useFlow } from '../../flow'
import { toFlowError } from '../../flow/payment'
import { go } from '../../routes'
import { backend } from '../../services'
import { taroStore } from '../../services/taroStore'
import './index.css'

const family = createFamilyPayers(taroStore)

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
  const [list, setList] = useState<FamilyPayer[]>(() => family.list())
  const [payFailure, setPayFailure] = useState<{ entry: FamilyPayer; advice: Advice }>()
  const [payingRef, setPayingRef] = useState<string>()

  const [draft, setDraft] = useState<PayerFormValue>(EMPTY_FORM)
  const [relation, setRelation] = useState<Relation>()
  const [relationError, setRelationError] = useState(false)
  const [adding, setAdding] = useState(false)
  const [addFailure, setAddFailure] = useState<Advice>()
  const [formMessage, setFormMessage] = useState<string>()
  const [added, setAdded] = useState<{ entry: FamilyPayer; updated: boolean }>()
  /** What was last sent, for 重试; only in memory, and dropped once saved. */
  const lastValid = useRef<ValidPayer>()

  // Back from paying (a lookup may have refreshed an entry), or from another page's changes.
  useDidShow(() => setList(family.list()))

  const full = list.length >= FAMILY_LIMIT
  const lookingUp = flow.lookup.status === 'loading'

  const payFor = async (entry: FamilyPayer) => {
    setPayFailure(undefined)
    setPayingRef(entry.payerRef)
    // 代他人缴费 from here: the journey's mode follows, and the lookup replaces the previous payer.
    if (flowStore.get().flow.mode !== 'other') flowStore.startJourney('other')
    const ok = await payment.lookup({ mode: 'ref', payerRef: entry.payerRef })
    setPayingRef(undefined)
    if (ok) {
      const { payer } = flowStore.get()
      if (payer) setList(family.refresh(payer))
      go('items')
      return
    }
    const error = flowStore.get().flow.lookup.error
    if (error) setPayFailure({ entry, advice: adviceFor(error.code) })
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
    setList(family.remove(entry.payerRef))
    if (payFailure?.entry.payerRef === entry.payerRef) setPayFailure(undefined)
    if (added?.entry.payerRef === entry.payerRef) setAdded(undefined)
    setFormMessage(undefined)
  }

  const change = (field: keyof PayerFormValue, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }))
    setAddFailure(undefined)
    setFormMessage(undefined)
    setAdded(undefined)
  }
  const chooseRelation = (code: Relation) => {
    setRelation(code)
    setRelationError(false)
    setAdded(undefined)
  }

  const add = async (valid: ValidPayer) => {
    const chosen = relation
    if (adding || !chosen) return
    setAdded(undefined)
    setAddFailure(undefined)
    setFormMessage(undefined)
    if (family.isFull()) {
      // Not even asked: the number is not sent when it could not be saved.
      setFormMessage(FAMILY_MESSAGES.limit)
      return
    }
    lastValid.current = valid
    setAdding(true)
    try {
      const payer = await backend.lookupPayer({ mode: 'other', name: valid.name, idType: valid.idType, idNumber: valid.idNumber })
      const result = family.add(payer, chosen)
      if (result.ok) {
        lastValid.current = undefined
        setList(result.list)
        setAdded({ entry: result.entry, updated: result.updated })
        setDraft(EMPTY_FORM)
        setRelation(undefined)
      } else {
        setFormMessage(result.message)
      }
    } catch (error) {
      setAddFailure(adviceFor(toFlowError(error).code))
    } finally {
      setAdding(false)
    }
  }

  const limitShown = full || formMessage === FAMILY_MESSAGES.limit
  const otherMessage = formMessage === FAMILY_MESSAGES.limit ? undefined : formMessage

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

      <Text className="section-title" id="family-add-title">
        添加常用缴费人
      </Text>
      <View className="family__added">
        {added ? (
          <Notice kind="info" id="family-added">
            {added.updated ? '已更新' : '已添加'}：{relationLabel(added.entry.relation)} {added.entry.maskedName}（{added.entry.maskedIdNumber}）。代他人缴费时点一下即可查询。
          </Notice>
        ) : null}
      </View>
      <PayerForm
        value={draft}
        onChange={change}
        busy={adding}
        busyLabel="核验中…"
        submitLabel="核验并添加"
        submitId="family-add"
        validateExtra={() => {
          setRelationError(!relation)
          return Boolean(relation)
        }}
        onSubmit={(valid) => void add(valid)}
      >
        <Text className="section-title">与您的关系</Text>
        <View className="choices--chips family__relations" id="relations">
          {RELATIONS.map((r) => (
            <Tappable key={r.code} id={`relation-${r.code}`} className="chip" role="radio" checked={r.code === relation} label={r.label} disabled={adding} onTap={() => chooseRelation(r.code)}>
              <Text className="chip__title">{r.label}</Text>
            </Tappable>
          ))}
        </View>
        {relationError ? (
          <Text className="family__error" id="relation-error">
            请选择与您的关系
          </Text>
        ) : null}
        {limitShown ? (
          <Notice kind="warn" id="family-limit">
            {FAMILY_MESSAGES.limit}
          </Notice>
        ) : null}
        {otherMessage ? (
          <Text className="family__error" id="family-add-error">
            {otherMessage}
          </Text>
        ) : null}
        {addFailure ? (
          <ErrorPanel
            advice={addFailure}
            onRetry={() => (lastValid.current ? void add(lastValid.current) : undefined)}
            onEdit={() => setAddFailure(undefined)}
          />
        ) : null}
      </PayerForm>
      <Text className="hint">
        添加时向税务部门核验姓名和证件号码。本机只保存核验后返回的查询凭证和部分号码，不保存完整证件号码。
      </Text>
    </Screen>
  )
}
