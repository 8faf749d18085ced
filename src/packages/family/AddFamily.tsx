import { Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import ErrorPanel from '../../components/ErrorPanel'
import Notice from '../../components/Notice'
import PayerForm, { type PayerFormValue, type ValidPayer } from '../../components/PayerForm'
import Tappable from '../../components/Tappable'
import { EMPTY_FORM } from '../../domain/payFlow'
import { familyPayers } from '../../flow'
import { useRequest } from '../../view/useRequest'
import type { PayerView } from '../../contract'
import { FAMILY_MESSAGES, RELATIONS, relationLabel, type FamilyPayer, type Relation } from '../../storage/familyPayers'
import { backend } from '../../services'

/**
 * 添加常用缴费人: 姓名 + 证件 verified by the backend lookup, and a relation. Only the masked
 * view and the backend's reference are saved; the typed number lives in this form until then.
 */
export default function AddFamily({ list, onSaved }: { list: FamilyPayer[]; onSaved: (list: FamilyPayer[]) => void }) {
  const [draft, setDraft] = useState<PayerFormValue>(EMPTY_FORM)
  const [relation, setRelation] = useState<Relation>()
  const [relationError, setRelationError] = useState(false)
  const lookup = useRequest<PayerView>()
  const adding = lookup.status === 'loading'
  const addFailure = lookup.failure
  const [formMessage, setFormMessage] = useState<string>()
  const [added, setAdded] = useState<{ entry: FamilyPayer; updated: boolean }>()
  /** What was last sent, for 重试; only in memory, and dropped once saved. */
  const lastValid = useRef<ValidPayer>()

  // Derived, not stored: a removal elsewhere on the page takes back the cap and a removed entry's notice.
  const full = familyPayers.isFull()
  const shownAdded = added && list.some((e) => e.payerRef === added.entry.payerRef) ? added : undefined

  const change = (field: keyof PayerFormValue, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }))
    lookup.clearFailure()
    setFormMessage(undefined)
    setAdded(undefined)
  }
  const chooseRelation = (code: Relation) => {
    setRelation(code)
    setRelationError(false)
    setAdded(undefined)
  }

  const add = async (valid: ValidPayer) => {
    // The relation is taken now: changing a chip while the lookup runs cannot change what is saved.
    const chosen = relation
    // At the cap the number is not even sent: it could not be saved.
    if (adding || !chosen || familyPayers.isFull()) return
    setAdded(undefined)
    setFormMessage(undefined)
    lastValid.current = valid
    const found = await lookup.run(() => backend.lookupPayer({ mode: 'other', name: valid.name, idType: valid.idType, idNumber: valid.idNumber }))
    if (!found.ok) return
    const result = familyPayers.add(found.data, chosen)
    if (result.ok) {
      lastValid.current = undefined
      onSaved(result.list)
      setAdded({ entry: result.entry, updated: result.updated })
      setDraft(EMPTY_FORM)
      setRelation(undefined)
    } else {
      setFormMessage(result.message)
    }
  }

  // The cap is shown from the list itself, so it goes away as soon as someone is removed.
  const otherMessage = formMessage === FAMILY_MESSAGES.limit ? undefined : formMessage
  return (
    <View>
      <Text className="section-title" id="family-add-title">
        添加常用缴费人
      </Text>
      <View className="family__added">
        {shownAdded ? (
          <Notice kind="info" id="family-added">
            {shownAdded.updated ? '已更新' : '已添加'}：{relationLabel(shownAdded.entry.relation)} {shownAdded.entry.maskedName}（{shownAdded.entry.maskedIdNumber}）。代他人缴费时点一下即可查询。
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
            <Tappable key={r.code} id={`relation-${r.code}`} className="chip" role="radio" checked={r.code === relation} label={r.label} onTap={() => chooseRelation(r.code)}>
              <Text className="chip__title">{r.label}</Text>
            </Tappable>
          ))}
        </View>
        {relationError ? (
          <Text className="family__error" id="relation-error">
            请选择与您的关系
          </Text>
        ) : null}
        {full ? (
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
            onEdit={lookup.clearFailure}
          />
        ) : null}
      </PayerForm>
      <Text className="hint">
        添加时向税务部门核验姓名和证件号码。本机只保存核验后返回的查询凭证和部分号码，不保存完整证件号码。
      </Text>
    </View>
  )
}
