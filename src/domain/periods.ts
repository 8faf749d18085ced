/**
 * Collection windows as seen from a given day, and the labels and date ranges of periods. Light
 * on purpose (the main package's home page reads it); what is payable is ./payable.
 */
import type { ProvinceCode } from './regions'
import { type CollectionWindow, residentWindow } from './windows'
import { IsoDate, IsoMonth, assertIsoDate, assertIsoMonth, daysBetween, firstDayOfMonth, lastDayOfMonth } from './time'

export function inside(today: IsoDate, window: CollectionWindow): boolean {
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
export function daysLeftInWindow(today: IsoDate, window: Pick<CollectionWindow, 'end'>): number {
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
