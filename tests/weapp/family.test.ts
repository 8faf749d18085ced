/** Tier 2: 常用缴费人 (packages/family) on the compiled weapp build: add, one-tap 代他人缴费, cap, remove. */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { agreeToPrivacyFor, appOrdersOf, bootApp, errorTitle, registryPerson, toConfirm, type Harness } from './harness'

const h = bootApp()
/** Every storage write of the file (a value written and removed again would not show in a look at storage). */
const writes: string[] = []
{
  const wx = (globalThis as any).wx
  const setStorageSync = wx.setStorageSync
  wx.setStorageSync = (key: string, value: unknown) => {
    writes.push(JSON.stringify([key, value]))
    return setStorageSync(key, value)
  }
}
beforeEach(async () => {
  await h.reset()
  writes.length = 0
})
afterEach(() => {
  // Never, not even for a moment: no storage write of the file held a full number.
  for (const id of [MOTHER.idNumber, FATHER.idNumber, FATHER.oldIdNumber]) expect(writes.filter((w) => w.includes(id))).toEqual([])
})

const FAMILY = 'packages/family/index'
const FAMILY_KEY = 'yibao.family.v1'
const MOTHER = { ...registryPerson('p06'), maskedId: '510703********0068' }
const FATHER = { ...registryPerson('p14'), oldIdNumber: '510104500101003' }

/** Everything on the phone, every key and value, as one string. */
const storageDump = (hh: Harness) => JSON.stringify([...hh.storage.entries()])

function expectNoFullId(where: string, ...ids: string[]): void {
  for (const id of ids) expect({ where, leaked: where.includes(id) ? id : undefined }).toEqual({ where, leaked: undefined })
}

function savedFamily(): any[] {
  const raw = h.storage.get(FAMILY_KEY)
  return typeof raw === 'string' && raw ? JSON.parse(raw) : []
}

async function openFamily(): Promise<void> {
  await h.launch()
  await h.waitFor('#link-family')
  await h.tap('#link-family')
  await h.waitFor(() => h.route() === FAMILY, 3000, 'family page')
}

async function addMember(person: { name: string; idNumber: string }, relation: string): Promise<void> {
  await h.input('#name', person.name)
  await h.input('#idNumber', person.idNumber)
  await h.tap(`#relation-${relation}`)
  await h.tap('#family-add')
}

/** Entries in the shape the app saves, for seeding storage (not real people: never looked up). */
function seededEntries(n: number): any[] {
  return Array.from({ length: n }, (_x, i) => ({
    payerRef: `seedref_${String(i).padStart(2, '0')}`,
    maskedName: `演*${i}`,
    maskedIdNumber: '110101********001X',
    idType: 'resident_id',
    regionName: '成都市',
    relation: 'other',
    addedAt: 1_700_000_000_000 + i,
  }))
}

