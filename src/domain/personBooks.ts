/**
 * A tax system's books for one person: which periods are paid (the registry's history plus what
 * was booked since), what stays due, and what a selection costs — or the typed reason it cannot be
 * had. The embedded mock and the server's tax simulator keep their books this way; each decides
 * only where "booked since" comes from (its paid orders, its declarations). Pure: "now" comes in.
 */
import type { DueItemsResponse, ErrorCode, OrderSelection, ResidentDueYear } from '../contract'
import { BACKEND_MESSAGES } from './backendMessages'
import type { InsuranceHistory } from './coverage'
import { flexibleDue as quoteFlexible, residentDueYears, windowClosedMessage } from './dueItems'
import { FULLY_FUNDED_MESSAGE, isFullyFunded } from './fullyFunded'
import type { IdDocType } from './idDocTypes'
import { parseIdDocument } from './idDocument'
import { isContiguousFromStart, unpublishedResidentYear } from './payable'
import { coverageYearRange, monthLabel, monthRange, openResidentWindow } from './periods'
import { notPublishedMessage, type SubsidyGroup } from './policy'
import { findRegion, type Region } from './regions'
import { addMonthsToMonth, monthsBetween, shanghaiDate, shanghaiMonth, type IsoMonth } from './time'

export const RESIDENT_ITEM = '城乡居民基本医疗保险'
export const FLEXIBLE_ITEM = '灵活就业人员基本医疗保险'

/** What the registry holds of a person (the demo registry's people are these). */
export interface RegisteredPerson {
  id: string
  status: 'resident' | 'flexible' | 'employee' | 'unregistered'
  regionCode: string
  idType: IdDocType
  idNumber: string
  subsidy: SubsidyGroup
  history: InsuranceHistory
  /** Resident: paid through this many years relative to the reference year; null = never paid. */
  residentPaidThrough: number | null
  /** Flexible: registered from this month, paid through this many months before today's. */
  flexibleRegisteredFrom?: IsoMonth
  flexiblePaidMonthsAgo?: number
}

/** Periods booked since the registry's history was written. */
export interface BookedPeriods {
  years: readonly number[]
  months: readonly IsoMonth[]
}

/** The periods a set of paid selections covers. */
export function bookedPeriodsOf(selections: Iterable<OrderSelection>): BookedPeriods {
  const years: number[] = []
  const months: IsoMonth[] = []
  for (const s of selections) {
    if (s.kind === 'resident') years.push(s.coverageYear)
    else months.push(...s.months)
  }
  return { years, months }
}

/** A typed no. `paidPeriod`: refused because a period is paid, so a caller may point at that payment. */
export interface Refusal {
  code: ErrorCode
  message: string
  paidPeriod?: true
}

export type Answer<T> = { ok: true; value: T } | { ok: false; refusal: Refusal }

const yes = <T>(value: T): Answer<T> => ({ ok: true, value })
const no = (code: ErrorCode, message: string, paidPeriod = false): Answer<never> => ({ ok: false, refusal: { code, message, ...(paidPeriod ? { paidPeriod: true as const } : {}) } })

export type DueItems = Pick<DueItemsResponse, 'itemName' | 'resident' | 'flexible'>

/** What an order for a selection is: amount, period, 档次 and when cover starts. */
export interface PricedPeriod {
  selection: OrderSelection
  itemName: string
  amountFen: number
  subsidyFen: number
  periodLabel: string
  periodStart: string
  periodEnd: string
  tierLabel?: string
  coverStart: string
}

export function regionOfPerson(person: Pick<RegisteredPerson, 'id' | 'regionCode'>): Region {
  const region = findRegion(person.regionCode)
  if (!region) throw new Error(`person ${person.id} has an unknown region`)
  return region
}

/** The coverage year people talk about today: the one whose window is open, else this year. */
export function referenceYear(person: Pick<RegisteredPerson, 'id' | 'regionCode'>, now: number): number {
  const window = openResidentWindow(shanghaiDate(now), regionOfPerson(person).province)
  return window ? window.coverageYear : Number(shanghaiDate(now).slice(0, 4))
}

