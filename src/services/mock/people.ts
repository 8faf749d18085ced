/**
 * What the mock knows about each demo person today: region, what is paid (the registry's history
 * plus paid orders), what is due, and the masked view the app is given.
 */
import type { DueItemsResponse, PayerView, ResidentDueYear } from '../../contract'
import { flexibleDue as quoteFlexible, residentDueYears } from '../../domain/dueItems'
import { parseIdDocument } from '../../domain/idDocument'
import { maskIdNumber, maskName } from '../../domain/mask'
import { isPaidState } from '../../domain/orderState'
import { unpublishedResidentYear } from '../../domain/payable'
import { openResidentWindow } from '../../domain/periods'
import { notPublishedMessage, SUBSIDY_RULES } from '../../domain/policy'
import { findRegion, type Region } from '../../domain/regions'
import { type Clock, type IsoMonth, addMonthsToMonth, monthsBetween, shanghaiDate, shanghaiMonth } from '../../domain/time'
import { fail } from './errors'
import { DEMO_PEOPLE, SELF_PERSON_ID, type DemoPerson } from './registry'
import type { StoredOrder } from './state'
import { BACKEND_MESSAGES } from '../../domain/backendMessages'

export const RESIDENT_ITEM = '城乡居民基本医疗保险'
export const FLEXIBLE_ITEM = '灵活就业人员基本医疗保险'

/** FNV-1a: a stable, opaque handle that reveals nothing of what it was made from. */
export function opaqueHash(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(36).padStart(7, '0')
}

export function payerRefOf(person: DemoPerson): string {
  return `pr_${opaqueHash(`payer:${person.id}`)}${opaqueHash(`salt:${person.id}:2026`)}`
}

export function regionOf(person: DemoPerson): Region {
  const region = findRegion(person.regionCode)
  if (!region) throw new Error(`demo person ${person.id} has an unknown region`)
  return region
}

const refToPerson = new Map(DEMO_PEOPLE.map((p) => [payerRefOf(p), p]))
const personById = new Map(DEMO_PEOPLE.map((p) => [p.id, p]))

export const isKnownPerson = (id: string): boolean => personById.has(id)

/** A person the registry has, by id (stored records are checked against it on load). */
export function personOf(id: string): DemoPerson {
  return personById.get(id)!
}

export function personForRef(payerRef: string): DemoPerson {
  const person = refToPerson.get(payerRef)
  if (!person) return fail('NOT_REGISTERED', BACKEND_MESSAGES.notRegistered)
  return person
}

export function payerView(person: DemoPerson): PayerView {
  const region = regionOf(person)
  return {
    payerRef: payerRefOf(person),
    maskedName: maskName(person.name),
    maskedIdNumber: maskIdNumber(person.idNumber),
    idType: person.idType,
    region: { code: region.code, name: region.name, taxAuthority: region.taxAuthority },
    kind: person.status === 'flexible' ? 'flexible' : 'resident',
    isSelf: person.id === SELF_PERSON_ID,
    subsidyLabel: person.subsidy === 'none' ? undefined : SUBSIDY_RULES.find((r) => r.group === person.subsidy)?.label,
  }
}

