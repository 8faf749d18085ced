/** Tier 2: 缴费记录查询 and the 电子缴费凭证 page (packages/records) on the compiled weapp build. */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { appOrdersOf, bootApp, installWxExtras, lookupOther, payOtherToResult, paySelfToResult, PEOPLE, registryPerson, runUntil, type Harness } from './harness'

const h = bootApp()
const wx = installWxExtras()
beforeEach(async () => {
  await h.reset()
  wx.reset()
})

const MOTHER = registryPerson('p06')
const RECORDS = 'packages/records/index'
const RECEIPT = 'packages/records/receipt'

/** Every JSX id (Taro keeps it as `uid`) in the current page's data tree that starts with prefix. */
function idsWithPrefix(hh: Harness, prefix: string): string[] {
  const out: string[] = []
  const walk = (tree: any) => {
    if (!tree || typeof tree !== 'object') return
    if (typeof tree.uid === 'string' && tree.uid.startsWith(prefix) && !out.includes(tree.uid)) out.push(tree.uid)
    for (const value of Object.values(tree)) if (value && typeof value === 'object') walk(value)
  }
  walk(hh.current().node.data)
  return out
}

/** Record cards on screen, by order id. */
const shownRecords = () => idsWithPrefix(h, 'record-').map((id) => id.slice('record-'.length)).sort()

/** What the backend lists (all payers): everything but pending and closed orders. */
function listedOrders(filter: (o: any) => boolean = () => true): string[] {
  return h.mock.inspect
    .orders()
    .filter((o: any) => o.state !== 'pending' && o.state !== 'closed')
    .filter(filter)
    .map((o: any) => o.orderId)
    .sort()
}

async function openRecords(): Promise<void> {
  await h.launch()
  await h.waitFor('#link-records')
  await h.tap('#link-records')
  await runUntil(h, () => h.route() === RECORDS && h.exists('#records'), 'records list')
}

/** 孙丽 (p10): the cashier refuses the debit, the order ends 缴费失败. */
async function failedPaymentForP10(): Promise<void> {
  await lookupOther(h, PEOPLE.poor.name, PEOPLE.poor.id)
  await runUntil(h, () => h.route() === 'pages/items/index' && h.exists('#next'), 'items page')
  await h.tap('#next')
  await runUntil(h, () => h.route() === 'pages/confirm/index' && h.exists('#confirm-pay'), 'confirm page')
  await h.tap('#confirm-pay')
  await runUntil(h, () => h.route() === 'pages/pay/index' && h.textOf('#outcome-title') === '缴费失败', '缴费失败')
}

