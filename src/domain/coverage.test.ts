import fc from 'fast-check'
import { InsuranceHistory, flexibleCoverStart, residentCoverStart, waitingPeriodMonths } from './coverage'
import { ProvinceCode } from './policy'
import { addDays, addMonths, maxIso } from './time'

const steady: InsuranceHistory = { continuousYears: 5, breakYears: 0 }

describe('waitingPeriodMonths (国办发〔2024〕38号)', () => {
  it.each([
    [{ continuousYears: 0, breakYears: 0 }, 3],
    [{ continuousYears: 0, breakYears: 1 }, 3],
    [{ continuousYears: 0, breakYears: 2 }, 4],
    [{ continuousYears: 0, breakYears: 5 }, 7],
    [{ continuousYears: 4, breakYears: 3 }, 5],
    [{ continuousYears: 6, breakYears: 5 }, 5],
    [{ continuousYears: 10, breakYears: 2 }, 3],
    [{ continuousYears: 20, breakYears: 0 }, 3],
  ])('%o → %d months', (history, months) => {
    expect(waitingPeriodMonths(history)).toBe(months)
  })
  it('rejects negative or fractional history', () => {
    expect(() => waitingPeriodMonths({ continuousYears: -1, breakYears: 0 })).toThrow(RangeError)
    expect(() => waitingPeriodMonths({ continuousYears: 1, breakYears: 0.5 })).toThrow(RangeError)
  })
})

