/**
 * Tier 2 against the server: the compiled weapp (HTTP adapter) as the demo WeChat user 张建国 (code
 * `demo`). 本人缴费 and 代他人缴费 reach 缴费成功 through the server's demo cashier (/sim/cashier),
 * and the server holds each paid order with the 电子税票号码 the page showed.
 */
import { bootApp, lookupOther, PEOPLE, toConfirm, type Harness } from '../weapp/harness'
import { serverWorld } from './serverWorld'

const h = bootApp()
const world = serverWorld()
beforeEach(async () => {
  await h.reset()
  world.pinAppClock(h)
})

/** p06 陈桂兰 (绵阳, 低保对象): pays 30% of the ¥400.00 standard. */
const MOTHER = { name: '陈桂兰', masked: '陈*兰', idNumber: '510703196505050068' }

/** 确认缴费 on the confirm page, 确认支付 in the demo cashier, then the result page's 电子税票号码. */
async function payAndReadVoucher(hh: Harness, amount: string): Promise<string> {
  await hh.tap('#confirm-pay')
  await hh.waitFor(() => hh.route() === 'pages/result/index' && hh.exists('#voucher-no'), 20_000, 'result page')
  expect(hh.modals.map((m) => m.confirmText)).toEqual(['确认支付'])
  expect(hh.modals[0].content).toContain(amount)
  expect(hh.textOf('#outcome-title')).toBe('缴费成功')
  expect(hh.textOf('#paid-amount')).toBe(amount)
  const voucher = hh.textOf('#voucher-no').replace('电子税票号码', '').trim()
  expect(voucher).toMatch(/^\d{8,}$/)
  return voucher
}

/** The server itself holds the order the result page shows, paid, with the voucher the page showed. */
async function expectServerHolds(voucher: string, amountFen: number): Promise<void> {
  const orderId = h.current().query.orderId
  const { records } = await world.rpcAsApp('listRecords', {})
  const record = records.find((r: { orderId: string }) => r.orderId === orderId)
  expect(record).toMatchObject({ amountFen })
  expect(['paid', 'settled']).toContain(record.state)
  expect(await world.rpcAsApp('getReceipt', { orderId })).toMatchObject({ taxVoucherNo: voucher, amountFen })
}

/** The demo cashier's choice went to the server's /sim/cashier, once, as 'pay'. */
function expectCashierPosted(): void {
  const cashier = world.requests.filter((r) => r.path === '/sim/cashier')
  expect(cashier.map((r) => r.body.action)).toEqual(['pay'])
  expect(cashier[0].statusCode).toBe(200)
}

test('本人缴费 as 张建国: ¥400.00 through the server’s cashier to 缴费成功 and the 电子缴费凭证', async () => {
  await h.launch()
  await h.waitFor('#entry-self')
  await h.tap('#entry-self')
  await h.waitFor('#next', 10_000)
  expect(h.textOf('#payer-card')).toContain(PEOPLE.self.masked)
  await toConfirm(h)
  expect(h.textOf('#amount')).toBe('¥400.00')
  world.requests.length = 0

  const voucher = await payAndReadVoucher(h, '¥400.00')
  expect(h.textOf('#receipt')).toContain('肆佰元整')
  expect(h.textOf('#cover-start')).toContain('2027年1月1日')
  expect(h.text()).not.toContain(PEOPLE.self.id)
  expectCashierPosted()
  await expectServerHolds(voucher, 40000)

  // Every call went to the configured https origin; the server was asked, not a mock.
  expect(world.requests.every((r) => r.url.startsWith('https://'))).toBe(true)
  expect(world.requests.some((r) => r.path.startsWith('/v1/rpc/'))).toBe(true)
})

test('代他人缴费 for 陈桂兰 (低保): ¥120.00 to 缴费成功, and the receipt page shows the server’s voucher', async () => {
  await lookupOther(h, MOTHER.name, MOTHER.idNumber)
  await h.waitFor(() => h.route() === 'pages/items/index' && h.exists('#total'), 10_000, 'items page')
  expect(h.textOf('#payer-card')).toContain(MOTHER.masked)
  expect(h.textOf('#total')).toBe('¥120.00')
  await toConfirm(h)
  expect(h.textOf('#proxy-warning')).toContain('代他人缴费')
  world.requests.length = 0

  const voucher = await payAndReadVoucher(h, '¥120.00')
  expectCashierPosted()
  await expectServerHolds(voucher, 12000)
  // The full ID number went to the lookup only, never after it.
  expect(world.requests.some((r) => JSON.stringify(r.body).includes(MOTHER.idNumber))).toBe(false)

  await h.tap('#view-receipt')
  await h.waitFor(() => h.route() === 'packages/records/receipt' && h.exists('#receipt'), 10_000, 'receipt page')
  const receipt = h.textOf('#receipt')
  expect(receipt).toContain('电子缴费凭证')
  expect(receipt).toContain(voucher)
  expect(receipt).toContain(MOTHER.masked)
  expect(receipt).toContain('壹佰贰拾元整')
  expect(receipt).not.toContain(MOTHER.idNumber)
})
