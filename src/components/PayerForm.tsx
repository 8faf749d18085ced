import { Input, Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import { ID_DOC_TYPES, idDocLabel, idInputHint, parseIdDocument, type IdDocType } from '../domain/idDocument'
import type { PayerForm as PayerFormValue } from '../domain/payFlow'
import { parsePersonName } from '../domain/personName'
import { shanghaiDate } from '../domain/time'
import { appClock } from '../services'
import { useConsent } from '../flow/consent'
import ActionButton from './ActionButton'
import PrivacyConsent from './PrivacyConsent'
import Tappable from './Tappable'

export type { PayerFormValue }

/** What onSubmit receives: the name and number as the checks normalised them. */
export interface ValidPayer {
  name: string
  idType: IdDocType
  idNumber: string
}

export interface PayerFormProps {
  value: PayerFormValue
  onChange: (field: keyof PayerFormValue, value: string) => void
  /** Called only when the name and number pass the checks (and `validateExtra`, if given). */
  onSubmit: (valid: ValidPayer) => void
  submitLabel: string
  submitId: string
  busy?: boolean
  busyLabel?: string
  /** More checks of the page's own (e.g. a relation), run with the fields' on every submit. */
  validateExtra?: () => boolean
  /** Shown between the fields and the submit button (an error panel, more choices). */
  children?: ReactNode
  /** The field to put the cursor in, e.g. after 修改姓名 on a name-mismatch answer. */
  focusField?: 'name' | 'idNumber'
}

interface FieldErrors {
  name?: string
  idNumber?: string
  /** The type the typed number belongs to (81/82/83 typed as 居民身份证): one tap switches, the number stays. */
  switchTo?: IdDocType
}

/**
 * 姓名 + 证件类型 + 证件号码 for someone else: a hint while the number is typed, and each field's
 * own error at the field on submit. The typed number stays in the caller's state, never stored.
 */
export default function PayerForm(props: PayerFormProps) {
  // Nothing is typed before the person has agreed to the privacy notice.
  return useConsent() ? <Fields {...props} /> : <PrivacyConsent />
}

function Fields({ value, onChange, onSubmit, submitLabel, submitId, busy = false, busyLabel = '查询中…', validateExtra, children, focusField }: PayerFormProps) {
  const [errors, setErrors] = useState<FieldErrors>({})
  const [choosingType, setChoosingType] = useState(false)
  const today = shanghaiDate(appClock())
  const parsed = parseIdDocument(value.idType, value.idNumber, today)
  const warning = parsed.ok ? parsed.doc.warning : undefined

  const change = (field: 'name' | 'idNumber', text: string) => {
    onChange(field, text)
    if (field === 'idNumber') setErrors((e) => ({ ...e, ...hintErrors(value.idType, text) }))
    else setErrors((e) => ({ ...e, name: undefined }))
  }
  const chooseType = (type: IdDocType) => {
    onChange('idType', type)
    setErrors((e) => ({ ...e, ...hintErrors(type, value.idNumber) }))
    setChoosingType(false)
  }
  const hintErrors = (type: IdDocType, text: string): FieldErrors => {
    const hint = idInputHint(type, text, today)
    return { idNumber: hint?.message, switchTo: hint?.switchTo }
  }
  const submit = () => {
    const name = parsePersonName(value.name)
    const id = parseIdDocument(value.idType, value.idNumber, today)
    setErrors({ name: name.ok ? undefined : name.message, idNumber: id.ok ? undefined : id.message, switchTo: id.ok ? undefined : id.switchTo })
    const extraOk = validateExtra ? validateExtra() : true
    if (!name.ok || !id.ok || !extraOk) return
    onSubmit({ name: name.name, idType: value.idType, idNumber: id.doc.number })
  }

  return (
    <>
      <View className="card">
        <View className={`field${errors.name ? ' field--error' : ''}`}>
          <Text className="field__label">姓名</Text>
          <Input
            id="name"
            focus={focusField === 'name'}
            className="field__input"
            value={value.name}
            maxlength={60}
            placeholder="与证件上的姓名一致"
            disabled={busy}
            onInput={(e) => change('name', e.detail.value)}
          />
        </View>
        {errors.name ? <Text className="field__error" id="name-error">{errors.name}</Text> : null}
        <Tappable id="id-type" className="field field--link" label={`证件类型：${idDocLabel(value.idType)}，点按更换`} onTap={() => setChoosingType(!choosingType)}>
          <Text className="field__label">证件类型</Text>
          <Text className="field__value" id="id-type-value">{idDocLabel(value.idType)}</Text>
        </Tappable>
        {choosingType ? (
          <View className="choices" id="id-type-choices">
            {ID_DOC_TYPES.map((t) => (
              <Tappable key={t.type} id={`id-type-${t.type}`} className="choice" role="radio" checked={t.type === value.idType} label={t.label} onTap={() => chooseType(t.type)}>
                <Text>{t.label}</Text>
              </Tappable>
            ))}
          </View>
        ) : null}
        <View className={`field${errors.idNumber ? ' field--error' : ''}`}>
          <Text className="field__label">证件号码</Text>
          <Input
            id="idNumber"
            focus={focusField === 'idNumber'}
            className="field__input"
            type={value.idType === 'resident_id' ? 'idcard' : 'text'}
            value={value.idNumber}
            maxlength={24}
            placeholder="请输入证件号码"
            disabled={busy}
            onInput={(e) => change('idNumber', e.detail.value)}
          />
        </View>
        {errors.idNumber ? <Text className="field__error" id="idNumber-error">{errors.idNumber}</Text> : null}
        {errors.switchTo ? (
          <Tappable id="id-type-switch" className="field__fix" label={`改为${idDocLabel(errors.switchTo)}`} onTap={() => chooseType(errors.switchTo!)}>
            <Text>改为{idDocLabel(errors.switchTo)}</Text>
          </Tappable>
        ) : null}
        {warning ? <Text className="field__warning" id="idNumber-warning">{warning}</Text> : null}
      </View>
      {children}
      <View className="actions">
        <ActionButton id={submitId} label={submitLabel} busy={busy} busyLabel={busyLabel} onTap={submit} />
      </View>
    </>
  )
}
