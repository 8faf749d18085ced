/**
 * What can be paid on a given day: resident coverage years (by collection window and late
 * enrolment) and flexible-employment months (current month plus limited arrears).
 */
import { InsuranceHistory, residentCoverStart } from './coverage'
import { CollectionWindow, FLEXIBLE_ARREARS_MONTHS, ProvinceCode, residentWindow, residentYearPolicy } from './policy'
import {
  IsoDate,
  IsoMonth,
  addMonthsToMonth,
  assertIsoDate,
  assertIsoMonth,
  daysBetween,
  firstDayOfMonth,
  lastDayOfMonth,
  maxIso,
  monthOfDate,
} from './time'

export interface PayableYear {
  coverageYear: number
  window: CollectionWindow
  inWindow: boolean
}

function inside(today: IsoDate, window: CollectionWindow): boolean {
  return today >= window.start && today <= window.end
}

/** The collection window containing today, if any. */
export function openResidentWindow(today: IsoDate, province: ProvinceCode): CollectionWindow | undefined {
  assertIsoDate(today, 'today')
  const year = Number(today.slice(0, 4))
  // A window opens in September of the year before its coverage year, so only these two can hold today.
  for (const coverageYear of [year, year + 1]) {
    const window = residentWindow(province, coverageYear)
    if (inside(today, window)) return window
  }
  return undefined
}

/** Days from today through the window's last day, inclusive (last day → 1); 0 once it has closed. */
export function daysLeftInWindow(today: IsoDate, window: CollectionWindow): number {
  assertIsoDate(today, 'today')
  return Math.max(0, daysBetween(today, window.end) + 1)
}

/** The next collection window that has not opened yet: what a 缴费提醒 reminds of. */
export function nextResidentWindow(today: IsoDate, province: ProvinceCode): CollectionWindow {
  assertIsoDate(today, 'today')
  const year = Number(today.slice(0, 4))
  for (let coverageYear = year; ; coverageYear++) {
    const window = residentWindow(province, coverageYear)
    if (window.start > today) return window
  }
}

/**
 * Coverage years payable today, ascending: a year with a policy, not yet paid, whose window
 * is open today; or the current calendar year after its window (late enrolment) when the
 * waiting period still ends within that year.
 */
export function payableResidentYears(input: {
  today: IsoDate
  province: ProvinceCode
  paidYears: readonly number[]
  history: InsuranceHistory
  /** Lets a newborn enrol late in the current year from the birth date. */
  birthDate?: IsoDate
}): PayableYear[] {
  const { today, province, paidYears, history, birthDate } = input
  assertIsoDate(today, 'today')
  const year = Number(today.slice(0, 4))
  const result: PayableYear[] = []
  for (const coverageYear of [year, year + 1]) {
    if (!residentYearPolicy(coverageYear) || paidYears.includes(coverageYear)) continue
    const window = residentWindow(province, coverageYear)
    if (inside(today, window)) {
      result.push({ coverageYear, window, inWindow: true })
    } else if (coverageYear === year && today > window.end) {
      const cover = residentCoverStart({ paymentDate: today, coverageYear, province, history, birthDate })
      if (cover.date <= `${year}-12-31`) result.push({ coverageYear, window, inWindow: false })
    }
  }
  return result
}

/**
 * Unpaid flexible months payable today, ascending: from the first unpaid month on or after
 * registration (but no further back than the arrears limit) through the current month.
 * Months already paid are left out, so the list may have gaps.
 */
export function payableFlexibleMonths(input: {
  today: IsoDate
  paidMonths: readonly IsoMonth[]
  registeredFrom: IsoMonth
  arrearsMonths?: number
}): IsoMonth[] {
  const { today, paidMonths, registeredFrom } = input
  const arrears = input.arrearsMonths ?? FLEXIBLE_ARREARS_MONTHS
  assertIsoDate(today, 'today')
  assertIsoMonth(registeredFrom, 'registration month')
  if (!Number.isSafeInteger(arrears) || arrears < 0) throw new RangeError(`invalid arrears months: ${arrears}`)
  const current = monthOfDate(today)
  const paid = new Set(paidMonths)
  let earliestUnpaid = registeredFrom
  while (earliestUnpaid <= current && paid.has(earliestUnpaid)) earliestUnpaid = addMonthsToMonth(earliestUnpaid, 1)
  const months: IsoMonth[] = []
  for (let m = maxIso(earliestUnpaid, addMonthsToMonth(current, -arrears)); m <= current; m = addMonthsToMonth(m, 1)) {
    if (!paid.has(m)) months.push(m)
  }
  return months
}

/** A selection must start at the earliest payable month and leave no payable month out between. */
export function isContiguousFromStart(selected: readonly IsoMonth[], payable: readonly IsoMonth[]): boolean {
  if (selected.length === 0 || selected.length > payable.length) return false
  const sorted = [...selected].sort()
  return sorted.every((m, i) => m === payable[i])
}

export function monthLabel(m: IsoMonth): string {
  assertIsoMonth(m)
  return `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`
}

export function coverageYearLabel(y: number): string {
  return `${y}年度`
}

export function coverageYearRange(y: number): { start: IsoDate; end: IsoDate } {
  return { start: `${y}-01-01`, end: `${y}-12-31` }
}

export function monthRange(m: IsoMonth): { start: IsoDate; end: IsoDate } {
  assertIsoMonth(m)
  return { start: firstDayOfMonth(m), end: lastDayOfMonth(m) }
}
