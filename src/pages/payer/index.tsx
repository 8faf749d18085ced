import { Text, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import ActionButton from '../../components/ActionButton'
import ErrorPanel from '../../components/ErrorPanel'
import Loading from '../../components/Loading'
import { ProxyPayWarning } from '../../components/Notice'
import PayerCard from '../../components/PayerCard'
import Screen from '../../components/Screen'
import PayerForm, { type ValidPayer } from '../../components/PayerForm'
import Tappable from '../../components/Tappable'
import type { FlowError } from '../../domain/payFlow'
import { adviceFor } from '../../view/advice'
import { relationLabel, type FamilyPayer } from '../../storage/familyPayers'
import { familyPayers, flowStore, payment, useFlow } from '../../flow'
import { go } from '../../routes'


function SelfPayer() {
  const { flow, payer } = useFlow()
  useEffect(() => {
    if (!payer && flow.lookup.status === 'idle') void payment.lookup({ mode: 'self' })
  }, [payer, flow.lookup.status])

  if (flow.lookup.status === 'error' && flow.lookup.error) {
    return <ErrorPanel advice={adviceFor(flow.lookup.error.code, flow.lookup.error.message)} onRetry={() => void payment.lookup({ mode: 'self' })} />
  }
  if (!payer) return <Loading text="正在查询您的参保信息…" />
  return (
    <View>
      <Text className="section-title">缴费人（本人，已实名）</Text>
      <PayerCard payer={payer} />
      <View className="actions">
        <ActionButton id="next" label="下一步" onTap={() => go('items')} />
      </View>
    </View>
  )
}

/** Saved family members: one tap looks the person up by the backend's reference, no number typed. */
function FamilyQuickList({ saved, busy, pendingRef, onPick }: { saved: FamilyPayer[]; busy: boolean; pendingRef?: string; onPick: (entry: FamilyPayer) => void }) {
  return (
    <View id="family-list">
      <Text className="section-title">常用缴费人（点按直接查询）</Text>
      <View className="card">
        {saved.map((entry, index) => (
          <Tappable
            key={entry.payerRef}
            id={`family-${index}`}
            className="cell"
            label={`${relationLabel(entry.relation)}，${entry.maskedName}，${entry.maskedIdNumber}，点按查询应缴费用`}
            disabled={busy}
            onTap={() => onPick(entry)}
          >
            <Text className="cell__label">{relationLabel(entry.relation)}</Text>
            <View className="cell__body">
              <Text className="cell__value">{entry.maskedName}</Text>
              <Text className="cell__note">{busy && pendingRef === entry.payerRef ? '查询中…' : entry.maskedIdNumber}</Text>
            </View>
          </Tappable>
        ))}
        <Tappable id="family-manage" className="cell cell--link" role="link" label="管理常用缴费人" onTap={() => go('family')}>
          <Text className="cell__label">添加或删除</Text>
          <View className="cell__body">
            <Text className="cell__note">管理</Text>
          </View>
        </Tappable>
      </View>
    </View>
  )
}

/** One lookup this page ran, and the error it ended with (the flow holds one lookup for every page). */
type Attempt = ({ kind: 'form'; valid: ValidPayer } | { kind: 'family'; entry: FamilyPayer }) & { error?: FlowError }

function OtherPayer({ saved }: { saved: FamilyPayer[] }) {
  const { flow } = useFlow()
  const { form, lookup } = flow
  const busy = lookup.status === 'loading'
  const [attempt, setAttempt] = useState<Attempt>()
  const [focusField, setFocusField] = useState<'name' | 'idNumber'>()
  // Only this page's own failure is explained here, next to what was tapped.
  const failed = lookup.status === 'error' && lookup.error && attempt?.error === lookup.error ? adviceFor(lookup.error.code, lookup.error.message) : undefined

  const run = async (next: Attempt) => {
    setAttempt(next)
    const found = await payment.lookup(next.kind === 'form' ? { mode: 'other', ...next.valid } : { mode: 'ref', payerRef: next.entry.payerRef })
    if (found.ok) {
      if (next.kind === 'family') familyPayers.refresh(found.payer)
      go('items')
    } else {
      setAttempt({ ...next, error: found.error })
    }
  }

  return (
    <View>
      <ProxyPayWarning />
      {saved.length > 0 ? (
        <FamilyQuickList
          saved={saved}
          busy={busy}
          pendingRef={attempt?.kind === 'family' ? attempt.entry.payerRef : undefined}
          onPick={(entry) => void run({ kind: 'family', entry })}
        />
      ) : null}
      {failed && attempt?.kind === 'family' ? <ErrorPanel advice={failed} onRetry={() => void run({ kind: 'family', entry: attempt.entry })} /> : null}
      <Text className="section-title">缴费人信息</Text>
      <PayerForm
        value={form}
        onChange={(field, value) => flowStore.dispatch({ type: 'form_changed', field, value })}
        busy={busy}
        onSubmit={(valid) => void run({ kind: 'form', valid })}
        submitLabel="查询"
        submitId="lookup"
        focusField={focusField}
      >
        {failed && attempt?.kind === 'form' ? (
          <ErrorPanel
            advice={failed}
            onRetry={() => void run({ kind: 'form', valid: attempt.valid })}
            // The fields still hold what was typed: close the answer and put the cursor where the fix goes.
            onEdit={() => {
              setAttempt(undefined)
              setFocusField(attempt.error?.code === 'NAME_MISMATCH' ? 'name' : 'idNumber')
            }}
          />
        ) : null}
      </PayerForm>
      <Text className="hint">证件号码仅用于向税务部门查询应缴信息，页面上只显示部分号码。</Text>
    </View>
  )
}

export default function Payer() {
  const { params } = useRouter()
  const mode = params.mode === 'other' ? 'other' : 'self'
  const [saved, setSaved] = useState<FamilyPayer[]>(() => (mode === 'other' ? familyPayers.list() : []))
  // Back from 常用缴费人 (added or removed someone): show the list as it is now.
  useDidShow(() => {
    if (mode === 'other') setSaved(familyPayers.list())
  })
  useEffect(() => {
    // Opened directly (a reload, a shared link): start the journey the address asks for.
    if (flowStore.get().flow.mode !== mode) flowStore.startJourney(mode)
  }, [mode])
  return <Screen className="payer">{mode === 'self' ? <SelfPayer /> : <OtherPayer saved={saved} />}</Screen>
}
