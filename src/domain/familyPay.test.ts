import type { FamilyOrderView, OrderView } from '../contract'
import { CAP_MESSAGE, type FamilyItem, familyResult, familySummary, firstTicks, leaveOut, savedTicks, tickedItems, toggleTick } from './familyPay'

const item = (key: string, amountFen = 40000): FamilyItem => ({
  key, who: `父母 ${key}`, payerRef: `pr_${key}`, maskedName: `${key}*`, maskedIdNumber: '510104********0012', isSelf: key === 'self',
  itemName: '城乡居民基本医疗保险', periodLabel: '2027年度', amountFen, selection: { kind: 'resident', coverageYear: 2027 },
})
const six = ['self', 'a', 'b', 'c', 'd', 'e'].map((k) => item(k))

describe('who is ticked', () => {
  it('everyone payable is ticked at first, in board order, and the total is theirs', () => {
    const ticks = firstTicks([item('self'), item('a', 12000), item('b')])
    expect(ticks).toEqual({ ticked: ['self', 'a', 'b'], capped: false })
    expect(tickedItems([item('self'), item('a', 12000), item('b')], ticks).totalFen).toBe(92000)
  })

  it('at most five: a sixth person is left unticked and the cap is said', () => {
    const ticks = firstTicks(six)
    expect(ticks.ticked).toEqual(['self', 'a', 'b', 'c', 'd'])
    expect(ticks.capped).toBe(true)
    expect(CAP_MESSAGE).toContain('最多为5人')
  })

  it('unticking takes a person out; ticking a sixth is refused with the cap, and the five stay', () => {
    let ticks = toggleTick(firstTicks(six), 'a')
    expect(ticks).toEqual({ ticked: ['self', 'b', 'c', 'd'], capped: false })
    ticks = toggleTick(ticks, 'e')
    expect(ticks).toEqual({ ticked: ['self', 'b', 'c', 'd', 'e'], capped: false })
    const refused = toggleTick(ticks, 'a')
    expect(refused).toEqual({ ticked: ['self', 'b', 'c', 'd', 'e'], capped: true })
    // The order keeps board order whatever the order of ticking.
    expect(tickedItems(six, ticks).items.map((i) => i.key)).toEqual(['self', 'b', 'c', 'd', 'e'])
  })

  it('a saved payment found again ticks its people only, those still payable, in board order', () => {
    const items = [item('self'), item('a'), item('b')]
    expect(savedTicks(items, ['pr_b', 'pr_self', 'pr_gone'])).toEqual({ ticked: ['self', 'b'], capped: false })
  })

  it('a person the backend refused is left out with the reason, the others stay ticked', () => {
    const items = [item('self'), item('a'), item('b')]
    const { ticks, leftOut } = leaveOut(items, firstTicks(items), 'pr_a', '该缴费人正在另一笔订单中支付')
    expect(ticks.ticked).toEqual(['self', 'b'])
    expect(leftOut).toEqual({ key: 'a', who: '父母 a', reason: '该缴费人正在另一笔订单中支付' })
    expect(leaveOut(items, firstTicks(items), 'pr_nobody', '…').leftOut).toBeUndefined()
  })
})

function orderItem(over: Partial<OrderView>): OrderView {
  return {
    orderId: 'OD1', state: 'paid', payer: { maskedName: '张*国', maskedIdNumber: '510104********0012', idType: 'resident_id', isSelf: true },
    payerRef: 'pr_self', kind: 'resident', itemName: '城乡居民基本医疗保险', periodLabel: '2027年度', periodStart: '2027-01-01', periodEnd: '2027-12-31',
    amountFen: 40000, subsidyFen: 0, taxAuthority: '国家税务总局成都市税务局', regionName: '成都市', coverStart: '2027-01-01',
    createdAt: 1, updatedAt: 1, paidAt: 1, moneyTaken: true, attempts: 1, familyOrderId: 'FO1', ...over,
  }
}
const family = (items: OrderView[]): FamilyOrderView => {
  const back = items.filter((i) => i.state === 'reversing' || i.state === 'refunded')
  return {
    familyOrderId: 'FO1', state: 'paid', amountFen: items.reduce((s, i) => s + i.amountFen, 0), items,
    refundFen: back.reduce((s, i) => s + i.amountFen, 0), createdAt: 1, updatedAt: 1, paidAt: 1, moneyTaken: false, attempts: 1,
  }
}

describe('what the paid order means for each person', () => {
  it('all booked: 缴费成功 for everyone, the whole amount', () => {
    const order = family([orderItem({}), orderItem({ orderId: 'OD2', state: 'settled', payer: { ...orderItem({}).payer, maskedName: '陈*兰' }, amountFen: 12000 })])
    expect(familyResult(order).covered.map((r) => r.item.orderId)).toEqual(['OD1', 'OD2'])
    expect(familyResult(order).covered[0].detail).toBe('2027年度已缴费，医保待遇自2027年1月1日起享受')
    expect(familySummary(order)).toEqual({
      title: '缴费成功', coveredFen: 52000, detail: '一次支付¥520.00，已为2人缴费', spoken: '缴费成功，一次支付520元，已为2人缴费',
    })
  })

  it('one booking refused: that person alone is named with their refund, the others stay covered', () => {
    const refused = orderItem({ orderId: 'OD3', state: 'reversing', payer: { ...orderItem({}).payer, maskedName: '欧阳**' }, amountFen: 38000 })
    const order = family([orderItem({}), refused])
    const result = familyResult(order)
    expect(result.covered.map((r) => r.item.orderId)).toEqual(['OD1'])
    expect(result.returned.map((r) => r.item.orderId)).toEqual(['OD3'])
    expect(result.returned[0].detail).toBe('税务入库未成功（待冲正），¥380.00将在1–2天内原路退回，无需任何操作')
    expect(familySummary(order).title).toBe('1人缴费成功')
    expect(familySummary(order).detail).toBe('一次支付¥780.00，已为1人缴费；欧阳**入库未成功，¥380.00原路退回')
    expect(familySummary(order).coveredFen).toBe(40000)
    expect(familyResult(family([orderItem({}), { ...refused, state: 'refunded' }])).returned[0].detail).toBe('税务入库未成功，¥380.00已原路退回')
  })

  it('an item still being booked is neither covered nor refunded yet', () => {
    const result = familyResult(family([orderItem({ state: 'paying' })]))
    expect(result.covered).toEqual([])
    expect(result.booking[0].detail).toBe('2027年度正在税务入库，结果稍后更新')
  })
})
