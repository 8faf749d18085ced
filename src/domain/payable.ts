/**
 * What can be paid on a given day: resident coverage years (by collection window and late
 * enrolment) and flexible-employment months (current month plus limited arrears, with any
 * older unpaid months named rather than dropped).
 */
import { InsuranceHistory, residentCoverStart } from './coverage'
import { inside, monthLabel } from './periods'
import { FLEXIBLE_ARREARS_MONTHS, residentYearPolicy } from './policy'
import type { ProvinceCode } from './regions'
import { IsoDate, IsoMonth, addMonthsToMonth, assertIsoDate, assertIsoMonth, maxIso, monthOfDate, monthsBetween } from './time'
import { type CollectionWindow, residentWindow } from './windows'

export interface PayableYear {
  coverageYear: number
  window: CollectionWindow
  inWindow: boolean
}

/**
 * Coverage years payable today, ascending: a year with a published policy, not yet paid, whose
 * window is open today; or the current calendar year after its window (late enrolment) when the
 * waiting period still ends within that year.
 */
export function payableResidentYears(input: {
  today: IsoDate
  province: ProvinceCode
  paidYears: readonly number[]
  history: InsuranceHistory
  /** Lets a newborn enrol late in the current year from the birth date. */
  birthDate?: IsoDate
  newbornDays?: number
  exempt?: boolean
}): PayableYear[] {
  const { today, province, paidYears } = input
  assertIsoDate(today, 'today')
  const year = Number(today.slice(0, 4))
  const result: PayableYear[] = []
  for (const coverageYear of [year, year + 1]) {
    if (!residentYearPolicy(coverageYear) || paidYears.includes(coverageYear)) continue
    const window = residentWindow(province, coverageYear)
    if (inside(today, window)) {
      result.push({ coverageYear, window, inWindow: true })
    } else if (coverageYear === year && today > window.end) {
      const cover = residentCoverStart({ ...input, paymentDate: today, coverageYear })
      if (cover.date <= `${year}-12-31`) result.push({ coverageYear, window, inWindow: false })
    }
  }
  return result
}

/** The coverage year whose window is open today (or would be), for a year without a policy: 尚未公布. */
export function unpublishedResidentYear(today: IsoDate, province: ProvinceCode): number | undefined {
  const year = Number(today.slice(0, 4))
  return [year, year + 1].find((y) => inside(today, residentWindow(province, y)) && !residentYearPolicy(y))
}

interface FlexibleInput {
  today: IsoDate
  paidMonths: readonly IsoMonth[]
  registeredFrom: IsoMonth
  arrearsMonths?: number
}

function flexibleBounds(input: FlexibleInput) {
  const { today, paidMonths, registeredFrom } = input
  const arrears = input.arrearsMonths ?? FLEXIBLE_ARREARS_MONTHS
  assertIsoDate(today, 'today')
  assertIsoMonth(registeredFrom, 'registration month')
  if (!Number.isSafeInteger(arrears) || arrears < 0) throw new RangeError(`invalid arrears months: ${arrears}`)
  const current = monthOfDate(today)
  const paid = new Set(paidMonths)
  let earliestUnpaid = registeredFrom
  while (earliestUnpaid <= current && paid.has(earliestUnpaid)) earliestUnpaid = addMonthsToMonth(earliestUnpaid, 1)
  return { current, paid, earliestUnpaid, limit: addMonthsToMonth(current, -arrears), arrears }
}

/**
 * Unpaid flexible months payable today, ascending: from the first unpaid month on or after
 * registration (but no further back than the arrears limit) through the current month.
 * Months already paid are left out, so the list may have gaps.
 */
export function payableFlexibleMonths(input: FlexibleInput): IsoMonth[] {
  const { current, paid, earliestUnpaid, limit } = flexibleBounds(input)
  const months: IsoMonth[] = []
  for (let m = maxIso(earliestUnpaid, limit); m <= current; m = addMonthsToMonth(m, 1)) {
    if (!paid.has(m)) months.push(m)
  }
  return months
}

/** Unpaid months older than the arrears limit, said out loud with where to go; undefined if none. */
export function olderArrearsNote(input: FlexibleInput): string | undefined {
  const { paid, earliestUnpaid, limit, arrears } = flexibleBounds(input)
  let count = 0
  let last: IsoMonth | undefined
  for (let m = earliestUnpaid; m < limit; m = addMonthsToMonth(m, 1)) {
    if (paid.has(m)) continue
    count += 1
    last = m
  }
  if (!last) return undefined
  const span = monthsBetween(earliestUnpaid, last) === 0 ? monthLabel(last) : `${monthLabel(earliestUnpaid)}至${monthLabel(last)}`
  return `${span}共${count}个月欠费超出线上补缴期限（近${arrears}个月），未在此列出。更早的欠费请到医保经办机构办理`
}

/** A selection must start at the earliest payable month and leave no payable month out between. */
export function isContiguousFromStart(selected: readonly IsoMonth[], payable: readonly IsoMonth[]): boolean {
  if (selected.length === 0 || selected.length > payable.length) return false
  const sorted = [...selected].sort()
  return sorted.every((m, i) => m === payable[i])
}
