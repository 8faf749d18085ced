/**
 * The demo tax system's rules for one person: what is paid, what is due, what a selection costs.
 * People and their histories come from the demo registry; amounts, windows and cover dates from
 * src/domain. Pure: "today" and the paid periods are passed in.
 */
import { addMonthsToMonth, monthsBetween, shanghaiDate, shanghaiMonth, type IsoMonth } from '../../../src/domain/time'
import { notPublishedMessage, SUBSIDY_RULES } from '../../../src/domain/policy'
import { findRegion, type Region } from '../../../src/domain/regions'
import { coverageYearRange, monthLabel, monthRange, openResidentWindow } from '../../../src/domain/periods'
import { isContiguousFromStart, unpublishedResidentYear } from '../../../src/domain/payable'
import { flexibleDue as quoteFlexible, residentDueYears, windowClosedMessage } from '../../../src/domain/dueItems'
import { FULLY_FUNDED_MESSAGE, isFullyFunded } from '../../../src/domain/fullyFunded'
import { maskIdNumber, maskName } from '../../../src/domain/mask'
import { parseIdDocument } from '../../../src/domain/idDocument'
import type { DemoPerson } from '../../../src/services/mock/registry'
import type { OrderSelection, ResidentDueYear } from '../contract'
import { fail } from '../errors'
import type { PricedSelection, TaxDueItems, TaxPerson } from './port'
import { BACKEND_MESSAGES } from '../../../src/domain/backendMessages'

export const RESIDENT_ITEM = '城乡居民基本医疗保险'
export const FLEXIBLE_ITEM = '灵活就业人员基本医疗保险'

/** Periods this system has booked for the person (through any channel). */
export interface Booked {
  years: number[]
  months: IsoMonth[]
}

export function regionOf(person: DemoPerson): Region {
  const region = findRegion(person.regionCode)
  if (!region) throw new Error(`demo person ${person.id} has an unknown region`)
  return region
}

export function taxPersonOf(person: DemoPerson): TaxPerson {
  const region = regionOf(person)
  const subsidy = person.subsidy === 'none' ? undefined : SUBSIDY_RULES.find((r) => r.group === person.subsidy)?.label
  return {
    taxPersonId: person.id,
    maskedName: maskName(person.name),
    maskedIdNumber: maskIdNumber(person.idNumber),
    idType: person.idType,
    region: { code: region.code, name: region.name, taxAuthority: region.taxAuthority },
    kind: person.status === 'flexible' ? 'flexible' : 'resident',
    ...(subsidy ? { subsidyLabel: subsidy } : {}),
  }
}

/** The coverage year people talk about today: the one whose window is open, else this year. */
export function referenceYear(person: DemoPerson, now: number): number {
  const window = openResidentWindow(shanghaiDate(now), regionOf(person).province)
  return window ? window.coverageYear : Number(shanghaiDate(now).slice(0, 4))
}

export function paidYears(person: DemoPerson, now: number, booked: Booked): number[] {
  const years = new Set(booked.years)
  if (person.residentPaidThrough !== null) {
    const through = referenceYear(person, now) + person.residentPaidThrough
    for (let y = through - Math.max(person.history.continuousYears, 1) + 1; y <= through; y++) years.add(y)
  }
  return [...years].sort((a, b) => a - b)
}

export function paidMonths(person: DemoPerson, now: number, booked: Booked): IsoMonth[] {
  const months = new Set(booked.months)
  if (person.flexibleRegisteredFrom !== undefined && person.flexiblePaidMonthsAgo !== undefined) {
    const through = addMonthsToMonth(shanghaiMonth(now), -person.flexiblePaidMonthsAgo)
    const count = monthsBetween(person.flexibleRegisteredFrom, through)
    for (let i = 0; i <= count; i++) months.add(addMonthsToMonth(person.flexibleRegisteredFrom, i))
  }
  return [...months].sort()
}

function residentYears(person: DemoPerson, now: number, booked: Booked): ResidentDueYear[] {
  const today = shanghaiDate(now)
  const parsed = parseIdDocument(person.idType, person.idNumber, today)
  const birthDate = parsed.ok ? parsed.doc.birthDate : undefined
  return residentDueYears({ today, region: regionOf(person), paidYears: paidYears(person, now, booked), history: person.history, birthDate, subsidy: person.subsidy })
}

