/** Tier 2: 代他人缴费 on the compiled weapp build: validation, lookups that end in advice, and a payment. */
import { appOrdersOf, bootApp, errorTitle, lookupOther, openProxyForm, PEOPLE, registryPerson, toConfirm } from './harness'

const h = bootApp()
beforeEach(() => h.reset())

/** p06 陈桂兰 (绵阳, 低保对象): pays 30% of the ¥400.00 standard. */
const MOTHER = registryPerson('p06')

test('代他人缴费 for a resident reaches 缴费成功 and the receipt page', async () => {
  await lookupOther(h, MOTHER.name, MOTHER.idNumber)
  await h.waitFor(() => h.route() === 'pages/items/index' && h.exists('#total'), 5000, 'items page')
  expect(h.textOf('#payer-card')).toContain(MOTHER.masked)
  expect(h.textOf('#payer-card')).toContain('代缴')
  expect(h.textOf('#payer-card')).toContain('低保对象')
  expect(h.textOf('#total')).toBe('¥120.00')

  await toConfirm(h)
  expect(h.textOf('#amount')).toBe('¥120.00')
  expect(h.textOf('#amount-capital')).toContain('壹佰贰拾元整')
  expect(h.text()).toContain('政府资助')
  expect(h.text()).toContain('¥280.00')
  // Paying for someone else: the warning is on the confirm page.
  expect(h.textOf('#proxy-warning')).toContain('代他人缴费')
  for (const secret of [MOTHER.name, MOTHER.idNumber]) expect(h.text()).not.toContain(secret)

  await h.tap('#confirm-pay')
  await h.waitFor(() => h.route() === 'pages/result/index' && h.exists('#voucher-no'), 10000, 'result page')
  expect(h.modals.map((m) => m.confirmText)).toEqual(['确认支付'])
  expect(h.modals[0].content).toContain('¥120.00')
  expect(h.textOf('#outcome-title')).toBe('缴费成功')
  expect(h.textOf('#paid-amount')).toBe('¥120.00')
  const voucher = h.textOf('#voucher-no').replace('电子税票号码', '').trim()
  expect(voucher).toMatch(/^\d{12,}$/)

  await h.tap('#view-receipt')
  await h.waitFor(() => h.route() === 'packages/records/receipt' && h.exists('#receipt'), 5000, 'receipt page')
  const receipt = h.textOf('#receipt')
  expect(receipt).toContain('电子缴费凭证')
  expect(receipt).toContain(voucher)
  expect(receipt).toContain(MOTHER.masked)
  expect(receipt).toContain('¥120.00')
  expect(receipt).toContain('壹佰贰拾元整')
  expect(receipt).not.toContain(MOTHER.idNumber)

  const orders = appOrdersOf(h, MOTHER.id)
  expect(orders).toHaveLength(1)
  expect(orders[0]).toMatchObject({ state: 'paid', amountFen: 12000, voucherNo: voucher })
})

test('a wrong check digit is explained at #idNumber-error and what was typed stays', async () => {
  const wrong = `${PEOPLE.self.id.slice(0, 17)}3` // the right one is 2
  await openProxyForm(h)
  expect(h.textOf('#id-type-value')).toBe('居民身份证')
  await h.input('#name', PEOPLE.self.name)
  await h.input('#idNumber', wrong)
  // Told while typing, once the 18th character is in.
  await h.waitFor('#idNumber-error', 2000)
  expect(h.textOf('#idNumber-error')).toBe('校验位不正确，请核对最后一位')

  await h.tap('#lookup')
  await h.settle()
  await new Promise((r) => setTimeout(r, 500)) // a lookup would have answered by now
  expect(h.route()).toBe('pages/payer/index')
  expect(h.textOf('#idNumber-error')).toBe('校验位不正确，请核对最后一位')
  expect(h.exists('#name-error')).toBe(false)
  expect(h.exists('#error-panel')).toBe(false)
  expect(h.nodeData('name')?.value).toBe(PEOPLE.self.name)
  expect(h.nodeData('idNumber')?.value).toBe(wrong)

  // An empty name is reported at #name-error on 查询, the ID number still there.
  await h.input('#name', '')
  await h.tap('#lookup')
  await h.waitFor('#name-error', 2000)
  expect(h.textOf('#name-error')).not.toBe('')
  expect(h.nodeData('idNumber')?.value).toBe(wrong)

  // Fixing the last digit clears the error and the lookup goes through.
  await h.input('#name', PEOPLE.self.name)
  await h.input('#idNumber', PEOPLE.self.id)
  expect(h.exists('#idNumber-error')).toBe(false)
  await h.tap('#lookup')
  await h.waitFor(() => h.route() === 'pages/items/index' && h.exists('#payer-card'), 5000, 'items page')
  expect(h.textOf('#payer-card')).toContain(PEOPLE.self.masked)
})

test.each([
  ['not registered (p04)', PEOPLE.unregistered, '未查询到参保信息', '修改信息'],
  ['already paid (p02)', PEOPLE.paid, '该缴费人已缴费', '查看缴费记录'],
  ['职工医保 (p05)', PEOPLE.employee, '已参加职工医保', '返回首页'],
])('%s ends at its own error panel with the typed name kept', async (_case, person, title, action) => {
  await lookupOther(h, person.name, person.id)
  await h.waitFor('#error-panel', 5000)
  expect(h.route()).toBe('pages/payer/index')
  expect(errorTitle(h)).toBe(title)
  expect(h.textOf('#error-panel-action')).toBe(action)
  expect(h.nodeData('name')?.value).toBe(person.name)
  expect(h.nodeData('idNumber')?.value).toBe(person.id)
  expect(h.exists('#name-error')).toBe(false)
  expect(h.exists('#idNumber-error')).toBe(false)
  // No order for anybody.
  expect(h.mock.inspect.orders().filter((o: { idempotencyKey: string }) => !o.idempotencyKey.startsWith('seed_'))).toEqual([])
})
