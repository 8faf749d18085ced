/**
 * The one contract between the app and the tax/insurance system: method names, error codes, ID
 * types and the wire types, in plain TypeScript. No zod here: src/domain, the main package and
 * a server may all import it. The zod schemas (./schemas) are checked against these types, never
 * the other way round.
 */
import type { OrderState } from '../domain/orderState'
import type { ErrorBody } from './errors'

export * from './errors'

export const ID_TYPES = ['resident_id', 'hmt_permit', 'foreign_pr', 'foreign_pr_2017', 'social_security', 'hk_macau_pass', 'taiwan_pass'] as const

export type IdType = (typeof ID_TYPES)[number]

export type InsuranceKind = 'resident' | 'flexible'
/** YYYY-MM-DD, Asia/Shanghai. */
type IsoDate = string
/** YYYY-MM. */
type IsoMonth = string
/** Integer fen. */
type Fen = number

// ---- payer ----------------------------------------------------------------------------------

export type LookupPayerRequest =
  | { mode: 'self' }
  | { mode: 'other'; name: string; idType: IdType; idNumber: string }
  /** A payer looked up before (a saved family member or a shared due item). */
  | { mode: 'ref'; payerRef: string }

export interface PayerView {
  payerRef: string
  maskedName: string
  maskedIdNumber: string
  idType: IdType
  region: { code: string; name: string; taxAuthority: string }
  kind: InsuranceKind
  isSelf: boolean
  /** e.g. 低保对象, when the person's contribution is subsidised. */
  subsidyLabel?: string
}

// ---- due items ------------------------------------------------------------------------------

export interface ResidentDueYear {
  coverageYear: number
  label: string
  standardFen: Fen
  subsidyFen: Fen
  payableFen: Fen
  inWindow: boolean
  windowStart: IsoDate
  windowEnd: IsoDate
  coverStart: IsoDate
  coverReason: 'in_window' | 'waiting_period' | 'newborn' | 'exempt'
  /** Why cover waits, e.g. 断保2年：固定等待期3个月 + 变动等待期2个月. */
  coverNote?: string
  /** The amount or the window is a demo figure (shown as 演示数据). */
  demo?: boolean
}

export interface FlexibleTierView {
  code: string
  label: string
  baseFen: Fen
  monthlyFen: Fen
}

export interface DueItemsResponse {
  payer: PayerView
  itemName: string
  resident?: { years: ResidentDueYear[] }
  flexible?: {
    months: { month: IsoMonth; label: string }[]
    tiers: FlexibleTierView[]
    defaultTierCode: string
    coverStart: IsoDate
    coverReason: 'next_month' | 'waiting_period'
    coverNote?: string
    /** The base or the rate is a demo figure. */
    demo?: boolean
    /** Unpaid months beyond the arrears limit, named with where to pay them. */
    olderArrears?: string
  }
  /** An unfinished order for this person; the app resumes it instead of creating another. */
  openOrderId?: string
}

// ---- orders ---------------------------------------------------------------------------------

export type OrderSelection = { kind: 'resident'; coverageYear: number } | { kind: 'flexible'; months: IsoMonth[]; tierCode: string }

export interface CreateOrderRequest {
  idempotencyKey: string
  payerRef: string
  selection: OrderSelection
}

export interface OrderView {
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
  createdAt: number
  updatedAt: number
  paidAt?: number
  /** Shown to the user as is when the last attempt failed. */
  failReason?: string
  /** Money left the payer's account for an attempt that did not become a payment. */
  moneyTaken: boolean
  attempts: number
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

/**
 * A 请家人代缴 share token: random, issued by the backend, expiring. It rides in a share card's
 * path (`?t=…`), so it is URL-safe as it is and short; it carries no ID number, name or payerRef.
 */
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,48}$/

/** Opaque handles issued by the backend (payerRef, orderId, …); never derived from an ID number. */
export const OPAQUE_REF_PATTERN = /^[A-Za-z0-9_-]{6,64}$/

export const METHOD_NAMES = [
  'lookupPayer',
  'listDueItems',
  'createOrder',
  'startPayment',
  'queryOrder',
  'cashierReturned',
  'listRecords',
  'getReceipt',
  'createShareToken',
  'openShareToken',
] as const
export type Method = (typeof METHOD_NAMES)[number]

/** Every method's request and response on the wire (one entry per METHOD_NAMES name). */
export interface Methods extends Record<Method, { request: unknown; response: unknown }> {
  lookupPayer: { request: LookupPayerRequest; response: PayerView }
  listDueItems: { request: { payerRef: string }; response: DueItemsResponse }
  createOrder: { request: CreateOrderRequest; response: OrderView }
  startPayment: { request: OrderIdRequest; response: StartPaymentResponse }
  queryOrder: { request: OrderIdRequest; response: OrderView }
  cashierReturned: { request: CashierReturnedRequest; response: OrderView }
  listRecords: { request: ListRecordsRequest; response: ListRecordsResponse }
  getReceipt: { request: OrderIdRequest; response: ReceiptView }
  createShareToken: { request: CreateShareTokenRequest; response: CreateShareTokenResponse }
  openShareToken: { request: OpenShareTokenRequest; response: OpenShareTokenResponse }
}
export type RequestOf<M extends Method> = Methods[M]['request']
export type ResponseOf<M extends Method> = Methods[M]['response']

/** What every transport answers: the response, or an error body. */
export type Envelope = { ok: true; data: unknown } | { ok: false; error: ErrorBody }

/** A transport moves one JSON request to the backend and returns the raw envelope. */
export interface Transport {
  call(method: Method, request: unknown): Promise<unknown>
}

/** The checked, typed client: one async function per method. */
export type Backend = { [M in Method]: (request: RequestOf<M>) => Promise<ResponseOf<M>> }
