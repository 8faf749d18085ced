import dayjs, { Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/** Milliseconds since the epoch. Domain code never reads the clock itself; callers inject one. */
export type Clock = () => number

/** A calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
export type IsoDate = string

/** A calendar month, 'YYYY-MM'. */
export type IsoMonth = string

/**
 * Asia/Shanghai has been UTC+8 without daylight saving since 1991, so a fixed offset is exact
 * and avoids the Intl time-zone data that some mini-program engines lack.
 */
const SHANGHAI_OFFSET_MINUTES = 8 * 60

export function inShanghai(ms: number): Dayjs {
  return dayjs(ms).utcOffset(SHANGHAI_OFFSET_MINUTES)
}

export function shanghaiDate(ms: number): IsoDate {
  return inShanghai(ms).format('YYYY-MM-DD')
}

export function shanghaiMonth(ms: number): IsoMonth {
  return inShanghai(ms).format('YYYY-MM')
}

/** A Shanghai calendar date as a day-precision value (midnight UTC) for date arithmetic. */
export function parseIsoDate(date: IsoDate): Dayjs {
  return dayjs.utc(date, 'YYYY-MM-DD')
}

/** The epoch ms of 00:00 Asia/Shanghai on the given date. */
export function shanghaiMidnight(date: IsoDate): number {
  return parseIsoDate(date).valueOf() - SHANGHAI_OFFSET_MINUTES * 60_000
}

/** Whole days from a to b (b - a), both Shanghai dates. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return parseIsoDate(b).diff(parseIsoDate(a), 'day')
}

export function addMonths(date: IsoDate, months: number): IsoDate {
  return parseIsoDate(date).add(months, 'month').format('YYYY-MM-DD')
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return parseIsoDate(date).add(days, 'day').format('YYYY-MM-DD')
}

export function formatChineseDate(date: IsoDate): string {
  const d = parseIsoDate(date)
  return `${d.year()}年${d.month() + 1}月${d.date()}日`
}

// ---- helpers for calendar months and validation (used by policy, coverage and periods) ----

const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/
const ISO_MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/

/** True for a real calendar date 'YYYY-MM-DD' (rejects 2026-02-30, which dayjs would roll over). */
export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === 'string' && ISO_DATE_RE.test(s) && parseIsoDate(s).format('YYYY-MM-DD') === s
}

export function isIsoMonth(s: unknown): s is IsoMonth {
  return typeof s === 'string' && ISO_MONTH_RE.test(s)
}

export function assertIsoDate(s: IsoDate, what = 'date'): void {
  if (!isIsoDate(s)) throw new RangeError(`invalid ${what}: ${String(s)}`)
}

export function assertIsoMonth(s: IsoMonth, what = 'month'): void {
  if (!isIsoMonth(s)) throw new RangeError(`invalid ${what}: ${String(s)}`)
}

/** The month a date falls in. */
export function monthOfDate(date: IsoDate): IsoMonth {
  return date.slice(0, 7)
}

/** Month arithmetic on 'YYYY-MM' (negative n goes back). */
export function addMonthsToMonth(month: IsoMonth, n: number): IsoMonth {
  return parseIsoDate(`${month}-01`).add(n, 'month').format('YYYY-MM')
}

/** Whole months from a to b (b - a). */
export function monthsBetween(a: IsoMonth, b: IsoMonth): number {
  const [ay, am] = a.split('-').map(Number)
  const [by, bm] = b.split('-').map(Number)
  return (by - ay) * 12 + (bm - am)
}

export function firstDayOfMonth(month: IsoMonth): IsoDate {
  return `${month}-01`
}

export function lastDayOfMonth(month: IsoMonth): IsoDate {
  return parseIsoDate(`${month}-01`).endOf('month').format('YYYY-MM-DD')
}

/** ISO dates and months with 4-digit years sort as strings. */
export function maxIso<T extends string>(a: T, b: T): T {
  return a >= b ? a : b
}

export function minIso<T extends string>(a: T, b: T): T {
  return a <= b ? a : b
}
