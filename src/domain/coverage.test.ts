import fc from 'fast-check'
import { InsuranceHistory, flexibleCoverStart, residentCoverStart, waitingPeriod, waitingPeriodMonths } from './coverage'
import type { ProvinceCode } from './regions'
import { addDays, addMonths, maxIso } from './time'

const steady: InsuranceHistory = { continuousYears: 5, breakYears: 0 }

describe('waitingPeriod (国办发〔2024〕38号)', () => {
  it.each([
    [{ continuousYears: 0, breakYears: 0 }, 3, '未在集中缴费期参保：固定等待期3个月'],
    [{ continuousYears: 0, breakYears: 1 }, 4, '断保1年：固定等待期3个月 + 变动等待期1个月'],
    [{ continuousYears: 2, breakYears: 2 }, 5, '断保2年：固定等待期3个月 + 变动等待期2个月'],
    [{ continuousYears: 0, breakYears: 3, repairedYears: 1 }, 5, '断保3年（已补缴1年）：固定等待期3个月 + 变动等待期2个月'],
    [{ continuousYears: 0, breakYears: 2, repairedYears: 2 }, 3, '断保2年（已补缴2年）：固定等待期3个月'],
    [{ continuousYears: 0, breakYears: 5 }, 8, '断保5年：固定等待期3个月 + 变动等待期5个月'],
    [{ continuousYears: 0, breakYears: 4, repairedYears: 3 }, 6, '断保4年（已补缴3年）：固定等待期3个月 + 变动等待期1个月；断保4年及以上，等待期不少于6个月'],
    [{ continuousYears: 0, breakYears: 6, repairedYears: 6 }, 6, '断保6年（已补缴6年）：固定等待期3个月；断保4年及以上，等待期不少于6个月'],
  ])('%o → %d months: %s', (history, months, reason) => {
    expect(waitingPeriod(history)).toMatchObject({ fixedMonths: 3, totalMonths: months, reason })
  })
  it('continuous years do not shorten a wait', () => {
    expect(waitingPeriodMonths({ continuousYears: 20, breakYears: 2 })).toBe(waitingPeriodMonths({ continuousYears: 0, breakYears: 2 }))
    expect(waitingPeriodMonths({ continuousYears: 20, breakYears: 0 })).toBe(3)
  })
  it('rejects negative or fractional history, and more repaired years than missed', () => {
    expect(() => waitingPeriodMonths({ continuousYears: -1, breakYears: 0 })).toThrow(RangeError)
    expect(() => waitingPeriodMonths({ continuousYears: 1, breakYears: 0.5 })).toThrow(RangeError)
    expect(() => waitingPeriodMonths({ continuousYears: 1, breakYears: 1, repairedYears: 2 })).toThrow(RangeError)
  })

  const historyArb = fc
    .record({ continuousYears: fc.integer({ min: 0, max: 40 }), breakYears: fc.integer({ min: 0, max: 20 }), repairedFraction: fc.double({ min: 0, max: 1, noNaN: true }) })
    .map(({ continuousYears, breakYears, repairedFraction }) => ({ continuousYears, breakYears, repairedYears: Math.floor(breakYears * repairedFraction) }))

  it('property: 3 + variable ≥ 3 months, never shortened by continuous years, ≥ 6 after a 4+ year break even after repair', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 0, max: 40 }), (history, moreYears) => {
        const wait = waitingPeriod(history)
        expect(wait.fixedMonths).toBe(3)
        expect(wait.variableMonths).toBe(history.breakYears - history.repairedYears)
        expect(wait.totalMonths).toBeGreaterThanOrEqual(3 + wait.variableMonths)
        expect(waitingPeriodMonths({ ...history, continuousYears: history.continuousYears + moreYears })).toBe(wait.totalMonths)
        if (history.breakYears >= 4) expect(wait.totalMonths).toBeGreaterThanOrEqual(6)
        else expect(wait.totalMonths).toBe(3 + wait.variableMonths)
        // Paying back one more year never lengthens the wait.
        if (history.repairedYears < history.breakYears) {
          expect(waitingPeriodMonths({ ...history, repairedYears: history.repairedYears + 1 })).toBeLessThanOrEqual(wait.totalMonths)
        }
      }),
      { numRuns: 2000 },
    )
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
  it('after the Sichuan window: the fixed 3-month wait, with its reason', () => {
    expect(residentCoverStart({ ...base, paymentDate: '2026-04-10', coverageYear: 2026 })).toEqual({
      date: '2026-07-10',
      reason: 'waiting_period',
      waitingMonths: 3,
      note: '未在集中缴费期参保：固定等待期3个月',
    })
    expect(residentCoverStart({ ...base, paymentDate: '2027-03-01', coverageYear: 2027 }).date).toBe('2027-06-01')
  })
  it('Fujian window ends in December', () => {
    const fj = { province: '35' as ProvinceCode, history: steady }
    expect(residentCoverStart({ ...fj, paymentDate: '2026-12-31', coverageYear: 2027 }).reason).toBe('in_window')
    expect(residentCoverStart({ ...fj, paymentDate: '2027-01-05', coverageYear: 2027 })).toMatchObject({ date: '2027-04-05', waitingMonths: 3 })
  })
  it('a returning payer inside the window still waits, counted from 1 January', () => {
    expect(
      residentCoverStart({ ...base, history: { continuousYears: 3, breakYears: 2 }, paymentDate: '2026-11-23', coverageYear: 2027 }),
    ).toEqual({ date: '2027-06-01', reason: 'waiting_period', waitingMonths: 5, note: '断保2年：固定等待期3个月 + 变动等待期2个月' })
    // Early in the window: the wait is not eaten by the months before 1 January.
    expect(
      residentCoverStart({ ...base, history: { continuousYears: 0, breakYears: 1 }, paymentDate: '2026-09-15', coverageYear: 2027 }).date,
    ).toBe('2027-05-01')
  })
  it('资助参保 people are exempt from the wait', () => {
    expect(residentCoverStart({ ...base, history: { continuousYears: 0, breakYears: 3 }, paymentDate: '2026-11-23', coverageYear: 2027, exempt: true })).toEqual({
      date: '2027-01-01',
      reason: 'exempt',
      waitingMonths: 0,
    })
    expect(residentCoverStart({ ...base, paymentDate: '2026-04-10', coverageYear: 2026, exempt: true }).date).toBe('2026-04-10')
  })
  it('clamps month ends', () => {
    expect(residentCoverStart({ ...base, paymentDate: '2026-11-30', coverageYear: 2026 }).date).toBe('2027-02-28')
  })
  it('newborns within 90 days (or the region’s longer limit) are covered from birth', () => {
    expect(residentCoverStart({ ...base, paymentDate: '2026-11-23', coverageYear: 2026, birthDate: '2026-10-01' })).toEqual({
      date: '2026-10-01',
      reason: 'newborn',
      waitingMonths: 0,
    })
    expect(residentCoverStart({ ...base, paymentDate: '2026-11-23', coverageYear: 2027, birthDate: '2026-10-01' })).toMatchObject({
      date: '2027-01-01',
      reason: 'newborn',
    })
    // Day 90 counts, day 91 does not, unless the region allows longer.
    expect(residentCoverStart({ ...base, paymentDate: '2026-11-23', coverageYear: 2026, birthDate: addDays('2026-11-23', -90) }).reason).toBe('newborn')
    expect(residentCoverStart({ ...base, paymentDate: '2026-11-23', coverageYear: 2026, birthDate: addDays('2026-11-23', -91) })).toMatchObject({
      reason: 'waiting_period',
      date: '2027-02-23',
    })
    expect(
      residentCoverStart({ ...base, paymentDate: '2026-11-23', coverageYear: 2026, birthDate: addDays('2026-11-23', -150), newbornDays: 180 }).reason,
    ).toBe('newborn')
    // Born after the coverage year, or after the payment: not a newborn case.
    expect(residentCoverStart({ ...base, paymentDate: '2026-11-23', coverageYear: 2025, birthDate: '2026-10-01' }).reason).toBe('waiting_period')
    expect(residentCoverStart({ ...base, paymentDate: '2026-11-23', coverageYear: 2027, birthDate: '2026-12-01' }).reason).toBe('in_window')
  })
  it('rejects invalid dates', () => {
    expect(() => residentCoverStart({ ...base, paymentDate: '2026-02-30', coverageYear: 2026 })).toThrow(RangeError)
    expect(() => residentCoverStart({ ...base, paymentDate: '2026-02-10', coverageYear: 2026, birthDate: 'x' })).toThrow(RangeError)
  })

  const dateArb = fc.integer({ min: 0, max: 365 * 6 }).map((n) => addDays('2023-01-01', n))
  const historyArb = fc
    .record({ continuousYears: fc.integer({ min: 0, max: 30 }), breakYears: fc.integer({ min: 0, max: 15 }), repaired: fc.integer({ min: 0, max: 15 }) })
    .map(({ continuousYears, breakYears, repaired }) => ({ continuousYears, breakYears, repairedYears: Math.min(repaired, breakYears) }))

  it('property: never before 1 January; a wait is the full rule’s months from the later of payment and 1 January', () => {
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
          if (r.reason === 'in_window') expect(r.date).toBe(yearStart)
          if (r.reason === 'waiting_period') {
            expect(r.waitingMonths).toBe(waitingPeriodMonths(history))
            expect(r.waitingMonths).toBeGreaterThanOrEqual(3)
            expect(r.date).toBe(addMonths(maxIso(yearStart, paymentDate), r.waitingMonths))
            expect(r.note).toMatch(/固定等待期3个月/)
          }
          // A break always means a wait, whenever it is paid (newborns aside).
          if (history.breakYears > 0 && r.reason !== 'newborn') expect(r.reason).toBe('waiting_period')
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
  it('after a break: the waiting period and why', () => {
    expect(flexibleCoverStart({ paymentDate: '2026-11-23', history: { continuousYears: 0, breakYears: 2 } })).toEqual({
      date: '2027-04-23',
      reason: 'waiting_period',
      waitingMonths: 5,
      note: '断保2年：固定等待期3个月 + 变动等待期2个月',
    })
  })
})
