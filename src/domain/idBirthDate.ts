/**
 * Birth dates inside ID numbers: a real calendar day, from 1900 on, not after today. Messages
 * name the digits to look at, never the digits themselves.
 */
import type { IsoDate } from './time'

/** A birth date that cannot be right; the ID rules report it as their own problem. */
export type DateFailure = { problem: 'impossible_birth_date' | 'future_birth_date'; message: string }

/** Which birth-date digits the user should look at, by 1-based position. */
export type DateSpan = '7至14' | '7至12' | '8至13'

function impossibleDate(span: DateSpan): DateFailure {
  return { problem: 'impossible_birth_date', message: `出生日期不存在，请核对第${span}位` }
}

function tooEarlyDate(span: DateSpan): DateFailure {
  return { problem: 'impossible_birth_date', message: `出生日期早于1900年，请核对第${span}位` }
}

const FUTURE: DateFailure = { problem: 'future_birth_date', message: '出生日期晚于今天，请核对' }

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

/** 'YYYYMMDD' (8 digits) names a real calendar day. */
function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4))
  const m = Number(yyyymmdd.slice(4, 6))
  const d = Number(yyyymmdd.slice(6, 8))
  if (m < 1 || m > 12 || d < 1) return false
  const monthDays = [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
  return d <= monthDays[m - 1]
}

export function compactToday(today: IsoDate): string {
  return today.replace(/-/g, '')
}

export function toIso(yyyymmdd: string): IsoDate {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`
}

export type DateOutcome = { date: string } | DateFailure

/** An 8-digit birth date: real, from 1900 on, not after today. */
export function checkBirthDate(yyyymmdd: string, todayCompact: string, span: DateSpan): DateOutcome {
  if (!isRealDate(yyyymmdd)) return impossibleDate(span)
  if (yyyymmdd < '19000101') return tooEarlyDate(span)
  if (yyyymmdd > todayCompact) return FUTURE
  return { date: yyyymmdd }
}

/** The 2017 card has a 2-digit year: take the latest century that does not put the birth in the future. */
export function check2017BirthDate(yymmdd: string, todayCompact: string): DateOutcome {
  const in2000s = '20' + yymmdd
  const in1900s = '19' + yymmdd
  if (isRealDate(in2000s) && in2000s <= todayCompact) return { date: in2000s }
  if (isRealDate(in1900s)) return in1900s <= todayCompact ? { date: in1900s } : FUTURE
  // Only 2000-02-29-style dates get here: real in the 2000s, but still ahead of today.
  return isRealDate(in2000s) ? FUTURE : impossibleDate('8至13')
}

export function isFailure(o: DateOutcome): o is DateFailure {
  return 'problem' in o
}