test('add a family member: consent first, relation chip, verified by lookup, masked everywhere; then 代他人缴费 in one tap pays', async () => {
  await openFamily()
  expect(h.exists('#family-empty')).toBe(true)
  // The first ID entry asks for consent; nothing to type before.
  expect(h.exists('#privacy-consent')).toBe(true)
  expect(h.exists('#name')).toBe(false)
  await agreeToPrivacyFor(h, '#family-add')
  expect(h.exists('#privacy-consent')).toBe(false)
  expect(h.textOf('#family-add')).toBe('核验并添加')

  // No relation chosen: told at the chips, nothing sent.
  h.mock.faults.inject({ method: 'lookupPayer', kind: 'error' })
  await h.input('#name', MOTHER.name)
  await h.input('#idNumber', MOTHER.idNumber)
  expectNoFullId(storageDump(h), MOTHER.idNumber)
  await h.tap('#family-add')
  await h.waitFor('#relation-error', 2000)
  expect(h.textOf('#relation-error')).toBe('请选择与您的关系')
  expect(h.mock.faults.pending()).toHaveLength(1) // the lookup was not called
  h.mock.faults.clear()

  // A wrong name: the lookup says so and nothing is saved; what was typed stays.
  await h.tap('#relation-parent')
  expect(h.exists('#relation-error')).toBe(false)
  expect(h.nodeData('relation-parent')?.cl).toContain('is-checked')
  await h.input('#name', '陈桂花')
  await h.tap('#family-add')
  await h.waitFor('#error-panel', 5000)
  expect(errorTitle(h)).toBe('姓名与证件号码不一致')
  expect(h.storage.has(FAMILY_KEY)).toBe(false)
  expect(h.nodeData('idNumber')?.value).toBe(MOTHER.idNumber)
  expect(h.nodeData('relation-parent')?.cl).toContain('is-checked')

  // 修改姓名, the right name: verified and saved.
  await h.tap('#error-panel-action')
  expect(h.exists('#error-panel')).toBe(false)
  await h.input('#name', MOTHER.name)
  await h.tap('#family-add')
  await h.waitFor('#family-added', 5000)
  expect(h.textOf('#family-added')).toContain(`已添加：父母 ${MOTHER.masked}（${MOTHER.maskedId}）`)
  expect(h.textOf('#family-count')).toContain('已保存 1 位')
  const row = h.textOf('#family-0')
  expect(row).toContain('父母')
  expect(row).toContain(MOTHER.masked)
  expect(row).toContain(MOTHER.maskedId)
  expect(row).toContain('绵阳市')
  // The form is empty again and the relation cleared.
  expect(h.nodeData('name')?.value ?? '').toBe('')
  expect(h.nodeData('idNumber')?.value ?? '').toBe('')
  expect(h.nodeData('relation-parent')?.cl ?? '').not.toContain('is-checked')

  // Only masked values: on screen, in the view data, on the phone.
  for (const secret of [MOTHER.idNumber, MOTHER.name]) {
    expect(h.text()).not.toContain(secret)
    expect(JSON.stringify(h.current().node.data)).not.toContain(secret)
  }
  expectNoFullId(storageDump(h), MOTHER.idNumber)
  expect(writes.some((w) => w.startsWith('["yibao.family.v1"'))).toBe(true)
  const [saved] = savedFamily()
  expect(saved).toMatchObject({ maskedName: MOTHER.masked, maskedIdNumber: MOTHER.maskedId, relation: 'parent', idType: 'resident_id' })
  expect(saved.payerRef).toMatch(/^pr_/)
  expect(Object.keys(saved).sort()).toEqual(['addedAt', 'idType', 'maskedIdNumber', 'maskedName', 'payerRef', 'regionName', 'relation'])

  // Home → 代他人缴费: the saved person is a quick row; ONE tap reaches the items.
  await h.launch()
  await h.waitFor('#entry-other')
  await h.tap('#entry-other')
  await h.waitFor('#family-0', 5000)
  expect(h.textOf('#family-0')).toContain(MOTHER.masked)
  expect(h.textOf('#family-0')).toContain(MOTHER.maskedId)
  expect(h.exists('#privacy-consent')).toBe(false) // consent is remembered
  h.resetCounters()
  await h.tap('#family-0')
  await h.waitFor(() => h.route() === 'pages/items/index' && h.exists('#total'), 5000, 'items page')
  expect(h.taps).toBe(1)
  expect(h.inputs).toBe(0)
  expect(h.textOf('#payer-card')).toContain(MOTHER.masked)
  expect(h.textOf('#total')).toBe('¥120.00')

  await toConfirm(h)
  await h.tap('#confirm-pay')
  await h.waitFor(() => h.route() === 'pages/result/index' && h.exists('#voucher-no'), 10000, 'result page')
  expect(h.textOf('#outcome-title')).toBe('缴费成功')
  expect(h.textOf('#paid-amount')).toBe('¥120.00')
  const orders = appOrdersOf(h, MOTHER.id)
  expect(orders).toHaveLength(1)
  expect(orders[0]).toMatchObject({ state: 'paid', amountFen: 12000 })
  expectNoFullId(storageDump(h), MOTHER.idNumber)
  // The list is still there for next time.
  expect(savedFamily()).toHaveLength(1)
})

