/**
 * Tier 2: home's family board on the compiled weapp build, for a family with mixed states: one
 * paid (李秀英, 已入库), one unpaid (陈桂兰, ¥120.00), one fully funded (何秀珍, 特困), and 本人
 * whose lookup fails once. Each row stands on its own, 重试 fixes the failed one, and a row leads
 * to 缴费成功 in four taps.
 */
import fs from 'node:fs'
import path from 'node:path'
import { bootApp, DIST, paySelfToResult, runUntil } from './harness'
import { saveFamily } from './savedFamily'

const h = bootApp()
// One launch first, so the mock's knobs exist before each test's own launch (faults set ahead).
beforeAll(async () => {
  await h.launch()
})
beforeEach(() => h.reset())

/** 23 November 2026, 10:00 Asia/Shanghai: the 2027 window runs to 28 February 2027 (98 days). */
const NOV_23 = Date.UTC(2026, 10, 23, 2)


const rowText = (i: number) => h.textOf(`#board-row-${i}`)
const rowsLoaded = (n: number) => Array.from({ length: n }, (_x, i) => i).every((i) => h.exists(`#board-row-${i}`) && !rowText(i).includes('查询中'))

test('a first-time user keeps today’s home: no board, nothing looked up', async () => {
  h.mock.faults.inject({ method: 'lookupPayer', kind: 'error' })
  h.mock.faults.inject({ method: 'listRecords', kind: 'error' })
  await h.launch()
  await h.waitFor('#entry-self')
  await runUntil(h, () => h.exists('#anti-fraud'), 'home')
  expect(h.exists('#board')).toBe(false)
  expect(h.mock.faults.pending()).toHaveLength(2) // no call was made to use them up
})

test('mixed family: each row its own state, one failed lookup hides nobody, 重试 fixes it, a row pays in 4 taps', async () => {
  h.setClock(NOV_23)
  saveFamily(h, ['p02', 'p15', 'p06'])
  // The first lookup the board makes (本人's) fails once.
  h.mock.faults.inject({ method: 'lookupPayer', kind: 'error' })
  await h.launch()
  // Home is there at once; the board fills in beside it.
  await h.waitFor('#entry-self')
  await runUntil(h, () => rowsLoaded(4), 'board rows')

  expect(rowText(0)).toContain('本人')
  expect(rowText(0)).toContain('查询失败')
  expect(h.exists('#board-retry-0')).toBe(true)
  expect(rowText(1)).toContain('李*英')
  expect(rowText(1)).toContain('已入库')
  expect(rowText(2)).toContain('何*珍')
  expect(rowText(2)).toContain('无需个人缴费')
  expect(rowText(2)).not.toContain('¥')
  expect(rowText(3)).toContain('陈*兰')
  expect(rowText(3)).toContain('未缴')
  expect(rowText(3)).toContain('应缴¥120.00')
  expect(rowText(3)).toContain('缴费期还剩98天；2027年2月28日后缴费，需等待3个月才能享受待遇')
  // The rest of home is all there.
  for (const id of ['#entry-self', '#entry-other', '#window', '#link-records']) expect(h.exists(id)).toBe(true)

  await h.tap('#board-retry-0')
  await runUntil(h, () => rowsLoaded(4) && !rowText(0).includes('查询失败'), 'self row after 重试')
  expect(rowText(0)).toContain('未缴')
  expect(rowText(0)).toContain('应缴¥400.00')
  expect(rowText(1)).toContain('已入库')

  // 陈桂兰's row → 下一步 → 确认缴费 → 确认支付 (the cashier): 缴费成功.
  const taps0 = h.taps
  const modals0 = h.modals.length
  await h.tap('#board-row-3')
  await runUntil(h, () => h.route() === 'pages/items/index' && h.exists('#next'), 'items page')
  expect(h.textOf('#total')).toContain('¥120.00')
  await h.tap('#next')
  await runUntil(h, () => h.route() === 'pages/confirm/index' && h.exists('#confirm-pay'), 'confirm page')
  await h.tap('#confirm-pay')
  await runUntil(h, () => h.route() === 'pages/result/index' && h.exists('#voucher-no'), 'result page')
  expect(h.textOf('#outcome-title')).toBe('缴费成功')
  expect(h.taps - taps0 + (h.modals.length - modals0)).toBe(4)

  // Back on home the board says so.
  await h.tap('#go-home')
  await runUntil(h, () => h.route() === 'pages/home/index' && rowsLoaded(4) && rowText(3).includes('已缴费'), 'home after paying')
  expect(rowText(3)).toContain('医保待遇自2027年1月1日起享受')
})

test('paying once makes the user a returning one: home then shows the board with 本人', async () => {
  h.setClock(NOV_23)
  await paySelfToResult(h)
  await h.tap('#go-home')
  await runUntil(h, () => h.route() === 'pages/home/index' && rowsLoaded(1), 'board on home')
  expect(rowText(0)).toContain('本人')
  expect(rowText(0)).toContain('已缴费')
  expect(h.exists('#board-row-1')).toBe(false)
})

test('the board’s code is in the backend subpackage, not the main package', () => {
  expect(fs.existsSync(path.join(DIST, 'packages/backend/board.js'))).toBe(true)
  const main = ['app.js', 'common.js', 'pages/home/index.js'].map((f) => fs.readFileSync(path.join(DIST, f), 'utf8')).join('\n')
  expect(main).not.toContain('需等待')
  expect(main).not.toContain('全家缴费一览')
})
