import fc from 'fast-check'
import { InsuranceHistory, residentCoverStart } from './coverage'
import {
  nextResidentWindow,
  coverageYearLabel,
  coverageYearRange,
  daysLeftInWindow,
  monthLabel,
  monthRange,
  openResidentWindow,
} from './periods'
import { isContiguousFromStart, olderArrearsNote, payableFlexibleMonths, payableResidentYears, unpublishedResidentYear } from './payable'
import { residentYearPolicy } from './policy'
import type { ProvinceCode } from './regions'
import { residentWindow } from './windows'
import { addDays, addMonthsToMonth, monthOfDate, monthsBetween } from './time'

const steady: InsuranceHistory = { continuousYears: 5, breakYears: 0 }
const years = (today: string, province: ProvinceCode, paidYears: number[] = [], history = steady, birthDate?: string) =>
  payableResidentYears({ today, province, paidYears, history, birthDate }).map((y) => [y.coverageYear, y.inWindow])

describe('resident windows', () => {
  it('2026-11-23 Sichuan: the 2027 window is open with 98 days left', () => {
    const w = openResidentWindow('2026-11-23', '51')!
    expect(w).toMatchObject({ coverageYear: 2027, start: '2026-09-01', end: '2027-02-28' })
    expect(daysLeftInWindow('2026-11-23', w)).toBe(98)
  })
  it('2026-11-23 Fujian: the 2027 window is open until 2026-12-31', () => {
    const w = openResidentWindow('2026-11-23', '35')!
    expect(w).toMatchObject({ coverageYear: 2027, end: '2026-12-31' })
    expect(daysLeftInWindow('2026-11-23', w)).toBe(39)
    expect(daysLeftInWindow('2026-12-31', w)).toBe(1)
    expect(daysLeftInWindow('2027-01-01', w)).toBe(0)
  })
  it('Sichuan in January and leap February: the current year’s window', () => {
    expect(openResidentWindow('2027-01-15', '51')?.coverageYear).toBe(2027)
    const leap = openResidentWindow('2028-02-29', '51')!
    expect(leap).toMatchObject({ coverageYear: 2028, end: '2028-02-29' })
    expect(daysLeftInWindow('2028-02-29', leap)).toBe(1)
    expect(openResidentWindow('2028-03-01', '51')).toBeUndefined()
  })
  it('no window between March and August (Sichuan) or January and August (Fujian)', () => {
    expect(openResidentWindow('2026-04-10', '51')).toBeUndefined()
    expect(openResidentWindow('2026-08-31', '51')).toBeUndefined()
    expect(openResidentWindow('2026-09-01', '51')?.coverageYear).toBe(2027)
    expect(openResidentWindow('2027-01-01', '35')).toBeUndefined()
  })
})

describe('payableResidentYears', () => {
  it('2026-11-23 Sichuan: 2027 in the window; 2026 too late to cover anything', () => {
    expect(years('2026-11-23', '51')).toEqual([[2027, true]])
    expect(years('2026-11-23', '51', [2027])).toEqual([])
  })
  it('2026-04-10 Sichuan: 2026 late with a waiting period to 2026-07-10; 2027 not yet open', () => {
    expect(years('2026-04-10', '51')).toEqual([[2026, false]])
    expect(residentCoverStart({ paymentDate: '2026-04-10', coverageYear: 2026, province: '51', history: steady }).date).toBe(
      '2026-07-10',
    )
  })
  it('late enrolment stops when cover would start after 31 December', () => {
    expect(years('2026-09-30', '51')).toEqual([
      [2026, false],
      [2027, true],
    ])
    expect(years('2026-10-01', '51')).toEqual([[2027, true]])
    const broken = { continuousYears: 0, breakYears: 3 } // 3 + 3 = 6 months
    expect(years('2026-06-30', '51', [], broken)).toEqual([[2026, false]])
    expect(years('2026-07-01', '51', [], broken)).toEqual([])
  })
  it('a newborn may still enrol late in the current year', () => {
    expect(years('2026-11-23', '51', [], steady, '2026-10-01')).toEqual([
      [2026, false],
      [2027, true],
    ])
  })
  it('Sichuan in February pays the current year inside the window', () => {
    expect(years('2027-02-10', '51')).toEqual([[2027, true]])
    expect(years('2027-02-10', '51', [2027])).toEqual([])
  })
  it('Fujian: January is already late for the current year', () => {
    expect(years('2026-01-15', '35')).toEqual([[2026, false]])
    expect(years('2026-09-01', '35')).toEqual([
      [2026, false],
      [2027, true],
    ])
  })
  it('only years with a policy', () => {
    expect(years('2023-10-01', '51')).toEqual([[2024, true]])
    expect(years('2027-11-01', '51')).toEqual([]) // 2028 has no policy yet
  })

  it('never includes a paid year, is ascending, and each entry is justified', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 6 }).map((n) => addDays('2023-01-01', n)),
        fc.constantFrom<ProvinceCode>('51', '35'),
        fc.subarray([2023, 2024, 2025, 2026, 2027, 2028]),
        fc.record({ continuousYears: fc.integer({ min: 0, max: 20 }), breakYears: fc.integer({ min: 0, max: 10 }) }),
        (today, province, paidYears, history) => {
          const result = payableResidentYears({ today, province, paidYears, history })
          const year = Number(today.slice(0, 4))
          for (let i = 0; i < result.length; i++) {
            const y = result[i]
            expect(paidYears).not.toContain(y.coverageYear)
            expect(residentYearPolicy(y.coverageYear)).toBeDefined()
            if (i > 0) expect(y.coverageYear).toBeGreaterThan(result[i - 1].coverageYear)
            expect(y.window).toEqual(residentWindow(province, y.coverageYear))
            const inside = today >= y.window.start && today <= y.window.end
            expect(y.inWindow).toBe(inside)
            if (!inside) {
              expect(y.coverageYear).toBe(year)
              const cover = residentCoverStart({ paymentDate: today, coverageYear: year, province, history })
              expect(cover.date <= `${year}-12-31`).toBe(true)
            }
          }
          const open = openResidentWindow(today, province)
          if (open && residentYearPolicy(open.coverageYear) && !paidYears.includes(open.coverageYear)) {
            expect(result.map((y) => y.coverageYear)).toContain(open.coverageYear)
          }
        },
      ),
      { numRuns: 1000 },
    )
  })
})

