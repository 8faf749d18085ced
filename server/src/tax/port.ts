/**
 * The tax/insurance system as the server needs it. Failures it knows (not registered, already
 * paid, …) are thrown as RpcError with the contract's codes; anything else is an outage.
 */
import type { DueItems, PricedPeriod } from '../../../src/domain/personBooks'
import type { OrderSelection, PayerView } from '../contract'

export type IdType = PayerView['idType']

/** A person as the tax system describes them: already masked, with its own handle. */
export interface TaxPerson {
  taxPersonId: string
  maskedName: string
  maskedIdNumber: string
  idType: IdType
  region: PayerView['region']
  kind: PayerView['kind']
  subsidyLabel?: string
}

/** What is due and what an order for a selection would be: the domain's person books, as the port speaks them. */
export type TaxDueItems = DueItems
export type PricedSelection = PricedPeriod

export type Declaration =
  | { state: 'booked'; voucherNo: string; bookedAt: number; settled: boolean }
  | { state: 'pending' } // accepted, not confirmed yet: ask again
  | { state: 'rejected'; reason: string } // the money cannot be booked: it must go back

/** A payment on record at the tax system that did not come through this server. */
export interface TaxRecord {
  voucherNo: string
  taxPersonId: string
  priced: PricedSelection
  paidAt: number
}

export interface TaxSystem {
  lookupPerson(query: { name: string; idType: IdType; idNumber: string }): Promise<TaxPerson>
  person(taxPersonId: string): Promise<TaxPerson>
  dueItems(taxPersonId: string): Promise<TaxDueItems>
  price(taxPersonId: string, selection: OrderSelection): Promise<PricedSelection>
  isPaid(taxPersonId: string, selection: OrderSelection): Promise<boolean>
  /** Idempotent on orderId: asking again tells how the same declaration stands now. */
  declare(declaration: { orderId: string; taxPersonId: string; selection: OrderSelection; amountFen: number; paidAt: number }): Promise<Declaration>
  otherChannelRecords(taxPersonId: string): Promise<TaxRecord[]>
  recordByVoucher(voucherNo: string): Promise<TaxRecord | undefined>
}
