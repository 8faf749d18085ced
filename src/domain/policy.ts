/**
 * The policy table: every figure the app shows or charges lives here as data, each with the
 * document it comes from (named beside it). Figures we could not source are ours, for the
 * mock backend only, and carry `demo: true` so the UI and reviewers can tell.
 */
import { Fen, percentOfFen, yuanToFen } from './money'
import { IsoDate, lastDayOfMonth } from './time'

export type ProvinceCode = '51' | '35' // 四川, 福建

export interface Province {
  code: ProvinceCode
  name: string
}

export interface Region {
  /** 6-digit administrative division code, e.g. '510100'. */
  code: string
  name: string
  province: ProvinceCode
  /** 征收机关 printed on the receipt; social insurance fees are collected by the tax bureau. */
  taxAuthority: string
  source: string
  demo?: boolean
}

export const PROVINCES: readonly Province[] = [
  { code: '51', name: '四川省' },
  { code: '35', name: '福建省' },
]

const REGION_SOURCE =
  '行政区划代码 (GB/T 2260, 民政部); 社保费由税务部门征收 (seed 000 四川, seed 004 福建税务)'

export const REGIONS: readonly Region[] = [
  { code: '510100', name: '成都市', province: '51', taxAuthority: '国家税务总局成都市税务局', source: REGION_SOURCE },
  { code: '510700', name: '绵阳市', province: '51', taxAuthority: '国家税务总局绵阳市税务局', source: REGION_SOURCE },
  { code: '511300', name: '南充市', province: '51', taxAuthority: '国家税务总局南充市税务局', source: REGION_SOURCE },
  { code: '350100', name: '福州市', province: '35', taxAuthority: '国家税务总局福州市税务局', source: REGION_SOURCE },
  { code: '350200', name: '厦门市', province: '35', taxAuthority: '国家税务总局厦门市税务局', source: REGION_SOURCE },
]

export const DEFAULT_REGION_CODE = '510100'

export function findRegion(code: string): Region | undefined {
  return REGIONS.find((r) => r.code === code)
}

// ---- 城乡居民医保: per-person yearly contribution ------------------------------------------

export interface ResidentYearPolicy {
  coverageYear: number
  individualFen: Fen
  fiscalSubsidyFen: Fen
  source: string
  demo?: boolean
}

const RESIDENT_YEARS: readonly ResidentYearPolicy[] = [
  {
    coverageYear: 2024,
    individualFen: yuanToFen(380),
    fiscalSubsidyFen: yuanToFen(640),
    source: 'seed 000 (四川, labelled "2025" there) and the 2023 national notice',
  },
  {
    coverageYear: 2025,
    individualFen: yuanToFen(400),
    fiscalSubsidyFen: yuanToFen(670),
    source: '医保发〔2024〕19号 (nhsa.gov.cn, 2024-08-26)',
  },
  {
    coverageYear: 2026,
    individualFen: yuanToFen(400),
    fiscalSubsidyFen: yuanToFen(700),
    source: '2025 national notice as reposted by 冀医保发〔2025〕6号 (individual "may stay at ≥400")',
  },
  {
    coverageYear: 2027,
    // Individual amount not yet published in our sources: 400 is ours. Subsidy: nhsa.gov.cn 2026-03-05.
    individualFen: yuanToFen(400),
    fiscalSubsidyFen: yuanToFen(724),
    source: 'individual 400 元 demo (not yet published); fiscal subsidy 700 + 24 元 (nhsa.gov.cn, 2026-03-05)',
    demo: true,
  },
]

export function residentYearPolicy(coverageYear: number): ResidentYearPolicy | undefined {
  return RESIDENT_YEARS.find((p) => p.coverageYear === coverageYear)
}

// ---- collection windows (集中缴费期) ---------------------------------------------------------

export interface CollectionWindow {
  province: ProvinceCode
  coverageYear: number
  start: IsoDate
  end: IsoDate
  source: string
  demo?: boolean
}

/** The 集中缴费期 for a coverage year; paying inside it gives cover from 1 January. */
export function residentWindow(province: ProvinceCode, coverageYear: number): CollectionWindow {
  if (!Number.isInteger(coverageYear)) throw new RangeError(`invalid coverage year: ${coverageYear}`)
  const prev = coverageYear - 1
  if (province === '51') {
    return {
      province,
      coverageYear,
      start: `${prev}-09-01`,
      // End of February, so 29 Feb in leap years.
      end: lastDayOfMonth(`${coverageYear}-02`),
      source: 'seed 000: 四川城乡居民医保集中缴费期 9月1日至次年2月底 (2025年度: 2024-09-01 至 2025-02-28)',
    }
  }
  return {
    province,
    coverageYear,
    start: `${prev}-09-01`,
    end: `${prev}-12-31`,
    source: 'seed 004 and reports: 福建城乡居民医保集中缴费期 9月至12月',
  }
}

// ---- 资助参保 (subsidised enrolment) ---------------------------------------------------------

export type SubsidyGroup = 'none' | 'tekun' | 'dibao' | 'low_income'

