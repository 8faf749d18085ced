/** Birth dates inside ID numbers: real, from 1900 on, not after today; the 2017 card's 2-digit year. */
import type { IdDocType, IdFailure as Failure } from './idDocTypes'
import type { IsoDate } from './time'

/** Which birth-date digits the user should look at, by 1-based position. */
type DateSpan = '7至14' | '7至12' | '8至13'

function impossibleDate(span: DateSpan): Failure {
  return { problem: 'impossible_birth_date', message: `出生日期不存在，请核对第${span}位` }
}

function tooEarlyDate(span: DateSpan): Failure {
  return { problem: 'impossible_birth_date', message: `出生日期早于1900年，请核对第${span}位` }
}

const FUTURE: Failure = { problem: 'future_birth_date', message: '出生日期晚于今天，请核对' }

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

export type DateOutcome = { date: string } | Failure

/** An 8-digit birth date: real, from 1900 on, not after today. */
function checkBirthDate(yyyymmdd: string, todayCompact: string, span: DateSpan): DateOutcome {
  if (!isRealDate(yyyymmdd)) return impossibleDate(span)
  if (yyyymmdd < '19000101') return tooEarlyDate(span)
  if (yyyymmdd > todayCompact) return FUTURE
  return { date: yyyymmdd }
}

/** The 2017 card has a 2-digit year: take the latest century that does not put the birth in the future. */
function check2017BirthDate(yymmdd: string, todayCompact: string): DateOutcome {
  const in2000s = '20' + yymmdd
  const in1900s = '19' + yymmdd
  if (isRealDate(in2000s) && in2000s <= todayCompact) return { date: in2000s }
  if (isRealDate(in1900s)) return in1900s <= todayCompact ? { date: in1900s } : FUTURE
  // Only 2000-02-29-style dates get here: real in the 2000s, but still ahead of today.
  return isRealDate(in2000s) ? FUTURE : impossibleDate('8至13')
}

export function isFailure(o: DateOutcome): o is Failure {
  return 'problem' in o
}

/**
 * The birth-date check for a string whose date digits may or may not all be present yet.
 * Returns undefined when the date cannot be judged (too short, or no date in this type).
 */
export function dateOutcome(type: IdDocType, s: string, todayCompact: string, complete: boolean): DateOutcome | undefined {
  switch (type) {
    case 'resident_id': {
      if (complete && s.length === 15) return checkBirthDate('19' + s.slice(6, 12), todayCompact, '7至12')
      if (s.length < 14) return undefined
      const modern = checkBirthDate(s.slice(6, 14), todayCompact, '7至14')
      // While typing, 14 or 15 digits may still be an old 15-digit id; only flag if that reading fails too.
      if (!complete && s.length <= 15 && isFailure(modern)) {
        const old = checkBirthDate('19' + s.slice(6, 12), todayCompact, '7至12')
        if (!isFailure(old)) return undefined
      }
      return modern
    }
    case 'hmt_permit':
    case 'foreign_pr':
      return s.length < 14 ? undefined : checkBirthDate(s.slice(6, 14), todayCompact, '7至14')
    case 'foreign_pr_2017':
      return s.length < 13 ? undefined : check2017BirthDate(s.slice(7, 13), todayCompact)
    default:
      return undefined
  }
}
