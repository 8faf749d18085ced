/**
 * What the mock knows about each demo person today: region, the books (domain/personBooks: the
 * registry's history plus the mock's paid orders), what is due, and the masked view the app is given.
 */
import type { DueItemsResponse, PayerView } from '../../contract'
import { BACKEND_MESSAGES } from '../../domain/backendMessages'
import { maskIdNumber, maskName } from '../../domain/mask'
import { isPaidState } from '../../domain/orderState'
import { booksOf, bookedPeriodsOf, referenceYear, regionOfPerson, type Refusal } from '../../domain/personBooks'
import { SUBSIDY_RULES } from '../../domain/policy'
import { type Clock, shanghaiDate } from '../../domain/time'
import { fail } from './errors'
import { DEMO_PEOPLE, SELF_PERSON_ID, type DemoPerson } from './registry'
import type { StoredOrder } from './state'

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
  const region = regionOfPerson(person)
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

  /** The person's books: the registry's history plus the periods of the mock's paid orders. */
  const books = (person: DemoPerson) =>
    booksOf(person, clock(), bookedPeriodsOf(ordersOf(person).filter((o) => isPaidState(o.state)).map((o) => o.selection)))

  /** The unfinished order a new one for this person would duplicate (a family order's item is paid through its family order, never resumed alone). */
  function openOrderOf(person: DemoPerson): StoredOrder | undefined {
    return ordersOf(person)
      .filter((o) => (o.state === 'pending' || o.state === 'paying' || o.state === 'failed') && o.familyOrderId === undefined)
      .sort((a, b) => b.createdAt - a.createdAt)[0]
  }

  /** The payment an 已缴费 answer points at. */
  function latestPaidOrderId(person: DemoPerson): string | undefined {
    return ordersOf(person)
      .filter((o) => isPaidState(o.state))
      .sort((a, b) => b.createdAt - a.createdAt)[0]?.orderId
  }

  /** Refuses as the books said, pointing at the person's latest payment when a paid period is why. */
  const refuse = (person: DemoPerson, refusal: Refusal): never => fail(refusal.code, refusal.message, refusal.paidPeriod ? latestPaidOrderId(person) : undefined)

  /** The due items as listDueItems answers them, or the typed reason there are none. */
  function dueItems(person: DemoPerson): DueItemsResponse {
    const due = books(person).dueItems()
    if (!due.ok) return refuse(person, due.refusal)
    return { payer: payerView(person), ...due.value, openOrderId: openOrderOf(person)?.orderId }
  }

  return { today, ordersOf, books, referenceYear: (person: DemoPerson) => referenceYear(person, clock()), refuse, dueItems }
}

export type People = ReturnType<typeof createPeople>
