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
