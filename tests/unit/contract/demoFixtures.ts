/** The contract suite's roles, filled from the demo registry by what it says about each person. */
import { DEMO_PEOPLE, findPersonById, SELF_PERSON_ID, type DemoPerson } from '@/services/mock/registry'
import type { ContractFixtures, PersonFixture } from './backendContract'

const fixture = (id: string): PersonFixture => {
  const p = findPersonById(id)
  if (!p) throw new Error(`no demo person ${id}`)
  return { name: p.name, idType: p.idType, idNumber: p.idNumber }
}

/** Picks the demo person for a role by what the registry says about them, so the roles stay honest. */
const only = (what: string, test: (p: DemoPerson) => boolean): PersonFixture => {
  const found = DEMO_PEOPLE.filter(test)
  if (found.length === 0) throw new Error(`no demo person is ${what}`)
  return fixture(found[0].id)
}

export const DEMO_FIXTURES: ContractFixtures = {
  selfDue: fixture(SELF_PERSON_ID),
  otherDue: fixture('p08'),
  alreadyPaid: only('already paid', (p) => p.status === 'resident' && p.residentPaidThrough === 0),
  flexible: only('flexible with arrears', (p) => p.status === 'flexible' && (p.flexiblePaidMonthsAgo ?? 0) >= 2),
  unregistered: only('unregistered', (p) => p.status === 'unregistered'),
  employee: only('an employee', (p) => p.status === 'employee'),
  subsidised: only('subsidised', (p) => p.status === 'resident' && p.subsidy !== 'none' && p.subsidy !== 'tekun'),
  insufficientFunds: only('short of funds', (p) => p.behaviour === 'insufficient_funds'),
  lateResult: only('confirmed late', (p) => p.behaviour === 'late'),
  bookingRefused: only('refused at booking', (p) => p.status === 'resident' && p.behaviour === 'debit_reversed'),
}
