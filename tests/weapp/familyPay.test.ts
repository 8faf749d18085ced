/**
 * Tier 2: 全部缴纳 on the compiled weapp build. A family of four, all unpaid: board → 全部缴纳 →
 * 确认缴费 → 确认支付 reaches everyone's 缴费成功, each with their own receipt. One person's
 * booking refused (欧阳娜娜, debit_reversed): the result page names them and their refund, the
 * others covered. A sixth tick is refused with the cap; a person being paid elsewhere is left out; a
 * cancel is continued on the same order; a refused card says 缴费失败 with nothing taken.
 */
import fs from 'node:fs'
import path from 'node:path'
import { payerRefOf } from '../../src/services/mock/people'
import { findPersonById } from '../../src/services/mock/registry'
import { bootApp, DIST, runUntil } from './harness'
import { saveFamily } from './savedFamily'

const h = bootApp()
beforeAll(async () => {
  await h.launch()
})
beforeEach(() => h.reset())

/** 23 November 2026, 10:00 Asia/Shanghai: the 2027 window is open in Sichuan and Fujian. */
const NOV_23 = Date.UTC(2026, 10, 23, 2)


const rowsLoaded = (n: number) => Array.from({ length: n }, (_x, i) => i).every((i) => h.exists(`#board-row-${i}`) && !h.textOf(`#board-row-${i}`).includes('查询中'))

async function boardOf(ids: string[]) {
  h.setClock(NOV_23)
  saveFamily(h, ids)
  await h.launch()
  await runUntil(h, () => rowsLoaded(ids.length + 1) && h.exists('#board-pay-all'), 'board with 全部缴纳')
}

test('a family of four, all unpaid: board → 全部缴纳 → 确认缴费 → 确认支付, everyone 缴费成功 with a receipt each', async () => {
  // 本人 ¥400.00, 陈桂兰 ¥120.00, 张德明 ¥400.00, 陈嘉欣 (厦门) ¥400.00.
  await boardOf(['p06', 'p14', 'p08'])
  expect(h.textOf('#board-pay-all')).toBe('全部缴纳（4人，¥1,320.00）')

  const taps0 = h.taps
  const modals0 = h.modals.length
  await h.tap('#board-pay-all')
  await runUntil(h, () => h.route() === 'packages/family/pay' && h.exists('#family-item-3') && h.exists('#family-confirm'), 'family confirm page')
  expect(h.textOf('#amount')).toBe('¥1,320.00')
  expect(h.textOf('#amount-capital')).toBe('大写：壹仟叁佰贰拾元整')
  expect(h.textOf('#family-item-1')).toContain('陈*兰')
  expect(h.textOf('#family-item-1')).toContain('510703********0068')
  expect(h.textOf('#family-item-1')).toContain('2027年度')
  expect(h.textOf('#family-item-1')).toContain('¥120.00')
  expect(h.exists('#proxy-warning')).toBe(true)
  expect(h.text()).not.toContain('510703196505050068')

  await h.tap('#family-confirm')
  await runUntil(h, () => h.route() === 'packages/family/result' && [0, 1, 2, 3].every((i) => h.textOf(`#family-voucher-${i}`).match(/电子税票号码：\S{6,}/) !== null), 'family result with four receipts')
  expect(h.taps - taps0 + (h.modals.length - modals0)).toBe(3)
  expect(h.modals.length - modals0).toBe(1) // one WeChat payment
  expect(h.modals.at(-1)!.content).toContain('¥1,320.00')
  expect(h.textOf('#outcome-title')).toBe('缴费成功')
  expect(h.textOf('#outcome-detail')).toBe('一次支付¥1,320.00，已为4人缴费')
  expect(h.exists('#family-returned')).toBe(false)
  const vouchers = [0, 1, 2, 3].map((i) => h.textOf(`#family-voucher-${i}`))
  expect(new Set(vouchers).size).toBe(4)

  // A receipt opens as the person's own 电子缴费凭证.
  await h.tap('#family-receipt-1')
  await runUntil(h, () => h.route() === 'packages/records/receipt' && h.exists('#voucher-no'), 'receipt page')
  expect(h.text()).toContain('陈*兰')

  // Back home the board says so for everyone, and offers no 全部缴纳.
  await h.back()
  await h.tap('#go-home')
  await runUntil(h, () => h.route() === 'pages/home/index' && rowsLoaded(4) && [0, 1, 2, 3].every((i) => h.textOf(`#board-row-${i}`).includes('已缴费')), 'home after 全部缴纳')
  expect(h.exists('#board-pay-all')).toBe(false)
})

