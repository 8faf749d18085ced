/**
 * Tier 2: 全部缴纳 survives a reload. The family pays, the cashier takes the money, and the app is
 * closed while the result is still being decided (周涛's comes late). Opened again (a cold start
 * with the phone's storage carried over), home says so and leads to the family result page:
 * 结果确认中 as the backend has it, 刷新结果, then everyone's 缴费成功; one family order, one
 * payment, no second cashier, and nothing left saved on the phone.
 */
import { findPersonById } from '../../src/services/mock/registry'
import { maskName } from '../../src/domain/mask'
import { bootApp, coldRestart, type Harness, runUntil } from './harness'
import { saveFamily } from './savedFamily'

const FAMILY_PENDING_KEY = 'yibao.familyPending.v1'
/** 23 November 2026, 10:00 Asia/Shanghai: the 2027 window is open in Sichuan and Fujian. */
const NOV_23 = Date.UTC(2026, 10, 23, 2)

const h = bootApp()

const rowsLoaded = (hh: Harness, n: number) => Array.from({ length: n }, (_x, i) => i).every((i) => hh.exists(`#board-row-${i}`) && !hh.textOf(`#board-row-${i}`).includes('查询中'))
/** The backend's own record of the family order, as the phone's storage carries it (the demo's stand-in for the servers). */
const storedFamilyOrder = () => JSON.parse(String(h.storage.get('yibao.mock.v1') ?? '{}')).familyOrders?.[0]

test('closed while 结果确认中: reopened, home leads back to the family result; 刷新结果 shows everyone 缴费成功, one order, one payment', async () => {
  h.setClock(NOV_23)
  saveFamily(h, ['p06', 'p11'])
  await h.launch()
  await runUntil(h, () => rowsLoaded(h, 3) && h.exists('#board-pay-all'), 'board with 全部缴纳')
  await h.tap('#board-pay-all')
  await runUntil(h, () => h.exists('#family-item-2') && h.exists('#family-confirm'), 'family confirm page')
  await h.tap('#family-confirm')
  // Paid at the cashier, the result not in yet: the moment the app is closed.
  await h.waitFor(() => h.modals.length === 1 && storedFamilyOrder()?.state === 'paying' && storedFamilyOrder()?.lateConfirmAt !== undefined, 8000, 'paid, result awaited')
  const { familyOrderId } = storedFamilyOrder()
  expect(JSON.parse(String(h.storage.get(FAMILY_PENDING_KEY)))).toMatchObject({ familyOrderId })
  const closedAt = Date.now()

  const app = await coldRestart(h)
  // The backend's clock held at the moment of the reload until the result page has asked.
  const held = () => app.setClock(closedAt)
  held()
  await app.launch()
  await app.waitFor(() => (held(), app.exists('#family-pending')), 8000, 'home says a family payment is unfinished')
  expect(app.textOf('#family-pending')).toContain('有一笔家人合并缴费结果确认中')
  await app.tap('#family-pending')
  await app.waitFor(() => (held(), app.route() === 'packages/family/result' && app.exists('#family-refresh')), 8000, 'family result, being decided')
  expect(app.textOf('#outcome-title')).toBe('结果确认中')
  for (const id of ['p06', 'p11']) expect(app.textOf('#outcome-detail')).toContain(maskName(findPersonById(id)!.name))
  expect(app.textOf('#outcome-detail')).toContain('请勿重复缴费')

  // The result is in now; 刷新结果 asks the backend.
  app.setClock(closedAt + 10_000)
  await app.tap('#family-refresh')
  await app.waitFor(() => app.textOf('#outcome-title') === '缴费成功' && [0, 1, 2].every((i) => /电子税票号码：\S{6,}/.test(app.textOf(`#family-voucher-${i}`))), 8000, 'everyone 缴费成功')
  expect(app.textOf('#outcome-detail')).toBe('一次支付¥920.00，已为3人缴费')
  expect(app.modals).toHaveLength(0) // the cashier was never opened again
  expect(app.mock.inspect.familyOrders()).toEqual([expect.objectContaining({ familyOrderId, state: 'paid', attempts: 1 })])
  expect(app.storage.has(FAMILY_PENDING_KEY)).toBe(false)

  // Home again: nothing unfinished, everyone paid.
  await app.tap('#go-home')
  await app.waitFor(() => app.route() === 'pages/home/index' && rowsLoaded(app, 3) && [0, 1, 2].every((i) => app.textOf(`#board-row-${i}`).includes('已缴费')), 8000, 'home after the payment')
  expect(app.exists('#family-pending')).toBe(false)
  await app.reset()
})
