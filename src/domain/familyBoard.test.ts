import type { DueItemsResponse, OrderView, ResidentDueYear } from '../contract'
import { type Answer, answeredRow, boardRow, boardYear, spokenBoardRow, windowDeadline } from './familyBoard'

const payer = {
  payerRef: 'pr_abcdef',
  maskedName: '张*国',
  maskedIdNumber: '510104********0012',
  idType: 'resident_id' as const,
  region: { code: '510100', name: '成都市', taxAuthority: '国家税务总局成都市税务局' },
  kind: 'resident' as const,
  isSelf: true,
}

const year2027: ResidentDueYear = {
  coverageYear: 2027, label: '2027年度', standardFen: 40000, subsidyFen: 0, payableFen: 40000, inWindow: true,
  windowStart: '2026-09-01', windowEnd: '2027-02-28', coverStart: '2027-01-01', coverReason: 'in_window',
}
const due = (years: ResidentDueYear[]): Answer<DueItemsResponse> => ({ ok: true, data: { payer, itemName: '城乡居民基本医疗保险', resident: { years } } })
const failed = (code: 'ALREADY_PAID' | 'EMPLOYEE_COVERED' | 'NOTHING_DUE' | 'TIMEOUT' | 'SERVER', message = '…'): Answer<DueItemsResponse> => ({ ok: false, code, message })

function order(over: Partial<OrderView>): OrderView {
  return {
    orderId: 'OD1', state: 'paid', payer: { maskedName: '张*国', maskedIdNumber: '510104********0012', idType: 'resident_id', isSelf: true },
    payerRef: 'pr_abcdef', kind: 'resident', itemName: '城乡居民基本医疗保险', periodLabel: '2027年度', periodStart: '2027-01-01', periodEnd: '2027-12-31',
    amountFen: 40000, subsidyFen: 0, taxAuthority: '国家税务总局成都市税务局', regionName: '成都市', coverStart: '2027-01-01',
    createdAt: 1, updatedAt: 1, paidAt: 1, moneyTaken: true, attempts: 1, ...over,
  }
}

const today = '2026-12-01'

describe('the board year', () => {
  it('is the coverage year whose window is open, else the calendar year', () => {
    expect(boardYear('2026-12-01', '51')).toBe(2027)
    expect(boardYear('2027-02-28', '51')).toBe(2027)
    expect(boardYear('2027-01-15', '35')).toBe(2027) // Fujian's window closed at the end of December
    expect(boardYear('2026-06-01', '51')).toBe(2026)
  })
})