/** Facts that depend on today and on the orders so far. */
export function createPeople(clock: Clock, orders: () => readonly StoredOrder[]) {
  const today = () => shanghaiDate(clock())
  const ordersOf = (person: DemoPerson) => orders().filter((o) => o.personId === person.id)

  /** The coverage year people talk about today: the one whose window is open, else this year. */
  function referenceYear(person: DemoPerson): number {
    const window = openResidentWindow(today(), regionOf(person).province)
    return window ? window.coverageYear : Number(today().slice(0, 4))
  }

  function paidResidentYears(person: DemoPerson): number[] {
    const years = new Set<number>()
    if (person.residentPaidThrough !== null) {
      const through = referenceYear(person) + person.residentPaidThrough
      for (let y = through - Math.max(person.history.continuousYears, 1) + 1; y <= through; y++) years.add(y)
    }
    for (const o of ordersOf(person)) {
      if (isPaidState(o.state) && o.selection.kind === 'resident') years.add(o.selection.coverageYear)
    }
    return [...years].sort((a, b) => a - b)
  }

  function paidFlexibleMonths(person: DemoPerson): IsoMonth[] {
    const months = new Set<IsoMonth>()
    if (person.flexibleRegisteredFrom !== undefined && person.flexiblePaidMonthsAgo !== undefined) {
      const through = addMonthsToMonth(shanghaiMonth(clock()), -person.flexiblePaidMonthsAgo)
      const count = monthsBetween(person.flexibleRegisteredFrom, through)
      for (let i = 0; i <= count; i++) months.add(addMonthsToMonth(person.flexibleRegisteredFrom, i))
    }
    for (const o of ordersOf(person)) {
      if (isPaidState(o.state) && o.selection.kind === 'flexible') o.selection.months.forEach((m) => months.add(m))
    }
    return [...months].sort()
  }

  function birthDateOf(person: DemoPerson): string | undefined {
    const parsed = parseIdDocument(person.idType, person.idNumber, today())
    return parsed.ok ? parsed.doc.birthDate : undefined
  }

  function residentYears(person: DemoPerson): ResidentDueYear[] {
    return residentDueYears({ today: today(), region: regionOf(person), paidYears: paidResidentYears(person), history: person.history, birthDate: birthDateOf(person), subsidy: person.subsidy })
  }

  function flexibleDue(person: DemoPerson) {
    if (!person.flexibleRegisteredFrom) return undefined
    return quoteFlexible({ today: today(), region: regionOf(person), paidMonths: paidFlexibleMonths(person), registeredFrom: person.flexibleRegisteredFrom, history: person.history })
  }

  /** The unfinished order a new one for this person would duplicate. */
  function openOrderOf(person: DemoPerson): StoredOrder | undefined {
    return ordersOf(person)
      .filter((o) => o.state === 'pending' || o.state === 'paying' || o.state === 'failed')
      .sort((a, b) => b.createdAt - a.createdAt)[0]
  }

  /** The payment an 已缴费 answer points at. */
  function latestPaidOrderId(person: DemoPerson): string | undefined {
    return ordersOf(person)
      .filter((o) => isPaidState(o.state))
      .sort((a, b) => b.createdAt - a.createdAt)[0]?.orderId
  }

  /** The due items as listDueItems answers them, or the typed reason there are none. */
  function dueItems(person: DemoPerson): DueItemsResponse {
    if (person.status === 'employee') return fail('EMPLOYEE_COVERED', BACKEND_MESSAGES.employee)
    const response: DueItemsResponse = {
      payer: payerView(person),
      itemName: person.status === 'flexible' ? FLEXIBLE_ITEM : RESIDENT_ITEM,
      openOrderId: openOrderOf(person)?.orderId,
    }
    if (person.status === 'flexible') {
      const due = flexibleDue(person)
      if (!due) return fail('POLICY_NOT_PUBLISHED', notPublishedMessage(regionOf(person), Number(today().slice(0, 4))))
      if (due.months.length > 0) {
        response.flexible = due.view
      } else if (paidFlexibleMonths(person).includes(shanghaiMonth(clock()))) {
        return fail('NOTHING_DUE', BACKEND_MESSAGES.nothingDue, latestPaidOrderId(person))
      } else {
        return fail('NOTHING_DUE', BACKEND_MESSAGES.nothingDue)
      }
    } else {
      const years = residentYears(person)
      if (years.length === 0) {
        if (paidResidentYears(person).includes(referenceYear(person))) return fail('ALREADY_PAID', BACKEND_MESSAGES.alreadyPaid, latestPaidOrderId(person))
        const unpublished = unpublishedResidentYear(today(), regionOf(person).province)
        if (unpublished) return fail('POLICY_NOT_PUBLISHED', notPublishedMessage(regionOf(person), unpublished))
        return fail('NOTHING_DUE', BACKEND_MESSAGES.nothingDue)
      }
      response.resident = { years }
    }
    return response
  }

  return { today, ordersOf, referenceYear, paidResidentYears, paidFlexibleMonths, residentYears, flexibleDue, openOrderOf, latestPaidOrderId, dueItems }
}

export type People = ReturnType<typeof createPeople>

