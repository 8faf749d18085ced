/**
 * A person's due items as the backend quotes them: the payable years or months, priced from the
 * policy table, with when cover would start and why, and whether a figure is ours (demo).
 */
import type { ResidentDueYear } from '../contract'
import { InsuranceHistory, flexibleCoverStart, residentCoverStart } from './coverage'
import { olderArrearsNote, payableFlexibleMonths, payableResidentYears } from './payable'
import { coverageYearLabel, monthLabel, nextResidentWindow } from './periods'
import { type SubsidyGroup, flexiblePolicy, newbornRule, residentAmount, subsidyRule } from './policy'
import type { Region } from './regions'
import { type IsoDate, type IsoMonth, formatChineseDate } from './time'

/** A payable coverage year as the contract carries it (src/contract ResidentDueYear). */
export type ResidentDueYearQuote = ResidentDueYear

export function residentDueYears(input: {
  today: IsoDate
  region: Region
  paidYears: readonly number[]
  history: InsuranceHistory
  birthDate?: IsoDate
  subsidy: SubsidyGroup
}): ResidentDueYearQuote[] {
  const { today, region, subsidy } = input
  const rules = { ...input, province: region.province, newbornDays: newbornRule(region.code).days, exempt: subsidyRule(subsidy).waitExempt }
  return payableResidentYears({ ...rules }).flatMap((p) => {
    const amount = residentAmount(p.coverageYear, subsidy)
    if (!amount) return []
    const cover = residentCoverStart({ ...rules, paymentDate: today, coverageYear: p.coverageYear })
    const quote: ResidentDueYearQuote = {
      coverageYear: p.coverageYear,
      label: coverageYearLabel(p.coverageYear),
      standardFen: amount.standardFen,
      subsidyFen: amount.subsidyFen,
      payableFen: amount.payableFen,
      inWindow: p.inWindow,
      windowStart: p.window.start,
      windowEnd: p.window.end,
      coverStart: cover.date,
      coverReason: cover.reason,
      ...(cover.note ? { coverNote: cover.note } : {}),
      ...(amount.demo || p.window.demo ? { demo: true } : {}),
    }
    return [quote]
  })
}

export function flexibleDue(input: {
  today: IsoDate
  region: Region
  paidMonths: readonly IsoMonth[]
  registeredFrom: IsoMonth
  history: InsuranceHistory
}) {
  const { today, region, history } = input
  const policy = flexiblePolicy(region.code, Number(today.slice(0, 4)))
  if (!policy) return undefined
  const months = payableFlexibleMonths(input)
  const cover = flexibleCoverStart({ paymentDate: today, history })
  const view = {
    months: months.map((m) => ({ month: m, label: monthLabel(m) })),
    tiers: policy.tiers.map(({ code, label, baseFen, monthlyFen }) => ({ code, label, baseFen, monthlyFen })),
    defaultTierCode: policy.tiers[0].code,
    coverStart: cover.date,
    coverReason: cover.reason,
    ...(cover.note ? { coverNote: cover.note } : {}),
    ...(policy.demo || policy.rateDemo ? { demo: true } : {}),
    ...(olderArrearsNote(input) ? { olderArrears: olderArrearsNote(input) } : {}),
  }
  return { policy, months, cover, view }
}

/** WINDOW_CLOSED: when cover would start if paid now (this year, late) and when the next window opens. */
export function windowClosedMessage(input: { today: IsoDate; region: Region; coverageYear: number; history: InsuranceHistory }): string {
  const { today, region, coverageYear, history } = input
  const thisYear = Number(today.slice(0, 4))
  const late = residentCoverStart({ paymentDate: today, coverageYear: thisYear, province: region.province, history })
  const next = nextResidentWindow(today, region.province)
  const now = late.date <= `${thisYear}-12-31` ? `现在缴纳${thisYear}年度，需经过等待期，${formatChineseDate(late.date)}起享受医保待遇；` : ''
  return `${coverageYearLabel(coverageYear)}当前不在缴费期内。${now}下一个集中缴费期：${formatChineseDate(next.start)}至${formatChineseDate(next.end)}`
}