test('three people, one booking refused: the result page names her and her refund, the other two covered', async () => {
  await boardOf(['p06', 'p12', 'p02'])
  expect(h.textOf('#board-pay-all')).toBe('全部缴纳（3人，¥920.00）')
  await h.tap('#board-pay-all')
  await runUntil(h, () => h.exists('#family-item-2') && h.exists('#family-confirm'), 'family confirm page')
  // Nobody on the board is dropped silently: 李秀英 is named as not in this payment, and why.
  expect(h.exists('#family-item-3')).toBe(false)
  expect(h.textOf('#family-out-0')).toContain('李*英')
  expect(h.textOf('#family-out-0')).toContain('已入库')
  await h.tap('#family-confirm')
  await runUntil(h, () => h.route() === 'packages/family/result' && h.exists('#family-returned-0') && h.exists('#family-voucher-1') && !h.textOf('#family-voucher-1').includes('获取中'), 'family result')
  expect(h.textOf('#outcome-title')).toBe('2人缴费成功')
  expect(h.textOf('#outcome-detail')).toBe('一次支付¥920.00，已为2人缴费；欧阳**入库未成功，¥400.00原路退回')
  expect(h.textOf('#paid-amount')).toBe('¥520.00')
  expect(h.textOf('#family-covered')).toContain('陈*兰')
  expect(h.textOf('#family-returned-0')).toContain('欧阳**')
  expect(h.textOf('#family-returned-0')).toContain('待冲正')
  expect(h.textOf('#family-returned-0')).toContain('¥400.00将在1–2天内原路退回')
  expect(h.exists('#family-voucher-2')).toBe(false) // no receipt for the refunded one
})

test('unticking changes the total; a sixth tick is refused with the cap; a person being paid elsewhere is left out with why', async () => {
  h.setClock(NOV_23)
  // 周涛 (late) is mid-payment in an order of his own: the board shows 支付中, 全部缴纳 leaves him out.
  saveFamily(h, ['p06', 'p14', 'p08', 'p09', 'p07', 'p11'])
  // His own payment started (the cashier open): an attempt running for his 2027.
  const call = async (method: string, request: unknown) => (await h.mock.transport.call(method, request)).data
  const order = await call('createOrder', { idempotencyKey: 'ik_zhou_elsewhere', payerRef: payerRefOf(findPersonById('p11')!), selection: { kind: 'resident', coverageYear: 2027 } })
  await call('startPayment', { orderId: order.orderId })
  await h.launch()
  await runUntil(h, () => rowsLoaded(7) && h.exists('#board-pay-all'), 'board')
  expect(h.textOf('#board-row-6')).toContain('支付中')
  expect(h.textOf('#board-pay-all')).toContain('6人')

  await h.tap('#board-pay-all')
  await runUntil(h, () => h.exists('#family-item-5') && h.exists('#family-confirm'), 'family confirm page')
  // Six payable, five ticked: the cap is said.
  expect(h.exists('#family-cap')).toBe(true)
  expect(h.textOf('#family-cap')).toContain('最多为5人')
  await h.tap('#family-item-0')
  expect(h.exists('#family-cap')).toBe(false)
  await h.tap('#family-item-5')
  await h.tap('#family-item-0')
  expect(h.textOf('#family-cap')).toContain('最多为5人')
  expect(h.text()).toContain('周*')
  expect(h.textOf('#family-left-out')).toContain('正在另一笔订单中支付')
})