test('at most 10 are kept: the 11th is refused without a lookup; removing asks first and frees a place', async () => {
  h.storage.set('yibao.consent.v1', '2026-11')
  h.storage.set(FAMILY_KEY, JSON.stringify(seededEntries(9)))
  await openFamily()
  await h.waitFor('#family-list', 3000)
  expect(h.textOf('#family-count')).toContain('已保存 9 位（最多 10 位）')
  expect(h.exists('#family-limit')).toBe(false)

  // The 10th: a real person, verified.
  await addMember(MOTHER, 'parent')
  await h.waitFor('#family-added', 5000)
  expect(h.textOf('#family-count')).toContain('已保存 10 位')
  expect(h.exists('#family-9')).toBe(true)
  expect(h.textOf('#family-9')).toContain(MOTHER.masked)
  expect(h.textOf('#family-limit')).toBe('最多保存10位常用缴费人，请先删除不常用的')

  // The 11th (the old 15-digit number of 张德明): refused before anything is sent.
  h.mock.faults.inject({ method: 'lookupPayer', kind: 'error' })
  await addMember({ name: FATHER.name, idNumber: FATHER.oldIdNumber }, 'parent')
  await h.settle()
  await new Promise((r) => setTimeout(r, 450)) // a lookup would have answered by now
  expect(h.mock.faults.pending()).toHaveLength(1)
  h.mock.faults.clear()
  expect(h.textOf('#family-limit')).toBe('最多保存10位常用缴费人，请先删除不常用的')
  expect(h.exists('#family-added')).toBe(false)
  expect(h.exists('#error-panel')).toBe(false)
  expect(savedFamily()).toHaveLength(10)
  expectNoFullId(storageDump(h), FATHER.oldIdNumber, FATHER.idNumber, MOTHER.idNumber)

  // Remove asks first; 取消 keeps the entry.
  h.answerModal('cancel')
  await h.tap('#family-remove-9')
  await h.settle()
  expect(h.modals).toHaveLength(1)
  expect(h.modals[0]).toMatchObject({ title: '删除常用缴费人', confirmText: '删除', answer: 'cancel' })
  expect(h.modals[0].content).toContain(`父母 ${MOTHER.masked}`)
  expect(savedFamily()).toHaveLength(10)
  expect(h.exists('#family-9')).toBe(true)

  // 删除 removes it, on screen and on the phone.
  h.answerModal('confirm')
  await h.tap('#family-remove-9')
  await h.waitFor(() => !h.exists('#family-9'), 3000, 'row removed')
  expect(h.modals).toHaveLength(2)
  expect(h.textOf('#family-count')).toContain('已保存 9 位')
  expect(savedFamily()).toHaveLength(9)
  expect(savedFamily().some((e) => e.maskedName === MOTHER.masked)).toBe(false)
  expect(h.exists('#family-limit')).toBe(false)

  // A place is free again: the 15-digit number is verified and saved (masked, as 18 digits or not at all).
  await h.input('#name', '')
  await addMember({ name: FATHER.name, idNumber: FATHER.oldIdNumber }, 'parent')
  await h.waitFor('#family-added', 5000)
  expect(h.textOf('#family-added')).toContain(FATHER.masked)
  expect(savedFamily()).toHaveLength(10)
  expectNoFullId(storageDump(h), FATHER.oldIdNumber, FATHER.idNumber)
  expectNoFullId(h.text(), FATHER.oldIdNumber, FATHER.idNumber)

  // Removing the first row: the others move up, the page stays.
  await h.tap('#family-remove-0')
  await h.waitFor(() => savedFamily().length === 9, 3000, 'first removed')
  expect(savedFamily()[0].payerRef).toBe('seedref_01')
  expect(h.route()).toBe(FAMILY)
})