describe('residentCoverStart', () => {
  const base = { province: '51' as ProvinceCode, history: steady }
  it('in the window: from 1 January, even when paying in February', () => {
    expect(residentCoverStart({ ...base, paymentDate: '2026-11-23', coverageYear: 2027 })).toEqual({
      date: '2027-01-01',
      reason: 'in_window',
      waitingMonths: 0,
    })
    expect(residentCoverStart({ ...base, paymentDate: '2027-02-28', coverageYear: 2027 }).date).toBe('2027-01-01')
    expect(residentCoverStart({ ...base, paymentDate: '2028-02-29', coverageYear: 2028 }).reason).toBe('in_window')
  })
  it('after the Sichuan window: 3-month wait', () => {
    expect(residentCoverStart({ ...base, paymentDate: '2026-04-10', coverageYear: 2026 })).toEqual({
      date: '2026-07-10',
      reason: 'waiting_period',
      waitingMonths: 3,
    })
    expect(residentCoverStart({ ...base, paymentDate: '2027-03-01', coverageYear: 2027 }).date).toBe('2027-06-01')
  })
  it('Fujian window ends in December', () => {
    const fj = { province: '35' as ProvinceCode, history: steady }
    expect(residentCoverStart({ ...fj, paymentDate: '2026-12-31', coverageYear: 2027 }).reason).toBe('in_window')
    expect(residentCoverStart({ ...fj, paymentDate: '2027-01-05', coverageYear: 2027 })).toEqual({
      date: '2027-04-05',
      reason: 'waiting_period',
      waitingMonths: 3,
    })
  })
  it('a break means a wait even inside the window, longer for longer breaks', () => {
    expect(
      residentCoverStart({ ...base, history: { continuousYears: 0, breakYears: 1 }, paymentDate: '2026-11-23', coverageYear: 2027 }),
    ).toEqual({ date: '2027-02-23', reason: 'waiting_period', waitingMonths: 3 })
    expect(
      residentCoverStart({ ...base, history: { continuousYears: 0, breakYears: 3 }, paymentDate: '2026-11-23', coverageYear: 2027 }),
    ).toEqual({ date: '2027-04-23', reason: 'waiting_period', waitingMonths: 5 })
    // Early in the window the wait ends before 1 January: cover still starts 1 January.
    expect(
      residentCoverStart({ ...base, history: { continuousYears: 0, breakYears: 1 }, paymentDate: '2026-09-15', coverageYear: 2027 }).date,
    ).toBe('2027-01-01')
  })
  it('clamps month ends', () => {
    expect(residentCoverStart({ ...base, paymentDate: '2026-11-30', coverageYear: 2026 }).date).toBe('2027-02-28')
  })
  it('newborns within 90 days are covered from birth', () => {
    expect(residentCoverStart({ ...base, paymentDate: '2026-11-23', coverageYear: 2026, birthDate: '2026-10-01' })).toEqual({
      date: '2026-10-01',
      reason: 'newborn',
      waitingMonths: 0,
    })
    // Paying the next year for a newborn: from 1 January of that year.
    expect(residentCoverStart({ ...base, paymentDate: '2026-11-23', coverageYear: 2027, birthDate: '2026-10-01' })).toMatchObject({
      date: '2027-01-01',
      reason: 'newborn',
    })
    // Day 90 counts, day 91 does not.
    expect(
      residentCoverStart({ ...base, paymentDate: '2026-11-23', coverageYear: 2026, birthDate: addDays('2026-11-23', -90) }).reason,
    ).toBe('newborn')
    expect(
      residentCoverStart({ ...base, paymentDate: '2026-11-23', coverageYear: 2026, birthDate: addDays('2026-11-23', -91) }),
    ).toMatchObject({ reason: 'waiting_period', date: '2027-02-23' })
    // Born after the coverage year, or after the payment: not a newborn case.
    expect(residentCoverStart({ ...base, paymentDate: '2026-11-23', coverageYear: 2025, birthDate: '2026-10-01' }).reason).toBe(
      'waiting_period',
    )
    expect(residentCoverStart({ ...base, paymentDate: '2026-11-23', coverageYear: 2027, birthDate: '2026-12-01' }).reason).toBe(
      'in_window',
    )
  })
  it('rejects invalid dates', () => {
    expect(() => residentCoverStart({ ...base, paymentDate: '2026-02-30', coverageYear: 2026 })).toThrow(RangeError)
    expect(() => residentCoverStart({ ...base, paymentDate: '2026-02-10', coverageYear: 2026, birthDate: 'x' })).toThrow(RangeError)
  })

  const dateArb = fc
    .integer({ min: 0, max: 365 * 6 })
    .map((n) => addDays('2023-01-01', n))
  const historyArb = fc.record({ continuousYears: fc.integer({ min: 0, max: 30 }), breakYears: fc.integer({ min: 0, max: 15 }) })

  it('never starts before 1 January of the coverage year nor later than 3 + breakYears months after payment', () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.integer({ min: -1, max: 1 }),
        fc.constantFrom<ProvinceCode>('51', '35'),
        historyArb,
        fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
        (paymentDate, yearOffset, province, history, ageDays) => {
          const coverageYear = Number(paymentDate.slice(0, 4)) + yearOffset
          const birthDate = ageDays === undefined ? undefined : addDays(paymentDate, -ageDays)
          const r = residentCoverStart({ paymentDate, coverageYear, province, history, birthDate })
          const yearStart = `${coverageYear}-01-01`
          expect(r.date >= yearStart).toBe(true)
          expect(r.date <= maxIso(yearStart, addMonths(paymentDate, 3 + history.breakYears))).toBe(true)
          if (r.reason === 'in_window') expect(r.date).toBe(yearStart)
          if (r.reason === 'waiting_period') expect(r.waitingMonths).toBe(waitingPeriodMonths(history))
          if (r.reason === 'newborn') expect(r.date <= maxIso(yearStart, paymentDate)).toBe(true)
        },
      ),
      { numRuns: 1000 },
    )
  })
})

describe('flexibleCoverStart', () => {
  it('continuous payers: from the first day of the next month', () => {
    expect(flexibleCoverStart({ paymentDate: '2026-11-23', history: steady })).toEqual({
      date: '2026-12-01',
      reason: 'next_month',
      waitingMonths: 0,
    })
    expect(flexibleCoverStart({ paymentDate: '2026-12-31', history: steady }).date).toBe('2027-01-01')
    expect(flexibleCoverStart({ paymentDate: '2028-02-29', history: steady }).date).toBe('2028-03-01')
  })
  it('after a break: the waiting period', () => {
    expect(flexibleCoverStart({ paymentDate: '2026-11-23', history: { continuousYears: 0, breakYears: 2 } })).toEqual({
      date: '2027-03-23',
      reason: 'waiting_period',
      waitingMonths: 4,
    })
  })
})