test('records list both payments with state and amount; payer and year chips narrow the list; a failed one explains itself; a paid one opens its receipt', async () => {
  const selfVoucher = await paySelfToResult(h)
  const motherVoucher = await payOtherToResult(h, MOTHER.name, MOTHER.idNumber)
  await failedPaymentForP10()
  const [selfOrder] = appOrdersOf(h, 'p01')
  const [motherOrder] = appOrdersOf(h, MOTHER.id)
  const [failedOrder] = appOrdersOf(h, 'p10')
  expect(selfOrder).toMatchObject({ state: 'paid', voucherNo: selfVoucher })
  expect(motherOrder).toMatchObject({ state: 'paid', voucherNo: motherVoucher })
  expect(failedOrder).toMatchObject({ state: 'failed' })

  await openRecords()
  // All payers, all years: exactly what the backend holds (seeded history included).
  expect(shownRecords()).toEqual(listedOrders())
  const selfCard = h.textOf(`#record-${selfOrder.orderId}`)
  expect(selfCard).toContain('已缴费')
  expect(selfCard).toContain('¥400.00')
  expect(selfCard).toContain(PEOPLE.self.masked)
  expect(selfCard).toContain('查看缴费凭证')
  const motherCard = h.textOf(`#record-${motherOrder.orderId}`)
  expect(motherCard).toContain('已缴费')
  expect(motherCard).toContain('¥120.00')
  expect(motherCard).toContain(MOTHER.masked)
  const failedCard = h.textOf(`#record-${failedOrder.orderId}`)
  expect(failedCard).toContain('缴费失败')
  expect(failedCard).toContain('¥400.00')
  expect(failedCard).toContain('状态说明')
  for (const secret of [PEOPLE.self.id, MOTHER.idNumber, PEOPLE.poor.id, MOTHER.name]) expect(h.text()).not.toContain(secret)

  // Payer chips: one per payer in the list, the self one says 本人.
  const payerChips = idsWithPrefix(h, 'filter-payer-').filter((id) => id !== 'filter-payer-all')
  const chipFor = (label: string) => payerChips.find((id) => h.textOf(`#${id}`).includes(label))
  const motherChip = chipFor(MOTHER.masked)
  const selfChip = chipFor(`本人 ${PEOPLE.self.masked}`)
  expect(motherChip).toBeDefined()
  expect(selfChip).toBeDefined()
  expect(h.exists('#filter-payer-all')).toBe(true)

  await h.tap(`#${motherChip}`)
  expect(shownRecords()).toEqual([motherOrder.orderId])
  expect(h.nodeData(motherChip!)?.cl ?? h.nodeData(motherChip!)?.class ?? '').toContain('is-checked')
  await h.tap(`#${selfChip}`)
  expect(shownRecords()).toEqual(listedOrders((o) => o.personId === 'p01'))
  expect(shownRecords()).toContain(selfOrder.orderId)
  expect(shownRecords()).not.toContain(motherOrder.orderId)

  // Year chips, combined with the payer: the seeded 本人 record of an earlier year drops out.
  const year = selfOrder.periodStart.slice(0, 4)
  const years = idsWithPrefix(h, 'filter-year-').filter((id) => id !== 'filter-year-all')
  expect(years).toContain(`filter-year-${year}`)
  await h.tap(`#filter-year-${year}`)
  expect(shownRecords()).toEqual(listedOrders((o) => o.personId === 'p01' && o.periodStart.startsWith(year)))
  // The seeded 本人 receipt is from the year before.
  const otherYear = years.map((id) => id.slice('filter-year-'.length)).find((y) => y !== year)
  expect(otherYear).toBeDefined()
  if (otherYear) {
    await h.tap(`#filter-year-${otherYear}`)
    expect(shownRecords()).not.toContain(selfOrder.orderId)
    expect(shownRecords()).toEqual(listedOrders((o) => o.personId === 'p01' && o.periodStart.startsWith(otherYear)))
  }
  // All payers, this year: our three orders are in, nothing from another year.
  await h.tap('#filter-payer-all')
  await h.tap(`#filter-year-${year}`)
  expect(shownRecords()).toEqual(listedOrders((o) => o.periodStart.startsWith(year)))
  expect(shownRecords()).toEqual(expect.arrayContaining([selfOrder.orderId, motherOrder.orderId, failedOrder.orderId]))
  await h.tap('#filter-year-all')
  expect(shownRecords()).toEqual(listedOrders())

  // The failed one: a tap explains the state in place, no receipt page.
  const routes = h.routerLog.length
  await h.tap(`#record-${failedOrder.orderId}`)
  expect(h.route()).toBe(RECORDS)
  expect(h.routerLog.length).toBe(routes)
  expect(h.textOf(`#record-${failedOrder.orderId}`)).toContain('缴费失败：本次支付未成功，未扣款')
  expect(h.textOf(`#record-${failedOrder.orderId}`)).not.toContain('状态说明')

  // A paid one opens its 电子缴费凭证 with the same voucher as the result page showed.
  await h.tap(`#record-${motherOrder.orderId}`)
  await runUntil(h, () => h.route() === RECEIPT && h.exists('#receipt'), 'receipt page')
  expect(h.current().query.orderId).toBe(motherOrder.orderId)
  expect(h.textOf('#voucher-no')).toContain(motherVoucher)
  expect(h.textOf('#receipt')).toContain(MOTHER.masked)
  expect(h.textOf('#receipt-amount')).toContain('¥120.00')
  expect(h.textOf('#receipt')).not.toContain(MOTHER.idNumber)
  await h.back()
  expect(h.route()).toBe(RECORDS)
  await h.tap(`#record-${selfOrder.orderId}`)
  await runUntil(h, () => h.route() === RECEIPT && h.exists('#receipt'), 'receipt page')
  expect(h.textOf('#voucher-no')).toContain(selfVoucher)
})

