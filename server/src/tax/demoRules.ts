/**
 * The demo tax system's view of one person: the masked person the port hands out, and the books
 * it keeps (src/domain/personBooks, as the embedded mock keeps them) with a refusal thrown as the
 * port's typed error. Pure: "now" and the periods booked since the registry are passed in.
 */
import { maskIdNumber, maskName } from '../../../src/domain/mask'
import { booksOf, regionOfPerson, type Answer, type BookedPeriods } from '../../../src/domain/personBooks'
import { SUBSIDY_RULES } from '../../../src/domain/policy'
import type { DemoPerson } from '../../../src/services/mock/registry'
import type { OrderSelection } from '../contract'
import { fail } from '../errors'
import type { PricedSelection, TaxDueItems, TaxPerson } from './port'

export function taxPersonOf(person: DemoPerson): TaxPerson {
  const region = regionOfPerson(person)
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

const answered = <T>(answer: Answer<T>): T => (answer.ok ? answer.value : fail(answer.refusal.code, answer.refusal.message))

export const dueItems = (person: DemoPerson, now: number, booked: BookedPeriods): TaxDueItems => answered(booksOf(person, now, booked).dueItems())

/** What an order for this selection would be, or the typed reason it cannot be made. */
export const price = (person: DemoPerson, now: number, booked: BookedPeriods, selection: OrderSelection): PricedSelection => answered(booksOf(person, now, booked).price(selection))

export const isPaid = (person: DemoPerson, now: number, booked: BookedPeriods, selection: OrderSelection): boolean => booksOf(person, now, booked).isPaid(selection)
