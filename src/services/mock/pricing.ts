/** What an order for a selection would be (amount, period, 档次, coverage start), or the typed reason it cannot be made. */
import type { OrderSelection } from '../../contract'
import type { People } from './people'
import type { DemoPerson } from './registry'
import type { StoredOrder } from './state'

export type PricedSelection = Pick<StoredOrder, 'selection' | 'amountFen' | 'subsidyFen' | 'periodLabel' | 'periodStart' | 'periodEnd' | 'tierLabel' | 'coverStart'>

export function createPricing(people: People) {
  return function priceSelection(person: DemoPerson, selection: OrderSelection): PricedSelection {
    const priced = people.books(person).price(selection)
    if (!priced.ok) return people.refuse(person, priced.refusal)
    // The stored order names its item by kind when it is shown (orders.view).
    const { itemName: _itemName, ...rest } = priced.value
    return rest
  }
}

export type PriceSelection = ReturnType<typeof createPricing>
