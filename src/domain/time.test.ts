import { daysBetween, shanghaiDate, shanghaiMidnight, addMonths } from './time'

describe('Asia/Shanghai dates', () => {
  it('rolls to the next day at 16:00 UTC', () => {
    expect(shanghaiDate(Date.UTC(2026, 10, 22, 15, 59))).toBe('2026-11-22')
    expect(shanghaiDate(Date.UTC(2026, 10, 22, 16, 0))).toBe('2026-11-23')
  })
  it('gives midnight Shanghai as epoch ms', () => {
    expect(shanghaiMidnight('2027-01-01')).toBe(Date.UTC(2026, 11, 31, 16, 0))
  })
  it('counts days and adds months across year ends', () => {
    expect(daysBetween('2026-11-23', '2027-02-28')).toBe(97)
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28')
  })
})