describe('payableFlexibleMonths', () => {
  const monthsFrom = (from: string, to: string) => {
    const out: string[] = []
    for (let m = from; m <= to; m = addMonthsToMonth(m, 1)) out.push(m)
    return out
  }
  it('an up-to-date payer owes only this month', () => {
    expect(
      payableFlexibleMonths({ today: '2026-11-23', paidMonths: monthsFrom('2024-01', '2026-10'), registeredFrom: '2024-01' }),
    ).toEqual(['2026-11'])
    expect(
      payableFlexibleMonths({ today: '2026-11-23', paidMonths: monthsFrom('2024-01', '2026-11'), registeredFrom: '2024-01' }),
    ).toEqual([])
  })
  it('arrears go back at most 3 months by default', () => {
    expect(
      payableFlexibleMonths({ today: '2026-11-23', paidMonths: monthsFrom('2024-01', '2026-07'), registeredFrom: '2024-01' }),
    ).toEqual(['2026-08', '2026-09', '2026-10', '2026-11'])
    expect(
      payableFlexibleMonths({ today: '2026-11-23', paidMonths: monthsFrom('2024-01', '2026-05'), registeredFrom: '2024-01' }),
    ).toEqual(['2026-08', '2026-09', '2026-10', '2026-11'])
    expect(
      payableFlexibleMonths({ today: '2026-11-23', paidMonths: [], registeredFrom: '2024-01', arrearsMonths: 0 }),
    ).toEqual(['2026-11'])
  })
  it('starts at registration and across year ends', () => {
    expect(payableFlexibleMonths({ today: '2026-11-23', paidMonths: [], registeredFrom: '2026-10' })).toEqual(['2026-10', '2026-11'])
    expect(payableFlexibleMonths({ today: '2027-01-05', paidMonths: [], registeredFrom: '2020-01' })).toEqual([
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
    ])
    expect(payableFlexibleMonths({ today: '2026-11-23', paidMonths: [], registeredFrom: '2027-01' })).toEqual([])
  })
  it('a paid month in between leaves a gap', () => {
    const payable = payableFlexibleMonths({
      today: '2026-11-23',
      paidMonths: [...monthsFrom('2026-01', '2026-08'), '2026-10'],
      registeredFrom: '2026-01',
    })
    expect(payable).toEqual(['2026-09', '2026-11'])
    expect(isContiguousFromStart(['2026-09'], payable)).toBe(true)
    expect(isContiguousFromStart(['2026-09', '2026-11'], payable)).toBe(true)
    expect(isContiguousFromStart(['2026-11'], payable)).toBe(false)
  })
  it('rejects bad input', () => {
    expect(() => payableFlexibleMonths({ today: '2026-11-23', paidMonths: [], registeredFrom: '2026-13' })).toThrow(RangeError)
    expect(() => payableFlexibleMonths({ today: '2026-11-23', paidMonths: [], registeredFrom: '2026-01', arrearsMonths: -1 })).toThrow(
      RangeError,
    )
  })

  it('is ascending, unpaid, within limits, and holds every unpaid month from its first to now', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 4 }).map((n) => addDays('2024-01-01', n)),
        fc.integer({ min: -30, max: 2 }),
        fc.array(fc.integer({ min: -30, max: 2 }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 12 }),
        (today, regOffset, paidOffsets, arrearsMonths) => {
          const current = monthOfDate(today)
          const registeredFrom = addMonthsToMonth(current, regOffset)
          const paidMonths = paidOffsets.map((o) => addMonthsToMonth(current, o))
          const result = payableFlexibleMonths({ today, paidMonths, registeredFrom, arrearsMonths })
          for (let i = 0; i < result.length; i++) {
            const m = result[i]
            expect(paidMonths).not.toContain(m)
            expect(m >= registeredFrom && m <= current).toBe(true)
            expect(monthsBetween(m, current)).toBeLessThanOrEqual(arrearsMonths)
            if (i > 0) expect(m > result[i - 1]).toBe(true)
          }
          if (result.length > 0) {
            const expected = monthsFrom(result[0], current).filter((m) => !paidMonths.includes(m))
            expect(result).toEqual(expected)
            expect(isContiguousFromStart(result.slice(0, 1), result)).toBe(true)
            expect(isContiguousFromStart(result, result)).toBe(true)
          } else {
            expect(paidMonths.includes(current) || registeredFrom > current).toBe(true)
          }
        },
      ),
      { numRuns: 1000 },
    )
  })
})

