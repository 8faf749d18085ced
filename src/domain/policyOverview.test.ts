import { WAITING_RULE, overviewYears, payableYearNow, policyOverview } from './policyOverview'
import { findRegion } from './regions'

const chengdu = findRegion('510100')!
const xiamen = findRegion('350200')!

describe('policyOverview: what 缴费标准与缴费时间 shows', () => {
  it('成都 2027年度 on 2026-11-23: the window with days left, cover from 1 January if paid today, demo marks kept', () => {
    const v = policyOverview(chengdu, 2027, '2026-11-23')
    expect(v.resident).toMatchObject({ individualFen: 40000, fiscalSubsidyFen: 72400, demo: true })
    expect(v.window).toMatchObject({ start: '2026-09-01', end: '2027-02-28', demo: true })
    expect(v.daysLeft).toBe(98)
    expect(v.coverIfPaidToday).toBe('2027-01-01')
    expect(v.afterWindow).toBe('集中缴费期结束后缴费的需经过等待期：如2027年3月1日首次参保缴费，2027年6月1日起享受医保待遇；断保的等待期更长。')
    expect(v.scope).toBe('四川省统一标准（成都市未单独公布）')
    expect(v.newborn.days).toBe(180)
    expect(v.subsidies.map((s) => `${s.label}：${s.text}`)).toEqual([
      '特困人员：由政府全额资助，无需个人缴费',
      '低保对象：个人缴费 ¥120.00，政府资助 ¥280.00',
      '低收入人口：个人缴费 ¥200.00，政府资助 ¥200.00',
    ])
  })
  it('厦门 2028年度: not published, said so; the flexible table only where a year has bases', () => {
    const v = policyOverview(xiamen, 2028, '2026-11-23')
    expect(v.resident).toBeUndefined()
    expect(v.notPublished).toBe('该地区2028年度缴费标准尚未公布（厦门市）')
    expect(v.coverIfPaidToday).toBeUndefined()
    expect(v.flexible).toBeUndefined()
    expect(policyOverview(xiamen, 2026, '2026-11-23').flexible?.tiers[1].baseFen).toBe(763100)
  })
  it('a past year cannot be paid today; the year now payable follows the open window', () => {
    expect(policyOverview(chengdu, 2025, '2026-11-23').coverIfPaidToday).toBeUndefined()
    expect(payableYearNow('2026-11-23', chengdu)).toBe(2027)
    expect(payableYearNow('2026-06-01', chengdu)).toBe(2026)
    expect(payableYearNow('2026-12-31', xiamen)).toBe(2027)
    expect(overviewYears()).toEqual([2024, 2025, 2026, 2027, 2028])
    expect(WAITING_RULE).toHaveLength(2)
  })
})
