/**
 * What the person has picked on the items page, in the backend's own figures: the client adds
 * up the per-period amounts the backend quoted to show a total, but never tells the backend
 * what to charge (the order's amount is the backend's).
 */
import type { Selection } from '../domain/payFlow'
import type { DueItemsResponse } from '../contract'

export interface SelectionSummary {
  periodLabel: string
  totalFen: number
  standardFen: number
  subsidyFen: number
  coverStart: string
  /** Why cover waits, when it does (断保2年：…). */
  coverNote?: string
  tierLabel?: string
  /** A figure behind the amount is a demo one (演示数据). */
  demo?: boolean
}

/** The earliest in-window year; for flexible work the earliest unpaid month at the default 档次. */
export function defaultSelection(due: DueItemsResponse): Selection | undefined {
  if (due.resident && due.resident.years.length > 0) {
    const year = due.resident.years.find((y) => y.inWindow) ?? due.resident.years[0]
    return { kind: 'resident', coverageYear: year.coverageYear }
  }
  if (due.flexible && due.flexible.months.length > 0) {
    return { kind: 'flexible', months: [due.flexible.months[0].month], tierCode: due.flexible.defaultTierCode }
  }
  return undefined
}

/** Months are paid contiguously from the earliest unpaid one: picking a month takes all before it. */
export function monthsThrough(due: DueItemsResponse, month: string): string[] {
  const months = due.flexible?.months.map((m) => m.month) ?? []
  const index = months.indexOf(month)
  return index < 0 ? [] : months.slice(0, index + 1)
}

export function summarise(due: DueItemsResponse, selection: Selection | undefined): SelectionSummary | undefined {
  if (!selection) return undefined
  if (selection.kind === 'resident') {
    const year = due.resident?.years.find((y) => y.coverageYear === selection.coverageYear)
    if (!year) return undefined
    return {
      periodLabel: year.label,
      totalFen: year.payableFen,
      standardFen: year.standardFen,
      subsidyFen: year.subsidyFen,
      coverStart: year.coverStart,
      coverNote: year.coverNote,
      demo: year.demo,
    }
  }
  const flexible = due.flexible
  const tier = flexible?.tiers.find((t) => t.code === selection.tierCode)
  const labels = selection.months.map((m) => flexible?.months.find((x) => x.month === m)?.label)
  if (!flexible || !tier || labels.length === 0 || labels.some((l) => l === undefined)) return undefined
  const totalFen = tier.monthlyFen * selection.months.length
  return {
    periodLabel: labels.length === 1 ? labels[0]! : `${labels[0]}至${labels[labels.length - 1]}（共${labels.length}个月）`,
    totalFen,
    standardFen: totalFen,
    subsidyFen: 0,
    coverStart: flexible.coverStart,
    coverNote: flexible.coverNote,
    tierLabel: tier.label,
    demo: flexible.demo,
  }
}