test('someone paid elsewhere while the confirm page is open: the backend names them, they are left out with why, the rest pays', async () => {
  await boardOf(['p06', 'p14'])
  await h.tap('#board-pay-all')
  await runUntil(h, () => h.exists('#family-item-2') && h.exists('#family-confirm'), 'family confirm page')
  expect(h.textOf('#amount')).toBe('¥920.00')
  // 张德明's own payment starts now (another phone, another journey): an attempt running.
  const call = async (method: string, request: unknown) => (await h.mock.transport.call(method, request)).data
  const order = await call('createOrder', { idempotencyKey: 'ik_father_elsewhere', payerRef: payerRefOf(findPersonById('p14')!), selection: { kind: 'resident', coverageYear: 2027 } })
  await call('startPayment', { orderId: order.orderId })

  await h.tap('#family-confirm')
  await runUntil(h, () => h.exists('#family-refused'), 'refused for one person')
  expect(h.modals).toHaveLength(0) // no cashier for an order that was not made
  expect(h.textOf('#family-refused')).toContain('张*明')
  expect(h.textOf('#family-left-out')).toContain('该缴费人正在另一笔订单中支付')
  expect(h.exists('#family-item-2')).toBe(false)
  expect(h.textOf('#amount')).toBe('¥520.00')
  await h.tap('#family-confirm')
  await runUntil(h, () => h.route() === 'packages/family/result' && [0, 1].every((i) => h.exists(`#family-voucher-${i}`)), 'the rest paid')
  expect(h.textOf('#outcome-detail')).toBe('一次支付¥520.00，已为2人缴费')
})

test('a cancel at the cashier: nothing taken, 继续支付 pays the same order; 余额不足 says 缴费失败 with 重新支付', async () => {
  await boardOf(['p06'])
  await h.tap('#board-pay-all')
  await runUntil(h, () => h.exists('#family-item-1') && h.exists('#family-confirm'), 'family confirm page')
  h.answerModal('cancel')
  await h.tap('#family-confirm')
  await runUntil(h, () => h.exists('#family-pay-notice') && h.textOf('#family-confirm') === '继续支付', 'cancelled')
  expect(h.textOf('#family-pay-notice')).toContain('您已取消支付，未扣款')
  await h.tap('#family-confirm')
  await runUntil(h, () => h.route() === 'packages/family/result' && h.exists('#family-voucher-1'), 'paid after 继续支付')
  expect(h.textOf('#outcome-title')).toBe('缴费成功')
  expect(h.mock.inspect.familyOrders()).toHaveLength(1)

  // 孙丽's card is refused: the whole payment fails, nothing is taken, and it can be paid again.
  await h.reset()
  await boardOf(['p10'])
  await h.tap('#board-pay-all')
  await runUntil(h, () => h.exists('#family-item-1') && h.exists('#family-confirm'), 'family confirm page')
  await h.tap('#family-confirm')
  await runUntil(h, () => h.exists('#family-pay-notice') && h.textOf('#family-confirm') === '重新支付', 'failed')
  expect(h.textOf('#family-pay-notice')).toContain('缴费失败')
  expect(h.textOf('#family-pay-notice')).toContain('本次未扣款')
})

test('the family pages are in the family subpackage, not the main package', () => {
  for (const page of ['pay', 'result']) expect(fs.existsSync(path.join(DIST, `packages/family/${page}.js`))).toBe(true)
  const main = ['app.js', 'common.js'].map((f) => fs.readFileSync(path.join(DIST, f), 'utf8')).join('\n')
  expect(main).not.toContain('合并缴纳')
  expect(main).not.toContain('款项退回')
})
