import type { DueItemsResponse } from '../contract'
import { BackendError, ERROR_CODES } from '../contract'
import { adviceFor, adviceForError } from './advice'
import { shareAdviceFor } from '../packages/share/shareAdvice'
import { defaultSelection, monthsThrough, summarise } from './selection'

const payer = {
  payerRef: 'pr_abcdef',
  maskedName: '王*',
  maskedIdNumber: '510107********0031',
  idType: 'resident_id' as const,
  region: { code: '510100', name: '成都市', taxAuthority: '国家税务总局成都市税务局' },
  kind: 'flexible' as const,
  isSelf: false,
}

const flexibleDue: DueItemsResponse = {
  payer,
  itemName: '灵活就业人员基本医疗保险',
  flexible: {
    months: [
      { month: '2026-09', label: '2026年9月' },
      { month: '2026-10', label: '2026年10月' },
      { month: '2026-11', label: '2026年11月' },
    ],
    tiers: [
      { code: 'p60', label: '60%档', baseFen: 300000, monthlyFen: 24000 },
      { code: 'p100', label: '100%档', baseFen: 500000, monthlyFen: 40000 },
    ],
    defaultTierCode: 'p60',
    coverStart: '2026-12-01',
    coverReason: 'next_month',
  },
}

const residentDue: DueItemsResponse = {
  payer: { ...payer, kind: 'resident' },
  itemName: '城乡居民基本医疗保险',
  resident: {
    years: [
      { coverageYear: 2026, label: '2026年度', standardFen: 40000, subsidyFen: 0, payableFen: 40000, inWindow: false, windowStart: '2025-09-01', windowEnd: '2026-02-28', coverStart: '2027-02-23', coverReason: 'waiting_period' },
      { coverageYear: 2027, label: '2027年度', standardFen: 40000, subsidyFen: 30000, payableFen: 10000, inWindow: true, windowStart: '2026-09-01', windowEnd: '2027-02-28', coverStart: '2027-01-01', coverReason: 'in_window' },
    ],
  },
}

describe('selection', () => {
  it('defaults to the in-window year, or to the earliest unpaid month at the default 档次', () => {
    expect(defaultSelection(residentDue)).toEqual({ kind: 'resident', coverageYear: 2027 })
    expect(defaultSelection(flexibleDue)).toEqual({ kind: 'flexible', months: ['2026-09'], tierCode: 'p60' })
  })

  it('picking a month takes every earlier unpaid month with it (contiguous from the earliest)', () => {
    expect(monthsThrough(flexibleDue, '2026-10')).toEqual(['2026-09', '2026-10'])
    expect(monthsThrough(flexibleDue, '2025-01')).toEqual([])
  })

  it('sums the backend-quoted monthly amount and shows the subsidy of a subsidised year', () => {
    const flex = summarise(flexibleDue, { kind: 'flexible', months: ['2026-09', '2026-10'], tierCode: 'p100' })
    expect(flex).toMatchObject({ totalFen: 80000, tierLabel: '100%档', periodLabel: '2026年9月至2026年10月（共2个月）', coverStart: '2026-12-01' })
    expect(summarise(residentDue, { kind: 'resident', coverageYear: 2027 })).toMatchObject({ totalFen: 10000, subsidyFen: 30000, standardFen: 40000 })
  })

  it('a selection the due items do not offer sums to nothing, so 下一步 stays disabled', () => {
    expect(summarise(residentDue, { kind: 'resident', coverageYear: 2030 })).toBeUndefined()
    expect(summarise(flexibleDue, { kind: 'flexible', months: ['2026-09'], tierCode: 'p999' })).toBeUndefined()
    expect(summarise(flexibleDue, undefined)).toBeUndefined()
  })
})

describe('advice', () => {
  it('every backend error has its own Chinese explanation and a next step', () => {
    const titles = new Set<string>()
    for (const code of ERROR_CODES) {
      const advice = shareAdviceFor(code)
      expect(advice.title).toMatch(/[\u4e00-\u9fff]/)
      expect(advice.detail.length).toBeGreaterThan(10)
      expect(advice.actionLabel).toMatch(/[\u4e00-\u9fff]/)
      titles.add(advice.title)
    }
    expect(titles.size).toBe(ERROR_CODES.length)
  })

  it('a failed debit says the money comes back by itself', () => {
    expect(adviceFor('PAYMENT_LOCKED').detail).toMatch(/原路退回.*无需操作/)
  })

  it('a thrown BackendError is explained by its code; anything else as 服务繁忙', () => {
    expect(adviceForError(new BackendError({ code: 'ALREADY_PAID', message: 'x' }))).toEqual(adviceFor('ALREADY_PAID'))
    expect(adviceForError(new TypeError('boom'))).toEqual(adviceFor('SERVER'))
  })

  it('an unknown code still gets a retry, never a blank', () => {
    expect(adviceFor('SOMETHING_NEW')).toMatchObject({ action: 'retry' })
  })
})
