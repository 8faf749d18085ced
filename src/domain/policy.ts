/**
 * The policy table: every figure the app shows or charges lives here as yearly data, each with
 * the document it comes from (named beside it). Figures we could not source are ours, for the
 * mock backend only, and carry `demo: true` so the screen marks them 演示数据. A year with no
 * entry is not published: the lookups answer undefined and nothing is extrapolated.
 *
 * The backend prices with this table and the 缴费标准与缴费时间 page shows it; neither is in the
 * main package (regions and windows, which the main pages need, are ./regions and ./windows).
 */
import { Fen, percentOfFen, yuanToFen } from './money'
import { type ProvinceCode, type Region, findRegion, provinceName } from './regions'

export interface Sourced {
  source: string
  demo?: boolean
}

// ---- 城乡居民医保: per-person yearly contribution ------------------------------------------

export interface ResidentYearPolicy extends Sourced {
  coverageYear: number
  individualFen: Fen
  fiscalSubsidyFen: Fen
}

/** National minimums; both provinces charge them (no provincial or city figure on record). */
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

/** The coverage years the table knows, ascending. */
export const RESIDENT_POLICY_YEARS: readonly number[] = RESIDENT_YEARS.map((p) => p.coverageYear)

/** Whose figures a city shows: none of ours has its own, so each says it uses the province's. */
export function figureScope(region: Region): string {
  return `${provinceName(region.province)}统一标准（${region.name}未单独公布）`
}

export function notPublishedMessage(region: Region, coverageYear: number): string {
  return `该地区${coverageYear}年度缴费标准尚未公布（${region.name}）`
}

// ---- 资助参保 (subsidised enrolment) ---------------------------------------------------------

export type SubsidyGroup = 'none' | 'tekun' | 'dibao' | 'low_income'

export interface SubsidyRule extends Sourced {
  group: SubsidyGroup
  label: string
  /** What the person still pays, in basis points of the individual amount. */
  individualShareBp: number
  /** 资助参保人员 are among the groups exempt from the waiting period (国办发〔2024〕38号, src/domain/coverage.ts). */
  waitExempt: boolean
}

