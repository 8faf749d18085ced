import { residentWindow } from './windows'

describe('collection windows, year by year', () => {
  it('Sichuan: 1 Sep to the end of February; only 2025年度 is on record from its notice', () => {
    expect(residentWindow('51', 2025)).toMatchObject({ start: '2024-09-01', end: '2025-02-28' })
    expect(residentWindow('51', 2025).demo).toBeUndefined()
    expect(residentWindow('51', 2027)).toMatchObject({ start: '2026-09-01', end: '2027-02-28', demo: true })
  })
  it('Fujian: September to December of the year before, every year demo (cities publish the deadline)', () => {
    expect(residentWindow('35', 2027)).toMatchObject({ province: '35', coverageYear: 2027, start: '2026-09-01', end: '2026-12-31', demo: true })
  })
  it('a year nobody has announced is estimated from the pattern and says so', () => {
    const w = residentWindow('51', 2028)
    expect(w).toMatchObject({ start: '2027-09-01', end: '2028-02-29', demo: true })
    expect(w.source).toContain('尚未公布')
    expect(() => residentWindow('51', 2027.5)).toThrow(RangeError)
  })
})
