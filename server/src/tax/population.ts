/**
 * A synthetic population for load runs (TAX_SIM_POPULATION=<n>, simulators only): n ordinary
 * residents beside the demo registry, each with a valid ID number of their own, so n journeys can
 * each pay a different person-period. `populationMember(i)` is how a load driver types person i.
 */
import { idCheckChar } from '../../../src/domain/idDocument'
import { DEMO_PEOPLE, type DemoPerson } from '../../../src/services/mock/registry'

/** A resident with a citizen ID, no subsidy and a payable year (paying normally, below). */
const TEMPLATE = DEMO_PEOPLE.find((p) => p.idType === 'resident_id' && p.status === 'resident' && p.subsidy === 'none' && p.residentPaidThrough === -1)!
const GIVEN = '一二三四五六七八九十'

export function populationMember(i: number): { name: string; idType: 'resident_id'; idNumber: string } {
  // Born on one of 10,000 days from 1960 on, sequence 100–999: unique for i < 9,000,000.
  const born = new Date(Date.UTC(1960, 0, 1) + (i % 10_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')
  const first17 = `${TEMPLATE.idNumber.slice(0, 6)}${born}${100 + Math.floor(i / 10_000)}`
  const name = `李${GIVEN[i % 10]}${GIVEN[Math.floor(i / 10) % 10]}`
  return { name, idType: 'resident_id', idNumber: first17 + idCheckChar(first17) }
}

export function population(n: number): DemoPerson[] {
  return Array.from({ length: n }, (_, i) => ({ ...TEMPLATE, id: `s${i}`, ...populationMember(i), behaviour: 'normal', seededReceipts: undefined, shows: 'synthetic' }))
}
