/**
 * The seam between the app and a backend. Pages and flow code see only this interface (through
 * ./index.ts); each implementation is one file in ./adapters exporting `createAdapter`, and the
 * build picks one with TARO_APP_BACKEND (default `mock`). An HTTP adapter needs none of the
 * mock's pieces: a Transport for createBackend, payAtCashier for its cashier, storedChecks.
 */
import type { Backend, DueItemsResponse, FamilyOrderItemRequest, OrderSelection, PayerView, PayResult, StartPaymentResponse } from '../contract'

export interface Adapter {
  /** The checked client: every request and answer checked against the contract's schemas. */
  backend: Backend
  /** Takes a started attempt (a person's or a family order's) through the cashier its `cashier` names; the order's state still decides. */
  pay(start: CashierStart): Promise<PayResult>
  /** Checks for what the app kept on the device, on its way back in (they need the schemas). */
  storedChecks: StoredChecks
  /** 清除本机数据: ends this device's session with the backend, if it has one. */
  endSession(): Promise<void>
  /** Only a demo backend has these (演示后台). */
  demo?: { reset(): void }
}

/** What the cashier needs of a started attempt: `startPayment`'s or `startFamilyPayment`'s answer. */
export type CashierStart = Omit<StartPaymentResponse, 'order'>

/** Every adapter module's export. `clock` is the app's "now". */
export type CreateAdapter = (clock: () => number) => Adapter

/** The payment in flight, as saved before its order is created (opaque references only). */
export interface PendingOrder {
  key: string
  payerRef: string
  selection: OrderSelection
  orderId?: string
}

/** 全部缴纳's payment in flight, as saved before its family order is created (opaque references only). */
export interface FamilyPending {
  key: string
  /** Who and what was confirmed, in order: payerRefs and periods, never a name or an ID number. */
  items: FamilyOrderItemRequest[]
  familyOrderId?: string
}

/** The journey so far, as saved (only what the backend already masked). */
export interface StoredJourney {
  savedAt: number
  mode: 'self' | 'other'
  payer: PayerView
  due: DueItemsResponse
  selection?: OrderSelection
}

/** Each gives back the value in its stored shape (unknown keys dropped), or undefined. */
export interface StoredChecks {
  pendingOrder(value: unknown): PendingOrder | undefined
  familyPending(value: unknown): FamilyPending | undefined
  journey(value: unknown): StoredJourney | undefined
}
