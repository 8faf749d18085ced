/**
 * What the 缴费标准与缴费时间 page shows for one region and coverage year, read from the same
 * policy table the backend prices with. Every figure keeps its source and its demo flag.
 */
import { FIXED_WAITING_MONTHS, residentCoverStart } from './coverage'
import { daysLeftInWindow, inside, openResidentWindow } from './periods'
import {
  RESIDENT_POLICY_YEARS,
  SUBSIDY_RULES,
  figureScope,
  flexiblePolicy,
  newbornRule,
  notPublishedMessage,
  residentAmount,
  residentYearPolicy,
  type FlexiblePolicy,
  type NewbornRule,
  type ResidentYearPolicy,
} from './policy'
import type { Region } from './regions'
import { formatFen } from './money'
import { type IsoDate, addDays, formatChineseDate } from './time'
import { type CollectionWindow, residentWindow } from './windows'

export const WAITING_RULE = [
  `在集中缴费期外参保或断保后再参保的，设固定等待期${FIXED_WAITING_MONTHS}个月；每断保1年，另加变动等待期1个月，连续参保年数不缩短等待期。`,
  '补缴断保年度的，每补缴1年减少1个月变动等待期，但断保4年及以上的，等待期合计不少于6个月；新生儿和资助参保人员不设等待期。',
] as const

export interface PolicyOverview {
  region: Region
  coverageYear: number
  scope: string
  /** undefined: the year's standard is not published; `notPublished` says so. */
  resident?: ResidentYearPolicy
  notPublished?: string
  window: CollectionWindow
  /** Days left when the window is open today. */
  daysLeft?: number
  /** Cover start for a first-time payer paying today, when this year can still be paid today. */
  coverIfPaidToday?: IsoDate
  /** After the window: the fixed wait, counted from the payment date, with an example. */
  afterWindow: string
  flexible?: FlexiblePolicy
  subsidies: { label: string; text: string; source: string; demo?: boolean }[]
  newborn: NewbornRule
}

/** Years to choose from: the published ones and the next one, which says 尚未公布. */
export function overviewYears(): number[] {
  return [...RESIDENT_POLICY_YEARS, RESIDENT_POLICY_YEARS[RESIDENT_POLICY_YEARS.length - 1] + 1]
}

/** The year people pay now: the one whose window is open, else this calendar year. */
export function payableYearNow(today: IsoDate, region: Region): number {
  return openResidentWindow(today, region.province)?.coverageYear ?? Number(today.slice(0, 4))
}

export function policyOverview(region: Region, coverageYear: number, today: IsoDate): PolicyOverview {
  const resident = residentYearPolicy(coverageYear)
  const window = residentWindow(region.province, coverageYear)
  const open = inside(today, window)
  const firstTime = { coverageYear, province: region.province, history: { continuousYears: 0, breakYears: 0 } }
  const cover = residentCoverStart({ ...firstTime, paymentDate: today })
  const dayAfter = addDays(window.end, 1)
  const late = residentCoverStart({ ...firstTime, paymentDate: dayAfter })
  const yearEnd = `${coverageYear}-12-31`
  const subsidies = SUBSIDY_RULES.filter((r) => r.group !== 'none').map((r) => {
    const amount = residentAmount(coverageYear, r.group)
    const text = !amount
      ? '资助标准随缴费标准公布'
      : amount.payableFen === 0
        ? '由政府全额资助，无需个人缴费'
        : `个人缴费 ${formatFen(amount.payableFen)}，政府资助 ${formatFen(amount.subsidyFen)}`
    return { label: r.label, text, source: r.source, ...(r.demo ? { demo: true } : {}) }
  })
  return {
    region,
    coverageYear,
    scope: figureScope(region),
    ...(resident ? { resident } : { notPublished: notPublishedMessage(region, coverageYear) }),
    window,
    ...(open ? { daysLeft: daysLeftInWindow(today, window) } : {}),
    ...(resident && today <= yearEnd && cover.date <= yearEnd && (open || today > window.end) ? { coverIfPaidToday: cover.date } : {}),
    afterWindow: `集中缴费期结束后缴费的需经过等待期：如${formatChineseDate(dayAfter)}首次参保缴费，${formatChineseDate(late.date)}起享受医保待遇；断保的等待期更长。`,
    flexible: flexiblePolicy(region.code, coverageYear),
    subsidies,
    newborn: newbornRule(region.code),
  }
}

