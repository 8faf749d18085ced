/**
 * Tier 2 against the server: 全部缴纳 on the compiled weapp (HTTP adapter) as the demo WeChat user
 * 张建国. 本人, 陈桂兰 and 欧阳娜娜 (whose booking the server's tax simulator refuses): one payment
 * through the server's demo cashier, two receipts from the server, her amount alone refunded.
 */
import { bootApp, type Harness } from '../weapp/harness'
import { serverWorld } from './serverWorld'

const h = bootApp()
const world = serverWorld()
beforeEach(async () => {
  await h.reset()
  world.pinAppClock(h)
})

const FAMILY = [
  { name: '陈桂兰', idNumber: '510703196505050068' },
  { name: '欧阳娜娜', idNumber: '350203199306060104' },
]

/** The family as the app saves it after the server's verified lookups (its payerRefs, masked views). */
async function saveFamily(hh: Harness): Promise<void> {
  const entries = []
  for (const [i, p] of FAMILY.entries()) {
    const view = await world.rpcAsApp('lookupPayer', { mode: 'other', name: p.name, idType: 'resident_id', idNumber: p.idNumber })
    entries.push({ payerRef: view.payerRef, maskedName: view.maskedName, maskedIdNumber: view.maskedIdNumber, idType: view.idType, regionName: view.region.name, relation: 'parent', addedAt: 1_700_000_000_000 + i })
  }
  hh.storage.set('yibao.family.v1', JSON.stringify(entries))
}

test('全部缴纳 for three against the server: one payment, two receipts, one booking refused and refunded alone', async () => {
  // Logged in first (本人缴费's lookup), so the family can be looked up as this WeChat user.
  await h.launch()
  await h.waitFor('#entry-self')
  await h.tap('#entry-self')
  await h.waitFor('#next', 10_000)
  await saveFamily(h)

  await h.launch()
  const rowsLoaded = () => [0, 1, 2].every((i) => h.exists(`#board-row-${i}`) && !h.textOf(`#board-row-${i}`).includes('查询中'))
  await h.waitFor(() => rowsLoaded() && h.exists('#board-pay-all'), 20_000, 'the board with 全部缴纳')
  expect(h.textOf('#board-pay-all')).toBe('全部缴纳（3人，¥920.00）')
  await h.tap('#board-pay-all')
  await h.waitFor(() => h.route() === 'packages/family/pay' && h.exists('#family-item-2') && h.exists('#family-confirm'), 20_000, 'family confirm page')
  expect(h.textOf('#amount')).toBe('¥920.00')
  world.requests.length = 0

  await h.tap('#family-confirm')
  await h.waitFor(() => h.route() === 'packages/family/result' && h.exists('#family-returned-0') && [0, 1].every((i) => /\d{8,}/.test(h.textOf(`#family-voucher-${i}`))), 60_000, 'family result')
  expect(h.modals.map((m) => m.confirmText)).toEqual(['确认支付'])
  expect(h.modals[0].content).toContain('¥920.00')
  expect(world.requests.filter((r) => r.path === '/sim/cashier').map((r) => r.body.action)).toEqual(['pay'])
  expect(world.requests.filter((r) => r.path === '/v1/rpc/createFamilyOrder')).toHaveLength(1)
  expect(h.textOf('#outcome-title')).toBe('2人缴费成功')
  expect(h.textOf('#outcome-detail')).toBe('一次支付¥920.00，已为2人缴费；欧阳**入库未成功，¥400.00原路退回')
  expect(h.textOf('#family-returned-0')).toContain('欧阳**')

  // The server holds it as the page says: one family order, her item refunding, the others' receipts.
  const familyOrderId = h.current().query.id
  const order = await world.rpcAsApp('queryFamilyOrder', { familyOrderId })
  expect(order).toMatchObject({ state: 'paid', amountFen: 92000, refundFen: 40000 })
  const covered = order.items.filter((i: { state: string }) => i.state === 'paid' || i.state === 'settled')
  expect(covered.map((i: { payer: { maskedName: string } }) => i.payer.maskedName)).toEqual(['张*国', '陈*兰'])
  for (const [i, item] of covered.entries()) {
    const receipt = await world.rpcAsApp('getReceipt', { orderId: item.orderId })
    expect(h.textOf(`#family-voucher-${i}`)).toContain(receipt.taxVoucherNo)
  }
})
