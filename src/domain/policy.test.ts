import fc from 'fast-check'
import { isFen } from './money'
import {
  DEFAULT_REGION_CODE,
  FLEXIBLE_ARREARS_MONTHS,
  PROVINCES,
  REGIONS,
  SUBSIDY_RULES,
  findRegion,
  flexiblePolicy,
  residentAmount,
  residentWindow,
  residentYearPolicy,
} from './policy'

describe('provinces and regions', () => {
  it('lists Sichuan and Fujian with their cities', () => {
    expect(PROVINCES.map((p) => p.name)).toEqual(['四川省', '福建省'])
    for (const code of ['510100', '510700', '511300', '350100', '350200']) expect(findRegion(code)?.code).toBe(code)
    expect(findRegion(DEFAULT_REGION_CODE)?.name).toBe('成都市')
    expect(findRegion('510100')?.taxAuthority).toBe('国家税务总局成都市税务局')
    expect(findRegion('999999')).toBeUndefined()
  })
  it('keeps codes consistent with their province and unique', () => {
    expect(new Set(REGIONS.map((r) => r.code)).size).toBe(REGIONS.length)
    for (const r of REGIONS) {
      expect(r.code).toMatch(/^\d{6}$/)
      expect(r.code.slice(0, 2)).toBe(r.province)
      expect(r.source.length).toBeGreaterThan(0)
    }
  })
})

describe('resident yearly contribution', () => {
  it('has the published figures for 2024–2027', () => {
    expect(residentYearPolicy(2024)).toMatchObject({ individualFen: 38000, fiscalSubsidyFen: 64000 })
    expect(residentYearPolicy(2025)).toMatchObject({ individualFen: 40000, fiscalSubsidyFen: 67000 })
    expect(residentYearPolicy(2025)?.source).toContain('医保发〔2024〕19号')
    expect(residentYearPolicy(2026)).toMatchObject({ individualFen: 40000, fiscalSubsidyFen: 70000 })
    expect(residentYearPolicy(2027)).toMatchObject({ individualFen: 40000, fiscalSubsidyFen: 72400, demo: true })
    expect(residentYearPolicy(2026)?.demo).toBeUndefined()
    expect(residentYearPolicy(2023)).toBeUndefined()
    expect(residentYearPolicy(2028)).toBeUndefined()
  })
})

describe('collection windows', () => {
  it('Sichuan: 1 Sep to the end of February', () => {
    expect(residentWindow('51', 2025)).toMatchObject({ start: '2024-09-01', end: '2025-02-28' })
    expect(residentWindow('51', 2027)).toMatchObject({ start: '2026-09-01', end: '2027-02-28' })
    expect(residentWindow('51', 2028)).toMatchObject({ start: '2027-09-01', end: '2028-02-29' })
  })
  it('Fujian: September to December of the year before', () => {
    expect(residentWindow('35', 2027)).toMatchObject({ province: '35', coverageYear: 2027, start: '2026-09-01', end: '2026-12-31' })
  })
})

describe('subsidised enrolment', () => {
  it('has a rule with a source per group; local percentages are demo', () => {
    expect(SUBSIDY_RULES.map((r) => r.group).sort()).toEqual(['dibao', 'low_income', 'none', 'tekun'])
    for (const r of SUBSIDY_RULES) expect(r.source.length).toBeGreaterThan(0)
    expect(SUBSIDY_RULES.find((r) => r.group === 'dibao')?.demo).toBe(true)
    expect(SUBSIDY_RULES.find((r) => r.group === 'tekun')).toMatchObject({ label: '特困人员', individualShareBp: 0 })
  })
  it('computes standard, subsidy and payable', () => {
    expect(residentAmount(2026, 'none')).toEqual({ standardFen: 40000, subsidyFen: 0, payableFen: 40000 })
    expect(residentAmount(2026, 'tekun')).toEqual({ standardFen: 40000, subsidyFen: 40000, payableFen: 0 })
    expect(residentAmount(2026, 'dibao')).toEqual({ standardFen: 40000, subsidyFen: 28000, payableFen: 12000 })
    expect(residentAmount(2026, 'low_income')).toEqual({ standardFen: 40000, subsidyFen: 20000, payableFen: 20000 })
    expect(residentAmount(2024, 'dibao')).toEqual({ standardFen: 38000, subsidyFen: 26600, payableFen: 11400 })
    expect(residentAmount(2030, 'none')).toBeUndefined()
  })
})

