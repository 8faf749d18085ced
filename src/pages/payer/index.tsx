import { Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import ActionButton from '../../components/ActionButton'
import ErrorPanel from '../../components/ErrorPanel'
import Loading from '../../components/Loading'
import { ProxyPayWarning } from '../../components/Notice'
import PayerCard from '../../components/PayerCard'
import Tappable from '../../components/Tappable'
import { ID_DOC_TYPES, idDocLabel, idInputHint, parseIdDocument, type IdDocType } from '../../domain/idDocument'
import { parsePersonName } from '../../domain/personName'
import { shanghaiDate } from '../../domain/time'
import { adviceFor } from '../../flow/advice'
import { flowStore, payment, useFlow } from '../../flow'
import { go } from '../../routes'
import { appClock } from '../../services'

interface FieldErrors {
  name?: string
  idNumber?: string
}

function SelfPayer() {
  const { flow, payer } = useFlow()
  useEffect(() => {
    if (!payer && flow.lookup.status === 'idle') void payment.lookup({ mode: 'self' })
  }, [payer, flow.lookup.status])

  if (flow.lookup.status === 'error' && flow.lookup.error) {
    return <ErrorPanel advice={adviceFor(flow.lookup.error.code)} onRetry={() => void payment.lookup({ mode: 'self' })} />
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

function OtherPayer() {
  const { flow } = useFlow()
  const { form, lookup } = flow
  const [errors, setErrors] = useState<FieldErrors>({})
  const [choosingType, setChoosingType] = useState(false)
  const today = shanghaiDate(appClock())
  const busy = lookup.status === 'loading'

  const change = (field: 'name' | 'idNumber', value: string) => {
    flowStore.dispatch({ type: 'form_changed', field, value })
    if (field === 'idNumber') setErrors((e) => ({ ...e, idNumber: idInputHint(form.idType, value, today)?.message }))
    else setErrors((e) => ({ ...e, name: undefined }))
  }
  const chooseType = (type: IdDocType) => {
    flowStore.dispatch({ type: 'form_changed', field: 'idType', value: type })
    setErrors((e) => ({ ...e, idNumber: idInputHint(type, form.idNumber, today)?.message }))
    setChoosingType(false)
  }
  const submit = async () => {
    const name = parsePersonName(form.name)
    const id = parseIdDocument(form.idType, form.idNumber, today)
    setErrors({ name: name.ok ? undefined : name.message, idNumber: id.ok ? undefined : id.message })
    if (!name.ok || !id.ok) return
    if (await payment.lookup({ mode: 'other', name: name.name, idType: form.idType, idNumber: id.doc.number })) go('items')
  }

  return (
    <View>
      <ProxyPayWarning />
      <Text className="section-title">缴费人信息</Text>
      <View className="card">
        <View className={`field${errors.name ? ' field--error' : ''}`}>
          <Text className="field__label">姓名</Text>
          <Input
            id="name"
            className="field__input"
            value={form.name}
            maxlength={60}
            placeholder="与证件上的姓名一致"
            disabled={busy}
            onInput={(e) => change('name', e.detail.value)}
          />
        </View>
        {errors.name ? <Text className="field__error" id="name-error">{errors.name}</Text> : null}
        <Tappable id="id-type" className="field field--link" label={`证件类型：${idDocLabel(form.idType)}，点按更换`} onTap={() => setChoosingType(!choosingType)}>
          <Text className="field__label">证件类型</Text>
          <Text className="field__value" id="id-type-value">{idDocLabel(form.idType)}</Text>
        </Tappable>
        {choosingType ? (
          <View className="choices" id="id-type-choices">
            {ID_DOC_TYPES.map((t) => (
              <Tappable key={t.type} id={`id-type-${t.type}`} className="choice" role="radio" checked={t.type === form.idType} label={t.label} onTap={() => chooseType(t.type)}>
                <Text>{t.label}</Text>
              </Tappable>
            ))}
          </View>
        ) : null}
        <View className={`field${errors.idNumber ? ' field--error' : ''}`}>
          <Text className="field__label">证件号码</Text>
          <Input
            id="idNumber"
            className="field__input"
            type={form.idType === 'resident_id' ? 'idcard' : 'text'}
            value={form.idNumber}
            maxlength={24}
            placeholder="请输入证件号码"
            disabled={busy}
            onInput={(e) => change('idNumber', e.detail.value)}
          />
        </View>
        {errors.idNumber ? <Text className="field__error" id="idNumber-error">{errors.idNumber}</Text> : null}
      </View>
      {lookup.status === 'error' && lookup.error ? (
        <ErrorPanel advice={adviceFor(lookup.error.code)} onRetry={() => void submit()} onEdit={() => setErrors({})} />
      ) : null}
      <View className="actions">
        <ActionButton id="lookup" label="查询" busy={busy} busyLabel="查询中…" onTap={() => void submit()} />
      </View>
      <Text className="hint">证件号码仅用于向税务部门查询应缴信息，页面上只显示部分号码。</Text>
    </View>
  )
}

export default function Payer() {
  const { params } = useRouter()
  const mode = params.mode === 'other' ? 'other' : 'self'
  useEffect(() => {
    // Opened directly (a reload, a shared link): start the journey the address asks for.
    if (flowStore.get().flow.mode !== mode) flowStore.startJourney(mode)
  }, [mode])
  return <View className="page payer">{mode === 'self' ? <SelfPayer /> : <OtherPayer />}</View>
}
