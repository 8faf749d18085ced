/**
 * Where a paid person's money is: 支付成功 (when) → 税务入库 (done, or expected by a date) →
 * 医保待遇开始 (the date). From the order's state (已缴费 / 已入库) and its cover start; "now" is
 * passed in.
 */
import { type IsoDate, addDays, formatChineseDate, inShanghai, parseIsoDate, shanghaiDate } from './time'

/** 已缴费 → 已入库 takes 2–3 working days (domain.md §4): the expected date is the third. */
export const BOOKING_WORKING_DAYS = 3

export interface TrackerStep {
  key: 'paid' | 'booked' | 'cover'
  title: string
  detail: string
  done: boolean
}

/** The date `count` working days (Monday to Friday; public holidays are not known here) after `date`. */
export function addWorkingDays(date: IsoDate, count: number): IsoDate {
  let day = date
  for (let left = count; left > 0; ) {
    day = addDays(day, 1)
    const weekday = parseIsoDate(day).day()
    if (weekday !== 0 && weekday !== 6) left -= 1
  }
  return day
}

export function paymentTracker(input: { paidAt: number; booked: boolean; coverStart: IsoDate; now: number }): TrackerStep[] {
  const { paidAt, booked, coverStart, now } = input
  const expected = addWorkingDays(shanghaiDate(paidAt), BOOKING_WORKING_DAYS)
  const covered = shanghaiDate(now) >= coverStart
  return [
    { key: 'paid', title: '支付成功', detail: inShanghai(paidAt).format('YYYY-MM-DD HH:mm'), done: true },
    { key: 'booked', title: '税务入库', detail: booked ? '已入库' : `预计${formatChineseDate(expected)}前完成`, done: booked },
    { key: 'cover', title: '医保待遇开始', detail: `${formatChineseDate(coverStart)}起${covered ? '已' : ''}享受`, done: covered },
  ]
}