test('receipt 保存凭证图片: saved to the album; a refused album permission offers 去设置, which opens the settings', async () => {
  const voucher = await paySelfToResult(h)
  await h.tap('#view-receipt')
  await runUntil(h, () => h.route() === RECEIPT && h.exists('#save-image'), 'receipt page')
  expect(h.textOf('#save-image')).toBe('保存凭证图片')

  await h.tap('#save-image')
  await h.waitFor('#save-result', 3000)
  expect(h.textOf('#save-result')).toBe('已保存到手机相册')
  expect(wx.count('createOffscreenCanvas')).toBe(1)
  expect(wx.count('canvasToTempFilePath')).toBe(1)
  expect(wx.calls.find((c) => c.api === 'saveImageToPhotosAlbum')?.options).toEqual({ filePath: 'wxfile://tmp/receipt.png' })
  // The image carries the receipt's rows: the voucher and the masked payer, never the full number.
  expect(wx.drawnText).toContain(voucher)
  expect(wx.drawnText).toContain(PEOPLE.self.masked)
  expect(wx.drawnText.join('\n')).not.toContain(PEOPLE.self.id)
  expect(h.exists('#open-settings')).toBe(false)

  // The album permission was refused.
  wx.answerSaveImage('saveImageToPhotosAlbum:fail auth deny')
  await h.tap('#save-image')
  await h.waitFor('#open-settings', 3000)
  expect(h.textOf('#save-result')).toContain('未获得保存到相册的权限')
  expect(h.textOf('#open-settings')).toBe('去设置允许保存到相册')
  expect(h.exists('#save-image')).toBe(false)
  expect(wx.count('openSetting')).toBe(0)
  await h.tap('#open-settings')
  await h.waitFor(() => wx.count('openSetting') === 1, 2000, 'openSetting')
  expect(wx.count('saveImageToPhotosAlbum')).toBe(2)

  // Any other failure is its own message, without the settings button.
  await h.launch(RECEIPT, { orderId: appOrdersOf(h, 'p01')[0].orderId })
  await runUntil(h, () => h.exists('#save-image'), 'receipt page')
  wx.answerSaveImage('saveImageToPhotosAlbum:fail file not exists')
  await h.tap('#save-image')
  await h.waitFor('#save-result', 3000)
  expect(h.textOf('#save-result')).toContain('保存图片失败')
  expect(h.exists('#open-settings')).toBe(false)
  expect(h.exists('#save-image')).toBe(true)
})

test('pull-down refresh on the records page reloads the list and stops the refresh indicator', async () => {
  await paySelfToResult(h)
  const [order] = appOrdersOf(h, 'p01')
  await openRecords()
  expect(h.textOf(`#record-${order.orderId}`)).toContain('已缴费')
  expect(wx.count('stopPullDownRefresh')).toBe(0)

  // Two minutes on, the tax side has booked it (已入库); the page only knows after a reload.
  h.advanceClock(125_000)
  await h.settle()
  expect(h.textOf(`#record-${order.orderId}`)).toContain('已缴费')
  const page = h.current().instance
  expect(typeof page.onPullDownRefresh).toBe('function')
  page.onPullDownRefresh()
  await runUntil(h, () => h.textOf(`#record-${order.orderId}`).includes('已入库') && wx.count('stopPullDownRefresh') === 1, '已入库 after refresh')
  expect(h.route()).toBe(RECORDS)

  // A refresh that fails still stops the indicator and says why.
  h.mock.faults.inject({ method: 'listRecords', kind: 'error' })
  page.onPullDownRefresh()
  await runUntil(h, () => h.exists('#error-panel'), 'refresh error')
  expect(wx.count('stopPullDownRefresh')).toBe(2)
  expect(h.textByClass('error-panel__title', 'error-panel')).toBe('服务繁忙')
})