describe('flexible employment', () => {
  it('Sichuan 2026 tiers from 川人社办发〔2026〕50号 at the demo 10% rate', () => {
    const p = flexiblePolicy('51', 2026)!
    expect(p).toMatchObject({ baseMinFen: 469900, baseMaxFen: 2349300, rateBp: 1000, rateDemo: true })
    expect(p.demo).toBeUndefined()
    expect(p.source).toContain('川人社办发〔2026〕50号')
    expect(p.tiers.map((t) => [t.code, t.label, t.baseFen, t.monthlyFen])).toEqual([
      ['p60', '60%档', 469900, 46990],
      ['p100', '100%档', 783200, 78320],
      ['p150', '150%档', 1174800, 117480],
      ['p200', '200%档', 1566300, 156630],
      ['p300', '300%档', 2349300, 234930],
    ])
  })
  it('Fujian 2026 tiers from 闽医保函〔2026〕65号', () => {
    const p = flexiblePolicy('35', 2026)!
    expect(p.source).toContain('闽医保函〔2026〕65号')
    expect(p.tiers.map((t) => t.baseFen)).toEqual([457900, 763200, 1144800, 1526300, 2289300])
  })
  it('reuses the 2026 limits for 2025 and 2027 as demo, nothing else', () => {
    expect(flexiblePolicy('51', 2025)).toMatchObject({ baseMinFen: 469900, demo: true })
    expect(flexiblePolicy('35', 2027)).toMatchObject({ baseMaxFen: 2289300, demo: true })
    expect(flexiblePolicy('51', 2024)).toBeUndefined()
    expect(flexiblePolicy('51', 2028)).toBeUndefined()
  })
  it('keeps every tier a valid amount within the limits, ascending', () => {
    for (const province of ['51', '35'] as const) {
      const p = flexiblePolicy(province, 2026)!
      let prev = 0
      for (const t of p.tiers) {
        expect(isFen(t.baseFen) && isFen(t.monthlyFen)).toBe(true)
        expect(t.baseFen % 100).toBe(0)
        expect(t.baseFen).toBeGreaterThan(prev)
        expect(t.baseFen).toBeGreaterThanOrEqual(p.baseMinFen)
        expect(t.baseFen).toBeLessThanOrEqual(p.baseMaxFen)
        prev = t.baseFen
      }
    }
    expect(FLEXIBLE_ARREARS_MONTHS).toBe(3)
  })
})

describe('policy table properties', () => {
  const years = fc.integer({ min: 2024, max: 2027 })
  const groups = fc.constantFrom(...SUBSIDY_RULES.map((r) => r.group))

  it('a subsidy never makes a person pay more, or less than nothing, in whole fen', () => {
    fc.assert(
      fc.property(years, groups, (year, group) => {
        const amount = residentAmount(year, group)!
        expect(isFen(amount.payableFen) && isFen(amount.subsidyFen) && isFen(amount.standardFen)).toBe(true)
        expect(amount.payableFen + amount.subsidyFen).toBe(amount.standardFen)
        expect(amount.payableFen).toBeLessThanOrEqual(residentAmount(year, 'none')!.payableFen)
      }),
    )
  })

  it('every flexible 档次 charges the same rate on a higher base for a higher 档次', () => {
    fc.assert(
      fc.property(fc.constantFrom('51' as const, '35' as const), years, (province, year) => {
        const policy = flexiblePolicy(province, year)
        if (!policy) return
        for (let i = 1; i < policy.tiers.length; i++) {
          expect(policy.tiers[i].baseFen).toBeGreaterThan(policy.tiers[i - 1].baseFen)
          expect(policy.tiers[i].monthlyFen).toBeGreaterThanOrEqual(policy.tiers[i - 1].monthlyFen)
        }
        for (const tier of policy.tiers) expect(Math.abs(tier.monthlyFen - (tier.baseFen * policy.rateBp) / 10_000)).toBeLessThan(1)
      }),
    )
  })
})
