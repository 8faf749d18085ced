/** Tier 2: what the pay page shows when the payment does not simply succeed (compiled weapp build). */
import { appOrdersOf, bootApp, lookupOther, PEOPLE, toConfirm } from './harness'

const h = bootApp()
beforeEach(() => h.reset())

async function confirmFor(person: { name: string; id: string } | 'self'): Promise<void> {
  if (person === 'self') {
    await h.launch()
    await h.waitFor('#entry-self')
    await h.tap('#entry-self')
  } else {
    await lookupOther(h, person.name, person.id)
  }
  await toConfirm(h)
  expect(h.textOf('#amount')).toBe('¥400.00')
}

test('insufficient funds (p10) ends at 缴费失败 with the reason and no money taken', async () => {
  await confirmFor(PEOPLE.poor)
  await h.tap('#confirm-pay')
  await h.waitFor(() => h.route() === 'pages/pay/index' && h.exists('#outcome-title'), 8000, 'pay outcome')

  expect(h.textOf('#outcome-title')).toBe('缴费失败')
  const detail = h.textOf('#outcome-detail')
  expect(detail).toContain('银行卡余额不足')
  expect(detail).toContain('本次未扣款')
  expect(h.textOf('#retry')).toBe('重新支付')
  expect(h.textOf('#go-home')).toBe('返回首页')
  expect(h.exists('#receipt')).toBe(false)
  expect(h.text()).not.toContain('缴费成功')

  const orders = appOrdersOf(h, 'p10')
  expect(orders).toHaveLength(1)
  expect(orders[0]).toMatchObject({ state: 'failed', moneyTaken: false })
  expect(h.textOf('#order-id')).toContain(orders[0].orderId)
})

test('cancelling at the cashier shows 支付未完成, and 继续支付 pays the same order', async () => {
  await confirmFor('self')
  h.answerModal('cancel', 'confirm')
  await h.tap('#confirm-pay')
  await h.waitFor(() => h.route() === 'pages/pay/index' && h.exists('#outcome-title'), 8000, 'pay outcome')

  expect(h.textOf('#outcome-title')).toBe('支付未完成')
  expect(h.textOf('#outcome-detail')).toContain('未扣款')
  expect(h.textOf('#resume')).toBe('继续支付')
  const [first] = appOrdersOf(h, 'p01')
  expect(first).toMatchObject({ state: 'pending' })

  await h.tap('#resume')
  await h.waitFor(() => h.route() === 'pages/result/index' && h.exists('#voucher-no'), 10000, 'result page')
  expect(h.textOf('#outcome-title')).toBe('缴费成功')
  expect(h.modals.map((m) => m.answer)).toEqual(['cancel', 'confirm'])

  // One order, the same one, paid on its second attempt.
  const orders = appOrdersOf(h, 'p01')
  expect(orders).toHaveLength(1)
  expect(orders[0]).toMatchObject({ orderId: first.orderId, state: 'paid', attempts: 2 })
  expect(h.current().query.orderId).toBe(first.orderId)
})

test('a late result (p11) shows the order being checked, then 缴费成功', async () => {
  await confirmFor(PEOPLE.late)
  await h.tap('#confirm-pay')
  // WeChat said ok, the tax side has not confirmed: the page checks and says so.
  await h.waitFor(
    () => h.route() === 'pages/pay/index' && appOrdersOf(h, 'p11')[0]?.state === 'paying' && h.modals.length === 1 && h.text().includes('正在确认缴费结果'),
    8000,
    'checking',
  )
  expect(h.text()).toContain('请勿重复缴费')
  expect(h.exists('#voucher-no')).toBe(false)

  // The confirmation arrives ~6 s after payment by the backend's clock: move the clock on.
  h.advanceClock(7000)
  await h.waitFor(() => h.route() === 'pages/result/index' && h.exists('#voucher-no'), 8000, 'result page')
  expect(h.textOf('#outcome-title')).toBe('缴费成功')
  expect(h.textOf('#paid-amount')).toBe('¥400.00')

  const orders = appOrdersOf(h, 'p11')
  expect(orders).toHaveLength(1)
  expect(orders[0]).toMatchObject({ state: 'paid', attempts: 1 })
  expect(h.modals).toHaveLength(1)
})


test('结果确认中 when no check gets through; 刷新结果 then finds the payment', async () => {
  await confirmFor(PEOPLE.late)
  // Every order check is lost until the page has given up checking (about a minute of back-off).
  for (let i = 0; i < 20; i++) h.mock.faults.inject({ method: 'queryOrder', kind: 'timeout' })
  await h.tap('#confirm-pay')
  await h.waitFor(() => h.modals.length === 1 && h.text().includes('正在确认缴费结果'), 8000, 'checking')

  const waited = await h.fastForward(90_000, () => h.exists('#outcome-title'))
  expect(waited).toBeGreaterThanOrEqual(55_000) // it kept checking for about a minute first
  expect(h.textOf('#outcome-title')).toBe('结果确认中')
  expect(h.textOf('#outcome-detail')).toContain('请勿重复缴费')
  expect(h.textOf('#refresh')).toBe('刷新结果')
  expect(h.exists('#resume')).toBe(false)
  expect(h.exists('#retry')).toBe(false)

  // The network is back and the tax side has confirmed by now.
  h.mock.faults.clear()
  h.advanceClock(7000)
  await h.tap('#refresh')
  await h.waitFor(() => h.route() === 'pages/result/index' && h.exists('#voucher-no'), 8000, 'result page')
  expect(h.textOf('#outcome-title')).toBe('缴费成功')
  const orders = appOrdersOf(h, 'p11')
  expect(orders).toHaveLength(1)
  expect(orders[0]).toMatchObject({ state: 'paid', attempts: 1 })
  expect(h.modals).toHaveLength(1)
})
