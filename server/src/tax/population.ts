/**
 * A synthetic population for load runs and model tests (TAX_SIM_POPULATION, simulators only):
 * residents beside the demo registry, each with a valid ID number of their own, so n journeys can
 * each pay a different person-period. `populationMember(i)` is how a driver types person i.
 * `<n>` is n ordinary residents; `<n>,late:<k>,…` adds k residents of that payment behaviour
 * after them, numbered on (so a model test can have its own person who is booked late, say).
 */
import { idCheckChar } from '../../../src/domain/idDocument'
import { DEMO_PEOPLE, type DemoPerson, type PaymentBehaviour } from '../../../src/services/mock/registry'

export type PopulationMix = { behaviour: PaymentBehaviour; count: number }[]

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

const BEHAVIOURS: readonly PaymentBehaviour[] = ['normal', 'insufficient_funds', 'late', 'debit_reversed']

/** TAX_SIM_POPULATION: `1000` or `1000,late:50,debit_reversed:50`. */
export function parsePopulation(value: string | undefined): PopulationMix {
  if (!value) return []
  return value.split(',').map((part, i) => {
    const [behaviour, count] = i === 0 && !part.includes(':') ? ['normal', part] : part.split(':')
    if (!BEHAVIOURS.includes(behaviour as PaymentBehaviour) || !(Number(count) >= 0)) throw new Error(`TAX_SIM_POPULATION: "${part}" is not <n> or <behaviour>:<n> (${BEHAVIOURS.join(', ')})`)
    return { behaviour: behaviour as PaymentBehaviour, count: Number(count) }
  })
}

/** The index of the first member of each part of the mix. */
export function populationStarts(mix: PopulationMix): number[] {
  return mix.map((_, i) => mix.slice(0, i).reduce((sum, part) => sum + part.count, 0))
}

export function population(mix: PopulationMix): DemoPerson[] {
  const starts = populationStarts(mix)
  return mix.flatMap(({ behaviour, count }, part) =>
    Array.from({ length: count }, (_, k): DemoPerson => {
      const i = starts[part] + k
      return { ...TEMPLATE, id: `s${i}`, ...populationMember(i), behaviour, seededReceipts: undefined, shows: 'synthetic' }
    }),
  )
}
