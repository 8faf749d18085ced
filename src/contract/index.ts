/**
 * The one contract between the app and the tax/insurance system: method names, error codes, ID
 * types and the wire types, in plain TypeScript. No zod here: src/domain, the main package and
 * a server may all import it. The zod schemas (./schemas) are checked against these types, never
 * the other way round.
 */
import type { ErrorBody } from './errors'
import type {
  CashierReturnedRequest,
  CreateFamilyOrderRequest,
  CreateOrderRequest,
  CreateShareTokenRequest,
  CreateShareTokenResponse,
  FamilyCashierReturnedRequest,
  FamilyOrderIdRequest,
  FamilyOrderView,
  ListRecordsRequest,
  ListRecordsResponse,
  OpenShareTokenRequest,
  OpenShareTokenResponse,
  OrderIdRequest,
  OrderView,
  ReceiptView,
  StartFamilyPaymentResponse,
  StartPaymentResponse,
} from './orderTypes'
import type { DueItemsResponse, LookupPayerRequest, PayerView } from './payerTypes'

export * from './errors'
export * from './orderTypes'
export * from './payerTypes'

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
  'createFamilyOrder',
  'startFamilyPayment',
  'queryFamilyOrder',
  'familyCashierReturned',
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
  createFamilyOrder: { request: CreateFamilyOrderRequest; response: FamilyOrderView }
  startFamilyPayment: { request: FamilyOrderIdRequest; response: StartFamilyPaymentResponse }
  queryFamilyOrder: { request: FamilyOrderIdRequest; response: FamilyOrderView }
  familyCashierReturned: { request: FamilyCashierReturnedRequest; response: FamilyOrderView }
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