describe('a person’s row', () => {
  it('unpaid in the window: the amount, the days left and the wait that missing it costs', () => {
    const r = boardRow({ today, province: '51', due: due([year2027]), records: [] })
    expect(r).toMatchObject({ status: 'unpaid', label: '未缴', amountFen: 40000, coverageYear: 2027 })
    expect(r.detail).toBe('2027年度 · 应缴¥400.00')
    // 1 Dec to 28 Feb inclusive is 90 days; after it the fixed 3-month wait of 国办发〔2024〕38号.
    expect(r.deadline).toBe('缴费期还剩90天；2027年2月28日后缴费，需等待3个月才能享受待遇')
    expect(spokenBoardRow('父母 陈*兰', r)).toBe('父母 陈*兰，未缴，2027年度，应缴400元，缴费期还剩90天；2027年2月28日后缴费，需等待3个月才能享受待遇')
  })

  it('the wait in the deadline comes from the coverage rules, and the days count down to the last day', () => {
    expect(windowDeadline('2027-02-28', '51', year2027)).toBe('缴费期还剩1天；2027年2月28日后缴费，需等待3个月才能享受待遇')
  })

  it('an unpaid row carries what paying it orders; other rows order nothing', () => {
    expect(boardRow({ today, province: '51', due: due([year2027]), records: [] }).selection).toEqual({ kind: 'resident', coverageYear: 2027 })
    const funded = { ...year2027, subsidyFen: 40000, payableFen: 0, coverReason: 'exempt' as const }
    expect(boardRow({ today, province: '51', due: due([funded]), records: [] }).selection).toBeUndefined()
    expect(boardRow({ today, province: '51', due: due([year2027]), records: [order({ state: 'paid' })] }).selection).toBeUndefined()
  })

  it('a payment of the year running (another order, another 全部缴纳): 支付中, never offered to pay beside it', () => {
    const r = boardRow({ today, province: '51', due: due([year2027]), records: [order({ state: 'paying', paidAt: undefined })] })
    expect(r).toMatchObject({ status: 'paying', label: '支付中', detail: '2027年度 · ¥400.00正在另一笔订单中支付，请稍后查看结果' })
    expect(r.selection).toBeUndefined()
    // An attempt abandoned (back to 待支付) does not hold the row: it can be paid again.
    expect(boardRow({ today, province: '51', due: due([year2027]), records: [order({ state: 'pending', paidAt: undefined })] }).status).toBe('unpaid')
  })

  it('someone already waiting (a break) is told when cover starts, not a window cost they pay anyway', () => {
    const waiting = { ...year2027, coverStart: '2027-06-01', coverReason: 'waiting_period' as const, coverNote: '断保2年：固定等待期3个月 + 变动等待期2个月' }
    const r = boardRow({ today, province: '51', due: due([waiting]), records: [] })
    expect(r.status).toBe('unpaid')
    expect(r.deadline).toBeUndefined()
    expect(r.detail).toBe('2027年度 · 应缴¥400.00 · 2027年6月1日起享受待遇')
  })

  it('fully funded (特困): 无需个人缴费, no amount, no deadline', () => {
    const funded = { ...year2027, subsidyFen: 40000, payableFen: 0, coverReason: 'exempt' as const }
    const r = boardRow({ today, province: '51', due: due([funded]), records: [] })
    expect(r).toMatchObject({ status: 'funded', label: '无需个人缴费', detail: '2027年度 · 由政府全额资助，无需个人缴费' })
    expect(r.amountFen).toBeUndefined()
    expect(r.deadline).toBeUndefined()
  })

  it('a paid order of the year wins over a due list that still lags: 已缴费, then 已入库', () => {
    expect(boardRow({ today, province: '51', due: due([year2027]), records: [order({ state: 'paid' })] })).toMatchObject({
      status: 'paid', label: '已缴费', detail: '2027年度 · 医保待遇自2027年1月1日起享受',
    })
    expect(boardRow({ today, province: '51', due: failed('ALREADY_PAID'), records: [order({ state: 'settled' })] }).label).toBe('已入库')
  })

  it('orders of another year, or not paid, do not count as paid', () => {
    const records = [order({ periodStart: '2026-01-01', periodLabel: '2026年度', state: 'settled' }), order({ orderId: 'OD2', state: 'reversing' })]
    expect(boardRow({ today, province: '51', due: due([year2027]), records }).status).toBe('unpaid')
  })

  it('already paid with no record here (another channel): 已缴费 for the year', () => {
    expect(boardRow({ today, province: '51', due: failed('ALREADY_PAID'), records: [] })).toMatchObject({ status: 'paid', detail: '2027年度已缴费' })
  })

  it('employee cover, nothing due and a failed query each read as themselves', () => {
    expect(boardRow({ today, province: '51', due: failed('EMPLOYEE_COVERED'), records: [] }).label).toBe('已参加职工医保')
    expect(boardRow({ today, province: '51', due: failed('NOTHING_DUE', '无应缴信息'), records: [] })).toMatchObject({ status: 'no_due', detail: '无应缴信息' })
    for (const code of ['TIMEOUT', 'SERVER'] as const) expect(boardRow({ today, province: '51', due: failed(code), records: [] }).label).toBe('查询失败')
    expect(answeredRow('NETWORK', '')).toMatchObject({ status: 'failed', detail: '暂时无法查询，请稍后重试' })
  })

  it('flexible: the unpaid months at the default 档次, and a paid month of today counts as paid', () => {
    const flexible: Answer<DueItemsResponse> = {
      ok: true,
      data: {
        payer: { ...payer, kind: 'flexible' }, itemName: '灵活就业人员基本医疗保险',
        flexible: {
          months: ['2026-10', '2026-11', '2026-12'].map((m) => ({ month: m, label: m })),
          tiers: [{ code: 't60', label: '60%档', baseFen: 469900, monthlyFen: 46990 }, { code: 't100', label: '100%档', baseFen: 783100, monthlyFen: 78310 }],
          defaultTierCode: 't60', coverStart: '2027-01-01', coverReason: 'next_month',
        },
      },
    }
    expect(boardRow({ today, province: '51', due: flexible, records: [] })).toMatchObject({
      status: 'unpaid', amountFen: 140970, detail: '灵活就业 · 3个月 · 按60%档应缴¥1,409.70',
      // 全部缴纳 orders exactly what the row costs.
      selection: { kind: 'flexible', months: ['2026-10', '2026-11', '2026-12'], tierCode: 't60' },
    })
    const month = order({ kind: 'flexible', periodStart: '2026-12-01', periodEnd: '2026-12-31', periodLabel: '2026年12月' })
    expect(boardRow({ today, province: '51', due: failed('NOTHING_DUE'), records: [month] }).status).toBe('paid')
  })
})
