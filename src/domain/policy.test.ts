import fc from 'fast-check'
import { isFen } from './money'
import {
  FLEXIBLE_ARREARS,
  FLEXIBLE_ARREARS_MONTHS,
  SUBSIDY_RULES,
  figureScope,
  flexiblePolicy,
  newbornRule,
  notPublishedMessage,
  residentAmount,
  residentYearPolicy,
} from './policy'
import { REGIONS, findRegion } from './regions'

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

describe('subsidised enrolment', () => {
  it('has a rule with a source per group; local percentages are demo', () => {
    expect(SUBSIDY_RULES.map((r) => r.group).sort()).toEqual(['dibao', 'low_income', 'none', 'tekun'])
    for (const r of SUBSIDY_RULES) expect(r.source.length).toBeGreaterThan(0)
    expect(SUBSIDY_RULES.find((r) => r.group === 'dibao')?.demo).toBe(true)
    expect(SUBSIDY_RULES.find((r) => r.group === 'tekun')).toMatchObject({ label: '特困人员', individualShareBp: 0 })
  })
  it('computes standard, subsidy and payable', () => {
    expect(residentAmount(2026, 'none')).toEqual({ standardFen: 40000, subsidyFen: 0, payableFen: 40000, demo: false })
    expect(residentAmount(2026, 'tekun')).toEqual({ standardFen: 40000, subsidyFen: 40000, payableFen: 0, demo: false })
    expect(residentAmount(2026, 'dibao')).toEqual({ standardFen: 40000, subsidyFen: 28000, payableFen: 12000, demo: true })
    expect(residentAmount(2026, 'low_income')).toEqual({ standardFen: 40000, subsidyFen: 20000, payableFen: 20000, demo: true })
    expect(residentAmount(2024, 'dibao')).toEqual({ standardFen: 38000, subsidyFen: 26600, payableFen: 11400, demo: true })
    expect(residentAmount(2027, 'none')?.demo).toBe(true)
    expect(residentAmount(2030, 'none')).toBeUndefined()
  })
})

describe('flexible employment', () => {
  it('Sichuan 2026: every 档次 from the one published average wage (23493 / 3 = 7831), at the demo 10% rate', () => {
    const p = flexiblePolicy('510100', 2026)!
    expect(p).toMatchObject({ averageWageFen: 783100, baseMinFen: 469900, baseMaxFen: 2349300, rateBp: 1000, rateDemo: true })
    expect(p.demo).toBeUndefined()
    expect(p.source).toContain('川人社办发〔2026〕50号')
    expect(p.tiers.map((t) => [t.code, t.label, t.baseFen, t.monthlyFen])).toEqual([
      ['p60', '60%档', 469900, 46990],
      ['p100', '100%档', 783100, 78310],
      ['p150', '150%档', 1174700, 117470],
      ['p200', '200%档', 1566200, 156620],
      ['p300', '300%档', 2349300, 234930],
    ])
  })
  it('Fujian 2026 from 闽医保函〔2026〕65号: the limits 4579 and 22893 come out of 7631', () => {
    const p = flexiblePolicy('350200', 2026)!
    expect(p.source).toContain('闽医保函〔2026〕65号')
    expect(p.tiers.map((t) => t.baseFen)).toEqual([457900, 763100, 1144700, 1526200, 2289300])
  })
  it('any city of a province uses the province figures; years without an entry are not published', () => {
    expect(flexiblePolicy('513400', 2026)?.tiers).toEqual(flexiblePolicy('510100', 2026)?.tiers)
    expect(flexiblePolicy('51', 2026)).toBeUndefined()
    expect(flexiblePolicy('510100', 2027)).toMatchObject({ demo: true })
    expect(flexiblePolicy('350100', 2027)?.source).toContain('演示数据')
    expect(flexiblePolicy('510100', 2024)).toBeUndefined()
    expect(flexiblePolicy('510100', 2028)).toBeUndefined()
  })
  it('keeps every tier a valid amount within the limits, ascending; the arrears limit is a demo figure', () => {
    for (const code of ['510100', '350100']) {
      const p = flexiblePolicy(code, 2026)!
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
    expect(FLEXIBLE_ARREARS.demo).toBe(true)
  })
})

describe('regional labels and newborns', () => {
  it('names whose figures a city shows, and a year not yet published', () => {
    expect(figureScope(findRegion('511100')!)).toBe('四川省统一标准（乐山市未单独公布）')
    expect(notPublishedMessage(findRegion('350200')!, 2028)).toContain('该地区2028年度缴费标准尚未公布')
  })
  it('newborns: 90 days nationally, 成都 180 days as demo regional data', () => {
    expect(newbornRule('510700')).toMatchObject({ days: 90 })
    expect(newbornRule('510700').demo).toBeUndefined()
    expect(newbornRule('510100')).toMatchObject({ days: 180, demo: true })
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
      fc.property(fc.constantFrom(...REGIONS.map((r) => r.code)), years, (code, year) => {
        const policy = flexiblePolicy(code, year)
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