export function booksOf(person: RegisteredPerson, now: number, booked: BookedPeriods) {
  const today = shanghaiDate(now)
  const region = regionOfPerson(person)

  function paidYears(): number[] {
    const years = new Set(booked.years)
    if (person.residentPaidThrough !== null) {
      const through = referenceYear(person, now) + person.residentPaidThrough
      for (let y = through - Math.max(person.history.continuousYears, 1) + 1; y <= through; y++) years.add(y)
    }
    return [...years].sort((a, b) => a - b)
  }

  function paidMonths(): IsoMonth[] {
    const months = new Set(booked.months)
    if (person.flexibleRegisteredFrom !== undefined && person.flexiblePaidMonthsAgo !== undefined) {
      const through = addMonthsToMonth(shanghaiMonth(now), -person.flexiblePaidMonthsAgo)
      const count = monthsBetween(person.flexibleRegisteredFrom, through)
      for (let i = 0; i <= count; i++) months.add(addMonthsToMonth(person.flexibleRegisteredFrom, i))
    }
    return [...months].sort()
  }

  /** Is any of the selection's periods paid (through any channel)? */
  function isPaid(selection: OrderSelection): boolean {
    if (selection.kind === 'resident') return paidYears().includes(selection.coverageYear)
    const paid = paidMonths()
    return selection.months.some((m) => paid.includes(m))
  }

  function residentYears(): ResidentDueYear[] {
    const parsed = parseIdDocument(person.idType, person.idNumber, today)
    const birthDate = parsed.ok ? parsed.doc.birthDate : undefined
    return residentDueYears({ today, region, paidYears: paidYears(), history: person.history, birthDate, subsidy: person.subsidy })
  }

  function flexibleDue() {
    if (!person.flexibleRegisteredFrom) return undefined
    return quoteFlexible({ today, region, paidMonths: paidMonths(), registeredFrom: person.flexibleRegisteredFrom, history: person.history })
  }

  /** The due items as listDueItems quotes them, or the typed reason there are none. */
  function dueItems(): Answer<DueItems> {
    if (person.status === 'employee') return no('EMPLOYEE_COVERED', BACKEND_MESSAGES.employee)
    if (person.status === 'flexible') {
      const due = flexibleDue()
      if (!due) return no('POLICY_NOT_PUBLISHED', notPublishedMessage(region, Number(today.slice(0, 4))))
      if (due.months.length === 0) return no('NOTHING_DUE', BACKEND_MESSAGES.nothingDue, paidMonths().includes(shanghaiMonth(now)))
      return yes({ itemName: FLEXIBLE_ITEM, flexible: due.view })
    }
    const years = residentYears()
    if (years.length > 0) return yes({ itemName: RESIDENT_ITEM, resident: { years } })
    if (paidYears().includes(referenceYear(person, now))) return no('ALREADY_PAID', BACKEND_MESSAGES.alreadyPaid, true)
    const unpublished = unpublishedResidentYear(today, region.province)
    if (unpublished) return no('POLICY_NOT_PUBLISHED', notPublishedMessage(region, unpublished))
    return no('NOTHING_DUE', BACKEND_MESSAGES.nothingDue)
  }

  function priceResident(coverageYear: number): Answer<PricedPeriod> {
    if (person.status !== 'resident') return no('INVALID_REQUEST', BACKEND_MESSAGES.notResident)
    const year = residentYears().find((y) => y.coverageYear === coverageYear)
    if (!year) {
      if (paidYears().includes(coverageYear)) return no('ALREADY_PAID', BACKEND_MESSAGES.alreadyPaid, true)
      return no('WINDOW_CLOSED', windowClosedMessage({ today, region, coverageYear, history: person.history }))
    }
    if (isFullyFunded(year)) return no('NOTHING_DUE', FULLY_FUNDED_MESSAGE)
    const range = coverageYearRange(coverageYear)
    return yes({
      selection: { kind: 'resident', coverageYear },
      itemName: RESIDENT_ITEM,
      amountFen: year.payableFen,
      subsidyFen: year.subsidyFen,
      periodLabel: year.label,
      periodStart: range.start,
      periodEnd: range.end,
      coverStart: year.coverStart,
    })
  }

  function priceFlexible(selection: Extract<OrderSelection, { kind: 'flexible' }>): Answer<PricedPeriod> {
    if (person.status !== 'flexible') return no('INVALID_REQUEST', BACKEND_MESSAGES.notFlexible)
    const due = flexibleDue()
    const tier = due?.policy.tiers.find((t) => t.code === selection.tierCode)
    if (!due || !tier) return no('INVALID_REQUEST', BACKEND_MESSAGES.unknownTier)
    if (!isContiguousFromStart(selection.months, due.months)) {
      if (isPaid(selection)) return no('ALREADY_PAID', BACKEND_MESSAGES.alreadyPaid, true)
      return no('INVALID_REQUEST', BACKEND_MESSAGES.monthsNotFromStart)
    }
    const months = [...selection.months].sort()
    const first = months[0]
    const last = months[months.length - 1]
    return yes({
      selection: { ...selection, months },
      itemName: FLEXIBLE_ITEM,
      amountFen: tier.monthlyFen * months.length,
      subsidyFen: 0,
      periodLabel: months.length === 1 ? monthLabel(first) : `${monthLabel(first)}至${monthLabel(last)}`,
      periodStart: monthRange(first).start,
      periodEnd: monthRange(last).end,
      tierLabel: tier.label,
      coverStart: due.cover.date,
    })
  }

  /** What an order for this selection would be, or the typed reason it cannot be made. */
  function price(selection: OrderSelection): Answer<PricedPeriod> {
    if (person.status === 'employee') return no('EMPLOYEE_COVERED', BACKEND_MESSAGES.employee)
    return selection.kind === 'resident' ? priceResident(selection.coverageYear) : priceFlexible(selection)
  }

  return { paidYears, paidMonths, isPaid, residentYears, flexibleDue, dueItems, price }
}

export type PersonBooks = ReturnType<typeof booksOf>