function flexibleDue(person: DemoPerson, now: number, booked: Booked) {
  if (!person.flexibleRegisteredFrom) return undefined
  const today = shanghaiDate(now)
  return quoteFlexible({ today, region: regionOf(person), paidMonths: paidMonths(person, now, booked), registeredFrom: person.flexibleRegisteredFrom, history: person.history })
}

export function dueItems(person: DemoPerson, now: number, booked: Booked): TaxDueItems {
  if (person.status === 'employee') return fail('EMPLOYEE_COVERED', BACKEND_MESSAGES.employee)
  if (person.status === 'flexible') {
    const due = flexibleDue(person, now, booked)
    if (!due) return fail('POLICY_NOT_PUBLISHED', notPublishedMessage(regionOf(person), Number(shanghaiDate(now).slice(0, 4))))
    if (due.months.length === 0) return fail('NOTHING_DUE', BACKEND_MESSAGES.nothingDue)
    return { itemName: FLEXIBLE_ITEM, flexible: due.view }
  }
  const years = residentYears(person, now, booked)
  if (years.length === 0) {
    if (paidYears(person, now, booked).includes(referenceYear(person, now))) return fail('ALREADY_PAID', BACKEND_MESSAGES.alreadyPaid)
    const unpublished = unpublishedResidentYear(shanghaiDate(now), regionOf(person).province)
    if (unpublished) return fail('POLICY_NOT_PUBLISHED', notPublishedMessage(regionOf(person), unpublished))
    return fail('NOTHING_DUE', BACKEND_MESSAGES.nothingDue)
  }
  return { itemName: RESIDENT_ITEM, resident: { years } }
}

export function isPaid(person: DemoPerson, now: number, booked: Booked, selection: OrderSelection): boolean {
  if (selection.kind === 'resident') return paidYears(person, now, booked).includes(selection.coverageYear)
  const paid = paidMonths(person, now, booked)
  return selection.months.some((m) => paid.includes(m))
}

/** What an order for this selection would be, or the typed reason it cannot be made. */
export function price(person: DemoPerson, now: number, booked: Booked, selection: OrderSelection): PricedSelection {
  if (person.status === 'employee') return fail('EMPLOYEE_COVERED', BACKEND_MESSAGES.employee)
  if (selection.kind === 'resident') {
    if (person.status !== 'resident') return fail('INVALID_REQUEST', BACKEND_MESSAGES.notResident)
    const year = residentYears(person, now, booked).find((y) => y.coverageYear === selection.coverageYear)
    if (!year) {
      if (isPaid(person, now, booked, selection)) return fail('ALREADY_PAID', BACKEND_MESSAGES.alreadyPaid)
      return fail('WINDOW_CLOSED', windowClosedMessage({ today: shanghaiDate(now), region: regionOf(person), coverageYear: selection.coverageYear, history: person.history }))
    }
    if (isFullyFunded(year)) return fail('NOTHING_DUE', FULLY_FUNDED_MESSAGE)
    const range = coverageYearRange(selection.coverageYear)
    return {
      selection,
      itemName: RESIDENT_ITEM,
      amountFen: year.payableFen,
      subsidyFen: year.subsidyFen,
      periodLabel: year.label,
      periodStart: range.start,
      periodEnd: range.end,
      coverStart: year.coverStart,
    }
  }
  if (person.status !== 'flexible') return fail('INVALID_REQUEST', BACKEND_MESSAGES.notFlexible)
  const due = flexibleDue(person, now, booked)
  const tier = due?.policy.tiers.find((t) => t.code === selection.tierCode)
  if (!due || !tier) return fail('INVALID_REQUEST', BACKEND_MESSAGES.unknownTier)
  if (!isContiguousFromStart(selection.months, due.months)) {
    if (isPaid(person, now, booked, selection)) return fail('ALREADY_PAID', BACKEND_MESSAGES.alreadyPaid)
    return fail('INVALID_REQUEST', BACKEND_MESSAGES.monthsNotFromStart)
  }
  const months = [...selection.months].sort()
  const first = months[0]
  const last = months[months.length - 1]
  return {
    selection: { ...selection, months },
    itemName: FLEXIBLE_ITEM,
    amountFen: tier.monthlyFen * months.length,
    subsidyFen: 0,
    periodLabel: months.length === 1 ? monthLabel(first) : `${monthLabel(first)}至${monthLabel(last)}`,
    periodStart: monthRange(first).start,
    periodEnd: monthRange(last).end,
    tierLabel: tier.label,
    coverStart: due.cover.date,
  }
}
