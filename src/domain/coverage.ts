/**
 * When cover (待遇享受) starts after a payment. Rules from domain.md §1 "Collection windows and
 * when cover starts": 国办发〔2024〕38号 waiting periods (from 2025), seed 000 (四川, 3-month
 * wait), seed 004 (continuous flexible payers covered from the next month).
 */
import { ProvinceCode, residentWindow } from './policy'
import {
  IsoDate,
  addMonths,
  addMonthsToMonth,
  assertIsoDate,
  daysBetween,
  firstDayOfMonth,
  maxIso,
  monthOfDate,
} from './time'

export interface InsuranceHistory {
  /** Years paid without a break up to the last paid year. */
  continuousYears: number
  /** Whole years missed since the last paid year; 0 = no break. */
  breakYears: number
}

/** 国办发〔2024〕38号: fixed waiting period, never shortened. */
const FIXED_WAITING_MONTHS = 3
/** Continuous years after which each further year removes one month of the variable wait. */
const CONTINUOUS_YEARS_BEFORE_REDUCTION = 4
/** Newborns enrolled within 90 days of birth are covered from the birth date. */
const NEWBORN_ENROLMENT_DAYS = 90

function assertHistory(h: InsuranceHistory): void {
  const ok = (n: number) => Number.isSafeInteger(n) && n >= 0
  if (!ok(h.continuousYears) || !ok(h.breakYears)) {
    throw new RangeError(`invalid insurance history: ${JSON.stringify(h)}`)
  }
}

/**
 * 3 months fixed, plus 1 month for each year of break beyond the first, minus 1 month for each
 * continuous year beyond 4; the reduction only eats the variable part, never the fixed 3.
 */
export function waitingPeriodMonths(history: InsuranceHistory): number {
  assertHistory(history)
  const variable = history.breakYears > 1 ? history.breakYears - 1 : 0
  const reduction = Math.max(0, history.continuousYears - CONTINUOUS_YEARS_BEFORE_REDUCTION)
  return Math.max(FIXED_WAITING_MONTHS, FIXED_WAITING_MONTHS + variable - reduction)
}

export interface ResidentCoverStart {
  date: IsoDate
  reason: 'in_window' | 'waiting_period' | 'newborn'
  waitingMonths: number
}

export function residentCoverStart(input: {
  paymentDate: IsoDate
  coverageYear: number
  province: ProvinceCode
  history: InsuranceHistory
  birthDate?: IsoDate
}): ResidentCoverStart {
  const { paymentDate, coverageYear, province, history, birthDate } = input
  assertIsoDate(paymentDate, 'payment date')
  assertHistory(history)
  const yearStart: IsoDate = `${coverageYear}-01-01`

  if (birthDate !== undefined) {
    assertIsoDate(birthDate, 'birth date')
    const age = daysBetween(birthDate, paymentDate)
    const birthYear = Number(birthDate.slice(0, 4))
    if (age >= 0 && age <= NEWBORN_ENROLMENT_DAYS && birthYear <= coverageYear) {
      return { date: maxIso(birthDate, yearStart), reason: 'newborn', waitingMonths: 0 }
    }
  }

  const window = residentWindow(province, coverageYear)
  const inWindow = paymentDate >= window.start && paymentDate <= window.end
  if (inWindow && history.breakYears === 0) {
    // Retroactive: paying in February inside the window still covers from 1 January.
    return { date: yearStart, reason: 'in_window', waitingMonths: 0 }
  }

  const waitingMonths = waitingPeriodMonths(history)
  return { date: maxIso(yearStart, addMonths(paymentDate, waitingMonths)), reason: 'waiting_period', waitingMonths }
}

export interface FlexibleCoverStart {
  date: IsoDate
  reason: 'next_month' | 'waiting_period'
  waitingMonths: number
}

export function flexibleCoverStart(input: { paymentDate: IsoDate; history: InsuranceHistory }): FlexibleCoverStart {
  const { paymentDate, history } = input
  assertIsoDate(paymentDate, 'payment date')
  assertHistory(history)
  if (history.breakYears === 0) {
    // Seed 004: continuous monthly payers are covered from the next month.
    return { date: firstDayOfMonth(addMonthsToMonth(monthOfDate(paymentDate), 1)), reason: 'next_month', waitingMonths: 0 }
  }
  const waitingMonths = waitingPeriodMonths(history)
  return { date: addMonths(paymentDate, waitingMonths), reason: 'waiting_period', waitingMonths }
}
