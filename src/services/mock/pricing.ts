/** What an order for a selection would be (amount, period, 档次, coverage start), or the typed reason it cannot be made. */
import type { OrderSelection } from '../../contract'
import { windowClosedMessage } from '../../domain/dueItems'
import { FULLY_FUNDED_MESSAGE, isFullyFunded } from '../../domain/fullyFunded'
import { isContiguousFromStart } from '../../domain/payable'
import { coverageYearRange, monthLabel, monthRange } from '../../domain/periods'
import { fail } from './errors'
import { regionOf, type People } from './people'
import type { DemoPerson } from './registry'
import type { StoredOrder } from './state'
import { BACKEND_MESSAGES } from '../../domain/backendMessages'

export type PricedSelection = Pick<StoredOrder, 'selection' | 'amountFen' | 'subsidyFen' | 'periodLabel' | 'periodStart' | 'periodEnd' | 'tierLabel' | 'coverStart'>

export function createPricing(people: People) {
  return function priceSelection(person: DemoPerson, selection: OrderSelection): PricedSelection {
    if (selection.kind === 'resident') {
      if (person.status !== 'resident') fail('INVALID_REQUEST', BACKEND_MESSAGES.notResident)
      const year = people.residentYears(person).find((y) => y.coverageYear === selection.coverageYear)
      if (!year) {
        if (people.paidResidentYears(person).includes(selection.coverageYear)) fail('ALREADY_PAID', BACKEND_MESSAGES.alreadyPaid, people.latestPaidOrderId(person))
        fail('WINDOW_CLOSED', windowClosedMessage({ today: people.today(), region: regionOf(person), coverageYear: selection.coverageYear, history: person.history }))
      }
      if (isFullyFunded(year!)) fail('NOTHING_DUE', FULLY_FUNDED_MESSAGE)
      const range = coverageYearRange(selection.coverageYear)
      return {
        selection,
        amountFen: year!.payableFen,
        subsidyFen: year!.subsidyFen,
        periodLabel: year!.label,
        periodStart: range.start,
        periodEnd: range.end,
        coverStart: year!.coverStart,
      }
    }
    if (person.status !== 'flexible') fail('INVALID_REQUEST', BACKEND_MESSAGES.notFlexible)
    const due = people.flexibleDue(person)
    const tier = due?.policy.tiers.find((t) => t.code === selection.tierCode)
    if (!due || !tier) return fail('INVALID_REQUEST', BACKEND_MESSAGES.unknownTier)
    if (!isContiguousFromStart(selection.months, due.months)) {
      if (selection.months.some((m) => people.paidFlexibleMonths(person).includes(m))) fail('ALREADY_PAID', BACKEND_MESSAGES.alreadyPaid, people.latestPaidOrderId(person))
      fail('INVALID_REQUEST', BACKEND_MESSAGES.monthsNotFromStart)
    }
    const months = [...selection.months].sort()
    const first = monthRange(months[0])
    const last = monthRange(months[months.length - 1])
    return {
      selection: { ...selection, months },
      amountFen: tier.monthlyFen * months.length,
      subsidyFen: 0,
      periodLabel: months.length === 1 ? monthLabel(months[0]) : `${monthLabel(months[0])}至${monthLabel(months[months.length - 1])}`,
      periodStart: first.start,
      periodEnd: last.end,
      tierLabel: tier.label,
      coverStart: due.cover.date,
    }
  }
}

export type PriceSelection = ReturnType<typeof createPricing>
