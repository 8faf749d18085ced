/**
 * 城乡居民医保集中缴费期, per province and coverage year, each with its source. Windows are
 * announced year by year; a year nobody has announced yet is estimated from the province's usual
 * pattern and flagged demo, so the screen can say so (README: Policy data).
 */
import type { ProvinceCode } from './regions'
import { type IsoDate, lastDayOfMonth } from './time'

export interface CollectionWindow {
  province: ProvinceCode
  coverageYear: number
  start: IsoDate
  end: IsoDate
  source: string
  demo?: boolean
}

const SICHUAN_PATTERN = 'seed 000: 四川城乡居民医保集中缴费期 9月1日至次年2月底'
const FUJIAN_PATTERN = 'seed 004 and reports: 福建城乡居民医保集中缴费期 9月至12月, 截止日由各设区市公布'

/** Years with a window on record; `demo` where only the usual pattern, not that year's notice, is known. */
const WINDOWS: ReadonlyArray<{ province: ProvinceCode; coverageYear: number; source: string; demo?: boolean }> = [
  { province: '51', coverageYear: 2024, source: `演示数据: 按${SICHUAN_PATTERN}`, demo: true },
  { province: '51', coverageYear: 2025, source: `${SICHUAN_PATTERN} (2025年度: 2024-09-01 至 2025-02-28)` },
  { province: '51', coverageYear: 2026, source: `演示数据: 按${SICHUAN_PATTERN}`, demo: true },
  { province: '51', coverageYear: 2027, source: `演示数据: 按${SICHUAN_PATTERN}`, demo: true },
  { province: '35', coverageYear: 2024, source: `演示数据: 按${FUJIAN_PATTERN}`, demo: true },
  { province: '35', coverageYear: 2025, source: `演示数据: 按${FUJIAN_PATTERN}`, demo: true },
  { province: '35', coverageYear: 2026, source: `演示数据: 按${FUJIAN_PATTERN}`, demo: true },
  { province: '35', coverageYear: 2027, source: `演示数据: 按${FUJIAN_PATTERN}`, demo: true },
]

function patternDates(province: ProvinceCode, coverageYear: number): { start: IsoDate; end: IsoDate } {
  const prev = coverageYear - 1
  // Sichuan: to the end of February, so 29 Feb in leap years.
  return province === '51'
    ? { start: `${prev}-09-01`, end: lastDayOfMonth(`${coverageYear}-02`) }
    : { start: `${prev}-09-01`, end: `${prev}-12-31` }
}

/** The 集中缴费期 for a coverage year; paying inside it gives cover from 1 January. */
export function residentWindow(province: ProvinceCode, coverageYear: number): CollectionWindow {
  if (!Number.isInteger(coverageYear)) throw new RangeError(`invalid coverage year: ${coverageYear}`)
  const known = WINDOWS.find((w) => w.province === province && w.coverageYear === coverageYear)
  const source = known?.source ?? `尚未公布，按往年惯例推定 (演示数据): ${province === '51' ? SICHUAN_PATTERN : FUJIAN_PATTERN}`
  return { province, coverageYear, ...patternDates(province, coverageYear), source, ...(known && !known.demo ? {} : { demo: true }) }
}