export const SUBSIDY_RULES: readonly SubsidyRule[] = [
  { group: 'none', label: '普通参保人', individualShareBp: 10_000, waitExempt: false, source: '无资助: 按个人缴费标准全额缴纳' },
  { group: 'tekun', label: '特困人员', individualShareBp: 0, waitExempt: true, source: '国办发〔2021〕42号: 特困人员全额资助' },
  {
    group: 'dibao',
    label: '低保对象',
    individualShareBp: 3_000,
    waitExempt: true,
    source: '国办发〔2021〕42号: 低保对象定额或定比资助, 标准由地方确定; 个人付 30% 为演示数据',
    demo: true,
  },
  {
    group: 'low_income',
    label: '低收入人口',
    individualShareBp: 5_000,
    waitExempt: true,
    source: '国办发〔2021〕42号: 低收入人口、返贫致贫人口等按地方标准资助; 个人付 50% 为演示数据',
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
  /** The standard or the subsidy share is ours, not published. */
  demo: boolean
}

/** What one person pays for a coverage year after 资助参保; undefined if the year has no policy. */
export function residentAmount(coverageYear: number, group: SubsidyGroup): ResidentAmount | undefined {
  const year = residentYearPolicy(coverageYear)
  if (!year) return undefined
  const rule = subsidyRule(group)
  const standardFen = year.individualFen
  const payableFen = percentOfFen(standardFen, rule.individualShareBp)
  return { standardFen, subsidyFen: standardFen - payableFen, payableFen, demo: Boolean(year.demo || rule.demo) }
}


// ---- newborns ---------------------------------------------------------------------------------

export interface NewbornRule extends Sourced {
  days: number
}

const NEWBORN_NATIONAL: NewbornRule = { days: 90, source: '国家规定: 新生儿出生90天内参保缴费的, 自出生之日起享受待遇' }
const NEWBORN_BY_REGION: Readonly<Record<string, NewbornRule>> = {
  '510100': { days: 180, source: '成都: 新生儿出生180天内参保 (据报道; 未见文号)', demo: true },
}

export function newbornRule(regionCode: string): NewbornRule {
  return NEWBORN_BY_REGION[regionCode] ?? NEWBORN_NATIONAL
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

export interface FlexiblePolicy extends Sourced {
  province: ProvinceCode
  year: number
  /** The one published figure every 档次 is computed from: the previous year's average monthly wage. */
  averageWageFen: Fen
  baseMinFen: Fen
  baseMaxFen: Fen
  /** 1000 = 10%. */
  rateBp: number
  tiers: FlexibleTier[]
  /** The rate has its own provenance (its source, or demo when unsourced). */
  rateSource: string
  rateDemo?: boolean
}

/** Average monthly wage = the published upper limit / 3 (the limits are 60% and 300% of it). */
const FLEXIBLE_WAGES: ReadonlyArray<{ province: ProvinceCode; year: number; averageYuan: number } & Sourced> = [
  { province: '51', year: 2025, averageYuan: 7831, source: '演示数据: 2025年基数未见文件, 按2026年 川人社办发〔2026〕50号 演示', demo: true },
  { province: '51', year: 2026, averageYuan: 7831, source: '川人社办发〔2026〕50号: 2026年缴费基数下限 4699 元/月, 上限 23493 元/月' },
  { province: '51', year: 2027, averageYuan: 7831, source: '演示数据: 2027年基数尚未公布, 按2026年 川人社办发〔2026〕50号 演示', demo: true },
  { province: '35', year: 2025, averageYuan: 7631, source: '演示数据: 2025年基数未见文件, 按2026年 闽医保函〔2026〕65号 演示', demo: true },
  { province: '35', year: 2026, averageYuan: 7631, source: '闽医保函〔2026〕65号: 2026年缴费基数下限 4579 元/月, 上限 22893 元/月' },
  { province: '35', year: 2027, averageYuan: 7631, source: '演示数据: 2027年基数尚未公布, 按2026年 闽医保函〔2026〕65号 演示', demo: true },
]

/** By region code, else by province code. No city has a sourced rate of its own yet. */
const FLEXIBLE_RATES: Readonly<Record<string, { rateBp: number } & Sourced>> = {
  '51': { rateBp: 1_000, source: '演示数据: 四川职工医保 单位 8% + 个人 2% (seed 000), 灵活就业人员合并缴纳按 10% 演示', demo: true },
  '35': { rateBp: 1_000, source: '演示数据: 福建灵活就业医保费率未见文件, 按 10% 演示', demo: true },
}

export const TIER_PERCENTS = [60, 100, 150, 200, 300]

/** Round half up to whole yuan, in integers so 7831 × 150% is exactly 11747. */
function percentOfYuan(yuan: number, percent: number): number {
  return Math.floor((yuan * percent + 50) / 100)
}

export function flexiblePolicy(regionCode: string, year: number): FlexiblePolicy | undefined {
  const region = findRegion(regionCode)
  const wage = region && FLEXIBLE_WAGES.find((w) => w.province === region.province && w.year === year)
  if (!region || !wage) return undefined
  const rate = FLEXIBLE_RATES[region.code] ?? FLEXIBLE_RATES[region.province]
  const tiers = TIER_PERCENTS.map((percent): FlexibleTier => {
    const baseFen = yuanToFen(percentOfYuan(wage.averageYuan, percent))
    return { code: `p${percent}`, label: `${percent}%档`, percent, baseFen, monthlyFen: percentOfFen(baseFen, rate.rateBp) }
  })
  return {
    province: region.province,
    year,
    averageWageFen: yuanToFen(wage.averageYuan),
    baseMinFen: tiers[0].baseFen,
    baseMaxFen: tiers[tiers.length - 1].baseFen,
    rateBp: rate.rateBp,
    tiers,
    source: wage.source,
    ...(wage.demo ? { demo: true } : {}),
    rateSource: rate.source,
    ...(rate.demo ? { rateDemo: true } : {}),
  }
}

/** How many months back unpaid flexible months may still be paid here (补缴); older ones go to the office. */
export const FLEXIBLE_ARREARS: { months: number } & Sourced = {
  months: 3,
  source: '演示数据: 线上可补缴的欠费月数由各地规定, 本演示取 3 个月',
  demo: true,
}
export const FLEXIBLE_ARREARS_MONTHS = FLEXIBLE_ARREARS.months
