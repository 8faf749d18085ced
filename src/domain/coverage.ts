/**
 * When cover (待遇享受) starts after a payment, and why. 国办发〔2024〕38号 as restated locally:
 * whoever enrols outside the concentrated window, or after a break, waits a fixed
 * 3 months; each year of break adds 1 month of variable wait; each missed year paid back (修复)
 * removes 1 month of it; after a break of 4+ years the whole wait stays at least 6 months.
 * Continuous years never shorten a wait. Newborns and 资助参保 people have none.
 */
import { type CollectionWindow, residentWindow } from './windows'
import type { ProvinceCode } from './regions'
import { IsoDate, addMonths, addMonthsToMonth, assertIsoDate, daysBetween, firstDayOfMonth, maxIso, monthOfDate } from './time'

export interface InsuranceHistory {
  /** Years paid without a break up to the last paid year (raises the 大病保险 cap; never the wait). */
  continuousYears: number
  /** Whole years missed since the last paid year; 0 = no break. */
  breakYears: number
  /** Missed years paid back since (修复); at most breakYears. */
  repairedYears?: number
}

export const FIXED_WAITING_MONTHS = 3
/** From this many years of break on, the whole wait stays at least MIN_LONG_BREAK_WAIT months. */
const LONG_BREAK_YEARS = 4
const MIN_LONG_BREAK_WAIT = 6
export const NATIONAL_NEWBORN_DAYS = 90

export interface WaitingPeriod {
  fixedMonths: number
  variableMonths: number
  totalMonths: number
  /** e.g. 断保2年：固定等待期3个月 + 变动等待期2个月 */
  reason: string
}

function assertHistory(h: InsuranceHistory): void {
  const ok = (n: number) => Number.isSafeInteger(n) && n >= 0
  const repaired = h.repairedYears ?? 0
  if (!ok(h.continuousYears) || !ok(h.breakYears) || !ok(repaired) || repaired > h.breakYears) {
    throw new RangeError(`invalid insurance history: ${JSON.stringify(h)}`)
  }
}

/** The wait for someone who enrols late or after a break (whether one applies is residentCoverStart's call). */
export function waitingPeriod(history: InsuranceHistory): WaitingPeriod {
  assertHistory(history)
  const { breakYears } = history
  const repaired = history.repairedYears ?? 0
  const variableMonths = breakYears - repaired
  const plain = FIXED_WAITING_MONTHS + variableMonths
  const totalMonths = breakYears >= LONG_BREAK_YEARS ? Math.max(MIN_LONG_BREAK_WAIT, plain) : plain
  const who = breakYears === 0 ? '未在集中缴费期参保' : `断保${breakYears}年${repaired > 0 ? `（已补缴${repaired}年）` : ''}`
  const parts = variableMonths > 0 ? `固定等待期3个月 + 变动等待期${variableMonths}个月` : '固定等待期3个月'
  const floor = totalMonths > plain ? `；断保${LONG_BREAK_YEARS}年及以上，等待期不少于${MIN_LONG_BREAK_WAIT}个月` : ''
  return { fixedMonths: FIXED_WAITING_MONTHS, variableMonths, totalMonths, reason: `${who}：${parts}${floor}` }
}

export function waitingPeriodMonths(history: InsuranceHistory): number {
  return waitingPeriod(history).totalMonths
}

export interface ResidentCoverStart {
  date: IsoDate
  reason: 'in_window' | 'waiting_period' | 'newborn' | 'exempt'
  waitingMonths: number
  /** Why there is a wait, when there is one. */
  note?: string
}

export function residentCoverStart(input: {
  paymentDate: IsoDate
  coverageYear: number
  province: ProvinceCode
  history: InsuranceHistory
  birthDate?: IsoDate
  /** How long after birth a newborn may enrol and be covered from birth (regional data). */
  newbornDays?: number
  /** 资助参保 and the other listed groups: no waiting period. */
  exempt?: boolean
}): ResidentCoverStart {
  const { paymentDate, coverageYear, province, history, birthDate, exempt } = input
  assertIsoDate(paymentDate, 'payment date')
  assertHistory(history)
  const yearStart: IsoDate = `${coverageYear}-01-01`

  if (birthDate !== undefined) {
    assertIsoDate(birthDate, 'birth date')
    const age = daysBetween(birthDate, paymentDate)
    const birthYear = Number(birthDate.slice(0, 4))
    if (age >= 0 && age <= (input.newbornDays ?? NATIONAL_NEWBORN_DAYS) && birthYear <= coverageYear) {
      return { date: maxIso(birthDate, yearStart), reason: 'newborn', waitingMonths: 0 }
    }
  }

  const window: CollectionWindow = residentWindow(province, coverageYear)
  const inWindow = paymentDate >= window.start && paymentDate <= window.end
  if (inWindow && history.breakYears === 0) {
    // Retroactive: paying in February inside the window still covers from 1 January.
    return { date: yearStart, reason: 'in_window', waitingMonths: 0 }
  }
  if (exempt) return { date: maxIso(yearStart, paymentDate), reason: 'exempt', waitingMonths: 0 }

  // The wait runs from the payment, or from 1 January when paying ahead inside the window: a
  // returning payer inside the window still waits the months the rules give.
  const wait = waitingPeriod(history)
  return { date: addMonths(maxIso(yearStart, paymentDate), wait.totalMonths), reason: 'waiting_period', waitingMonths: wait.totalMonths, note: wait.reason }
}

export interface FlexibleCoverStart {
  date: IsoDate
  reason: 'next_month' | 'waiting_period'
  waitingMonths: number
  note?: string
}

export function flexibleCoverStart(input: { paymentDate: IsoDate; history: InsuranceHistory }): FlexibleCoverStart {
  const { paymentDate, history } = input
  assertIsoDate(paymentDate, 'payment date')
  assertHistory(history)
  if (history.breakYears === 0) {
    // Seed 004: continuous monthly payers are covered from the next month.
    return { date: firstDayOfMonth(addMonthsToMonth(monthOfDate(paymentDate), 1)), reason: 'next_month', waitingMonths: 0 }
  }
  const wait = waitingPeriod(history)
  return { date: addMonths(paymentDate, wait.totalMonths), reason: 'waiting_period', waitingMonths: wait.totalMonths, note: wait.reason }
}