describe('isContiguousFromStart', () => {
  const payable = ['2026-08', '2026-09', '2026-10', '2026-11']
  it('accepts prefixes in any tick order', () => {
    expect(isContiguousFromStart(['2026-08'], payable)).toBe(true)
    expect(isContiguousFromStart(['2026-09', '2026-08'], payable)).toBe(true)
    expect(isContiguousFromStart(payable, payable)).toBe(true)
  })
  it('rejects empty, gaps, late starts, duplicates and strangers', () => {
    expect(isContiguousFromStart([], payable)).toBe(false)
    expect(isContiguousFromStart(['2026-09'], payable)).toBe(false)
    expect(isContiguousFromStart(['2026-08', '2026-10'], payable)).toBe(false)
    expect(isContiguousFromStart(['2026-08', '2026-08'], payable)).toBe(false)
    expect(isContiguousFromStart(['2026-07', '2026-08'], payable)).toBe(false)
    expect(isContiguousFromStart([...payable, '2026-12'], payable)).toBe(false)
  })
})

describe('labels and ranges', () => {
  it('formats', () => {
    expect(monthLabel('2026-11')).toBe('2026年11月')
    expect(monthLabel('2027-01')).toBe('2027年1月')
    expect(coverageYearLabel(2027)).toBe('2027年度')
    expect(coverageYearRange(2027)).toEqual({ start: '2027-01-01', end: '2027-12-31' })
    expect(monthRange('2026-11')).toEqual({ start: '2026-11-01', end: '2026-11-30' })
    expect(monthRange('2026-02')).toEqual({ start: '2026-02-01', end: '2026-02-28' })
    expect(monthRange('2028-02')).toEqual({ start: '2028-02-01', end: '2028-02-29' })
  })
})

describe('nextResidentWindow', () => {
  it('is the window that opens next, never one already open', () => {
    expect(nextResidentWindow('2026-11-23', '51')).toMatchObject({ coverageYear: 2028, start: '2027-09-01' })
    expect(nextResidentWindow('2026-08-31', '35')).toMatchObject({ coverageYear: 2027, start: '2026-09-01' })
    expect(nextResidentWindow('2026-09-01', '35')).toMatchObject({ coverageYear: 2028, start: '2027-09-01' })
  })
})

describe('older arrears and unpublished years', () => {
  it('names the unpaid months beyond the arrears limit and where to go', () => {
    const input = { today: '2026-12-01', paidMonths: [] as string[], registeredFrom: '2026-05' }
    expect(payableFlexibleMonths(input)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12'])
    expect(olderArrearsNote(input)).toBe('2026年5月至2026年8月共4个月欠费超出线上补缴期限（近3个月），未在此列出。更早的欠费请到医保经办机构办理')
    expect(olderArrearsNote({ ...input, registeredFrom: '2026-08' })).toMatch(/^2026年8月共1个月/)
    expect(olderArrearsNote({ ...input, registeredFrom: '2026-09' })).toBeUndefined()
  })
  it('property: payable months and the older ones named together cover every unpaid month since registration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 6 }), fc.array(fc.integer({ min: 0, max: 60 })), (back, arrearsMonths, paidOffsets) => {
        const today = '2026-12-15'
        const registeredFrom = addMonthsToMonth('2026-12', -back)
        const paidMonths = paidOffsets.map((n) => addMonthsToMonth('2026-12', -n))
        const payable = payableFlexibleMonths({ today, paidMonths, registeredFrom, arrearsMonths })
        const note = olderArrearsNote({ today, paidMonths, registeredFrom, arrearsMonths })
        const count = note ? Number(/共(\d+)个月/.exec(note)![1]) : 0
        const earliestUnpaid = [...Array(back + 1).keys()].map((i) => addMonthsToMonth(registeredFrom, i)).find((m) => !paidMonths.includes(m))
        const unpaidFromEarliest = earliestUnpaid
          ? [...Array(monthsBetween(earliestUnpaid, '2026-12') + 1).keys()].map((i) => addMonthsToMonth(earliestUnpaid, i)).filter((m) => !paidMonths.includes(m)).length
          : 0
        expect(payable.length + count).toBe(unpaidFromEarliest)
      }),
    )
  })
  it('a window open for a year without a published standard is named', () => {
    expect(unpublishedResidentYear('2027-10-01', '51')).toBe(2028)
    expect(unpublishedResidentYear('2026-10-01', '51')).toBeUndefined()
    expect(unpublishedResidentYear('2027-06-01', '51')).toBeUndefined()
  })
})
