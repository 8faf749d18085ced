/** The contract's wire types of orders, receipts, 请家人代缴 and 全部缴纳 (split from ./index, which re-exports them). */
import type { OrderState } from '../domain/orderState'
import type { DueItemsResponse, Fen, IdType, InsuranceKind, IsoDate, IsoMonth, PayerView } from './payerTypes'

// ---- orders ---------------------------------------------------------------------------------

export type OrderSelection = { kind: 'resident'; coverageYear: number } | { kind: 'flexible'; months: IsoMonth[]; tierCode: string }

export interface CreateOrderRequest {
  idempotencyKey: string
  payerRef: string
  selection: OrderSelection
}

/** Where an order's payment stands: shared by a person's order and a family order. */
export interface PaymentProgress {
  createdAt: number
  updatedAt: number
  paidAt?: number
  /** Shown to the user as is when the last attempt failed. */
  failReason?: string
  /** Money left the payer's account for an attempt that did not become a payment. */
  moneyTaken: boolean
  attempts: number
}

export interface OrderView extends PaymentProgress {
  orderId: string
  state: OrderState
  payer: { maskedName: string; maskedIdNumber: string; idType: IdType; isSelf: boolean }
  payerRef: string
  kind: InsuranceKind
  itemName: string
  periodLabel: string
  periodStart: IsoDate
  periodEnd: IsoDate
  amountFen: Fen
  subsidyFen: Fen
  tierLabel?: string
  taxAuthority: string
  regionName: string
  coverStart: IsoDate
  /** Set when the order is an item of a family order (全部缴纳), which carries its payment. */
  familyOrderId?: string
}

export interface OrderIdRequest { orderId: string }

/** What `requestPayment` needs, exactly as WeChat Pay names it. */
export interface PayParams {
  timeStamp: string
  nonceStr: string
  package: string
  signType: 'RSA' | 'MD5' | 'HMAC-SHA256'
  paySign: string
}

export interface StartPaymentResponse {
  attemptId: string
  amountFen: Fen
  payee: string
  /** Which cashier takes the attempt: WeChat Pay, or a backend's simulator (the demo dialog). */
  cashier: 'demo' | 'wechat'
  payParams: PayParams
  order: OrderView
}

/** What the cashier told the app; a hint only: the order's state from the backend decides. */
export type PayOutcome = 'ok' | 'cancel' | 'fail'
export interface PayResult {
  outcome: PayOutcome
  errMsg: string
}

/**
 * The WeChat cashier came back without paying. A request only: the backend closes the attempt at
 * WeChat Pay and records what its own query then says (pending again, failed, or paid after all).
 */
export interface CashierReturnedRequest {
  orderId: string
  result: Exclude<PayOutcome, 'ok'>
}

export interface ListRecordsRequest {
  payerRef?: string
  year?: number
}
export interface ListRecordsResponse { records: OrderView[] }

export interface ReceiptView {
  orderId: string
  taxVoucherNo: string
  payerMaskedName: string
  idType: IdType
  maskedIdNumber: string
  itemName: string
  periodLabel: string
  periodStart: IsoDate
  periodEnd: IsoDate
  amountFen: Fen
  amountCapital: string
  taxAuthority: string
  channel: string
  paidAt: number
  bookingState: 'paid' | 'settled'
}

// ---- 请家人代缴 (share a due item) ----------------------------------------------------------

/** Mints a token for one person-period the payer (or whoever looked them up) wants paid. */
export interface CreateShareTokenRequest {
  payerRef: string
  selection: OrderSelection
}

/** What the card will carry (the token) and what the sharer is shown before sending it. */
export interface CreateShareTokenResponse {
  token: string
  expiresAt: number
  maskedName: string
  itemName: string
  periodLabel: string
  amountFen: Fen
}

/**
 * Opening a card: the payer and their due items as `lookupPayer` + `listDueItems` would give them,
 * and the shared selection, which is one of `due`'s payable periods. `payer.isSelf` speaks for
 * whoever opened the card (a family member pays as 代他人缴费). Fails with SHARE_EXPIRED,
 * SHARE_USED (the person-period is paid) or SHARE_INVALID (unknown or malformed token).
 */
export interface OpenShareTokenRequest { token: string }
export interface OpenShareTokenResponse {
  payer: PayerView
  due: DueItemsResponse
  selection: OrderSelection
  expiresAt: number
}

// ---- 全部缴纳 (one order for several people of a family, one WeChat payment) ------------------

/**
 * - Each item is an ordinary person order (an `OrderView` with `familyOrderId` set): it holds
 *   "one live order per person and period" like any other, it has its own state after the money
 *   is in (paid → settled, or reversing → refunded when the tax system refuses that person's
 *   booking: a partial refund of that item's amount only), its own record and its own receipt
 *   (`getReceipt` with the item's orderId).
 * - The family order carries the money: one attempt at a time over the sum of the items; its
 *   `state` is the payment's (pending / paying / paid / failed / closed). Once paid, read who is
 *   covered and whose money comes back from the items.
 * - Items are priced and checked as `createOrder` would price and check them. A person-period
 *   already paid fails the call with ALREADY_PAID, one whose money is being returned with
 *   PAYMENT_LOCKED, one being paid in another order right now (an attempt running) with
 *   IN_OTHER_ORDER; each such error names the person (`payerRef`) so the app can leave them out.
 *   An unpaid order without a running attempt gives its period up to the new family order.
 * - An item's orderId answers `queryOrder`, `listRecords` and `getReceipt`; `startPayment` and
 *   `cashierReturned` on it fail with ORDER_NOT_PAYABLE: it is paid through its family order.
 *
 * At most FAMILY_ORDER_MAX_PEOPLE people in one family order; the app says so when more are ticked.
 */
export const FAMILY_ORDER_MAX_PEOPLE = 5

export interface FamilyOrderItemRequest {
  payerRef: string
  selection: OrderSelection
}

export interface CreateFamilyOrderRequest {
  idempotencyKey: string
  /** 1 to FAMILY_ORDER_MAX_PEOPLE items, each a different person. */
  items: FamilyOrderItemRequest[]
}

export interface FamilyOrderView extends PaymentProgress {
  familyOrderId: string
  /** The payment's state: pending, paying, paid, failed or closed. */
  state: OrderState
  /** The sum of the items' amounts, integer fen: what the one payment takes. */
  amountFen: number
  /** In the order they were asked for. */
  items: OrderView[]
  /** The part of the money going (or gone) back: the amounts of the items reversing or refunded. */
  refundFen: number
}

export interface FamilyOrderIdRequest { familyOrderId: string }

export type StartFamilyPaymentResponse = Omit<StartPaymentResponse, 'order'> & { familyOrder: FamilyOrderView }

export type FamilyCashierReturnedRequest = FamilyOrderIdRequest & Pick<CashierReturnedRequest, 'result'>
