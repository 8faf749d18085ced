/**
 * @jest-environment jsdom
 *
 * The board's rows against the embedded mock: each person's own calls, one failing without
 * touching the others, and the hook filling rows in and asking one person again on 重试.
 */
import { act, createElement } from 'react'
import { createRoot } from 'react-dom/client'
import { harness } from '../../tests/unit/mock/harness'
import { payerRefOf } from '../services/mock/people'
import { findPersonById } from '../services/mock/registry'
import { type BoardPerson, loadBoardRow, useFamilyBoard } from './familyBoard'

const refOf = (id: string) => payerRefOf(findPersonById(id)!)
const family: BoardPerson[] = [
  { key: 'self', who: '本人', lookup: { mode: 'self' } },
  { key: 'p02', who: '父母 李*英', lookup: { mode: 'ref', payerRef: refOf('p02') } },
  { key: 'p15', who: '父母 何*珍', lookup: { mode: 'ref', payerRef: refOf('p15') } },
  { key: 'p05', who: '配偶 刘*', lookup: { mode: 'ref', payerRef: refOf('p05') } },
]

describe('loadBoardRow on the mock (2026-11-23, the 2027 window open)', () => {
  it('gives each person their standing for 2027', async () => {
    const h = harness()
    const rows = await Promise.all(family.map((p) => loadBoardRow(h.backend, p.lookup, h.clock.now)))
    expect(rows.map((r) => r.label)).toEqual(['未缴', '已入库', '无需个人缴费', '已参加职工医保'])
    expect(rows[0]).toMatchObject({ amountFen: 40000, deadline: '缴费期还剩98天；2027年2月28日后缴费，需等待3个月才能享受待遇' })
  })

  it('a paid order shows at once as 已缴费, and as 已入库 once the tax side has booked it', async () => {
    const h = harness({ delays: { settleMs: 60_000 } })
    const { order } = await h.residentOrder('p01')
    const start = await h.backend.startPayment({ orderId: order.orderId })
    await h.mock.cashier.complete(start.attemptId, 'pay')
    expect((await loadBoardRow(h.backend, { mode: 'self' }, h.clock.now)).label).toBe('已缴费')
    h.advance(61_000)
    expect((await loadBoardRow(h.backend, { mode: 'self' }, h.clock.now)).label).toBe('已入库')
  })

  it('a failed call is that person’s 查询失败 only', async () => {
    const h = harness()
    h.mock.faults.inject({ method: 'listRecords', kind: 'timeout' })
    const [self, mother] = await Promise.all(family.slice(0, 2).map((p) => loadBoardRow(h.backend, p.lookup, h.clock.now)))
    expect(self.label).toBe('查询失败')
    expect(mother.label).toBe('已入库')
  })
})

describe('useFamilyBoard', () => {
  ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

  function mount(h: ReturnType<typeof harness>, people: BoardPerson[]) {
    const seen: { current?: ReturnType<typeof useFamilyBoard> } = {}
    function Probe() {
      seen.current = useFamilyBoard(people, h.backend, () => h.clock.now)
      return null
    }
    const root = createRoot(document.createElement('div'))
    act(() => root.render(createElement(Probe)))
    return { board: () => seen.current!, unmount: () => act(() => root.unmount()) }
  }
  const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 20)))

  it('shows every person as loading, fills each row in, and 重试 asks only the failed one again', async () => {
    const h = harness()
    // The first lookup (本人) fails once.
    h.mock.faults.inject({ method: 'lookupPayer', kind: 'error' })
    const view = mount(h, family)
    expect(view.board().entries.map((e) => e.row)).toEqual([undefined, undefined, undefined, undefined])
    await settle()
    expect(view.board().entries.map((e) => e.row?.label)).toEqual(['查询失败', '已入库', '无需个人缴费', '已参加职工医保'])

    const before = h.mock.inspect.orders().length
    act(() => view.board().retry('self'))
    expect(view.board().entries[0].row).toBeUndefined()
    await settle()
    expect(view.board().entries.map((e) => e.row?.label)).toEqual(['未缴', '已入库', '无需个人缴费', '已参加职工医保'])
    expect(h.mock.inspect.orders()).toHaveLength(before) // looking never creates an order
    view.unmount()
  })

  it('reload keeps the rows shown until the new answers arrive', async () => {
    const h = harness()
    const view = mount(h, family.slice(0, 2))
    await settle()
    act(() => view.board().reload())
    expect(view.board().entries.map((e) => e.row?.label)).toEqual(['未缴', '已入库'])
    await settle()
    expect(view.board().entries.map((e) => e.row?.label)).toEqual(['未缴', '已入库'])
    view.unmount()
  })
})