export interface SubsidyRule {
  group: SubsidyGroup
  label: string
  /** What the person still pays, in basis points of the individual amount. */
  individualShareBp: number
  source: string
  demo?: boolean
}

export const SUBSIDY_RULES: readonly SubsidyRule[] = [
  { group: 'none', label: '普通参保人', individualShareBp: 10_000, source: '无资助: 按个人缴费标准全额缴纳' },
  { group: 'tekun', label: '特困人员', individualShareBp: 0, source: '国办发〔2021〕42号: 特困人员全额资助' },
  {
    group: 'dibao',
    label: '低保对象',
    individualShareBp: 3_000,
    source: '国办发〔2021〕42号: 低保对象定额或定比资助, 标准由地方确定; 个人付 30% 为演示数据',
    demo: true,
  },
  {
    group: 'low_income',
    label: '低收入人口',
    individualShareBp: 5_000,
    source: '国办发〔2021〕42号: 其他困难群体按地方标准资助; 个人付 50% 为演示数据',
    demo: true,
  },
]

export function subsidyRule(group: SubsidyGroup): SubsidyRule {
  const rule = SUBSIDY_RULES.find((r) => r.group === group)
  if (!rule) throw new RangeError(`unknown subsidy group: ${String(group)}`)
  return rule
}

export interface ResidentAmount {
  standardFen: Fen
  subsidyFen: Fen
  payableFen: Fen
}

/** What one person pays for a coverage year after 资助参保; undefined if the year has no policy. */
export function residentAmount(coverageYear: number, group: SubsidyGroup): ResidentAmount | undefined {
  const year = residentYearPolicy(coverageYear)
  if (!year) return undefined
  const standardFen = year.individualFen
  const payableFen = percentOfFen(standardFen, subsidyRule(group).individualShareBp)
  return { standardFen, subsidyFen: standardFen - payableFen, payableFen }
}

// ---- 灵活就业医保: base (缴费基数) and rate ------------------------------------------------

export interface FlexibleTier {
  code: string
  label: string
  percent: number
  /** Monthly base. */
  baseFen: Fen
  /** Monthly contribution: base × rate. */
  monthlyFen: Fen
}

export interface FlexiblePolicy {
  province: ProvinceCode
  year: number
  baseMinFen: Fen
  baseMaxFen: Fen
  /** 1000 = 10%. */
  rateBp: number
  tiers: FlexibleTier[]
  source: string
  /** True when the base limits are not the ones published for this year. */
  demo?: boolean
  /** The rate has its own provenance: 10% is ours for every province (see domain.md §1). */
  rateSource?: string
  rateDemo?: boolean
}

const FLEXIBLE_LIMITS_2026: Record<ProvinceCode, { minYuan: number; maxYuan: number; source: string }> = {
  '51': { minYuan: 4699, maxYuan: 23493, source: '川人社办发〔2026〕50号: 2026年缴费基数下限 4699 元/月, 上限 23493 元/月' },
  '35': { minYuan: 4579, maxYuan: 22893, source: '闽医保函〔2026〕65号: 2026年缴费基数下限 4579 元/月, 上限 22893 元/月' },
}

const FLEXIBLE_YEARS = [2025, 2026, 2027]

/** 8% employer + 2% individual for employee medical in Sichuan (seed 000); a flexible worker pays both. */
const FLEXIBLE_RATE_BP = 1_000
const FLEXIBLE_RATE_SOURCE = '演示数据: 四川职工医保 单位 8% + 个人 2% (seed 000), 灵活就业人员合并缴纳按 10% 演示'

const TIER_PERCENTS = [60, 100, 150, 200, 300]

export function flexiblePolicy(province: ProvinceCode, year: number): FlexiblePolicy | undefined {
  const limits = FLEXIBLE_LIMITS_2026[province]
  if (!limits || !FLEXIBLE_YEARS.includes(year)) return undefined
  const baseMinFen = yuanToFen(limits.minYuan)
  const baseMaxFen = yuanToFen(limits.maxYuan)
  const tiers = TIER_PERCENTS.map((percent): FlexibleTier => {
    // 60% and 300% are the published limits; the others are derived from the average wage
    // implied by the lower limit (min / 0.6), rounded to the yuan, in integers to stay exact.
    const baseFen =
      percent === 60 ? baseMinFen : percent === 300 ? baseMaxFen : Math.round((limits.minYuan * percent) / 60) * 100
    return { code: `p${percent}`, label: `${percent}%档`, percent, baseFen, monthlyFen: percentOfFen(baseFen, FLEXIBLE_RATE_BP) }
  })
  const published = year === 2026
  return {
    province,
    year,
    baseMinFen,
    baseMaxFen,
    rateBp: FLEXIBLE_RATE_BP,
    tiers,
    source: published ? limits.source : `演示数据: ${year}年沿用 ${limits.source}`,
    ...(published ? {} : { demo: true }),
    rateSource: FLEXIBLE_RATE_SOURCE,
    rateDemo: true,
  }
}

/** Demo: how many months back unpaid flexible months may still be paid (补缴). */
export const FLEXIBLE_ARREARS_MONTHS = 3
