/**
 * The contract's zod schemas and the checked client built on them. Every request and response
 * crosses it as plain JSON and is checked here, so a backend that answers wrongly becomes a
 * typed BackendError, never a crash further in. Each schema `satisfies` its type in ./index: the
 * types are the contract, the schemas follow them.
 *
 * Only the lazily loaded adapter chunk imports this file (see src/services/index.ts): zod stays out of the
 * main package. zod/mini is tree-shakable; jitless because mini-programs forbid `new Function`
 * (set in ./payerSchemas, which every schema here is built after).
 */
import * as z from 'zod/mini'
import {
  BackendError,
  ERROR_CODES,
  METHOD_NAMES,
  GENERIC_MESSAGES,
  type Backend,
  type CashierReturnedRequest,
  type CreateOrderRequest,
  type CreateShareTokenRequest,
  type CreateShareTokenResponse,
  type Envelope,
  type ListRecordsRequest,
  type ListRecordsResponse,
  type Method,
  type OpenShareTokenRequest,
  type OpenShareTokenResponse,
  type OrderIdRequest,
  type OrderSelection,
  type OrderView,
  type PayParams,
  type ReceiptView,
  type RequestOf,
  type ResponseOf,
  type StartPaymentResponse,
  type Transport,
} from './index'
import { dueItemsResponse, epochMs, fen, idTypeSchema, insuranceKindSchema, isoDate, isoMonth, lookupPayerRequest, opaqueRef, orderStateSchema, payerView, shareToken, shortText } from './payerSchemas'

export { dueItemsResponse, flexibleTierView, idTypeSchema, insuranceKindSchema, lookupPayerRequest, orderStateSchema, payerView, regionView, residentDueYear, shareToken } from './payerSchemas'

// ---- orders ---------------------------------------------------------------------------------

export const orderSelection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('resident'), coverageYear: z.int() }),
  z.object({
    kind: z.literal('flexible'),
    months: z.array(isoMonth).check(z.minLength(1), z.maxLength(24)),
    tierCode: shortText,
  }),
]) satisfies z.ZodMiniType<OrderSelection>

export const createOrderRequest = z.object({
  idempotencyKey: opaqueRef,
  payerRef: opaqueRef,
  selection: orderSelection,
}) satisfies z.ZodMiniType<CreateOrderRequest>

export const orderView = z.object({
  orderId: opaqueRef,
  state: orderStateSchema,
  payer: z.object({ maskedName: shortText, maskedIdNumber: shortText, idType: idTypeSchema, isSelf: z.boolean() }),
  payerRef: opaqueRef,
  kind: insuranceKindSchema,
  itemName: shortText,
  periodLabel: shortText,
  periodStart: isoDate,
  periodEnd: isoDate,
  amountFen: fen,
  subsidyFen: fen,
  tierLabel: z.optional(shortText),
  taxAuthority: shortText,
  regionName: shortText,
  coverStart: isoDate,
  createdAt: epochMs,
  updatedAt: epochMs,
  paidAt: z.optional(epochMs),
  /** Shown to the user as is when the last attempt failed. */
  failReason: z.optional(shortText),
  /** Money left the payer's account for an attempt that did not become a payment. */
  moneyTaken: z.boolean(),
  attempts: z.int().check(z.minimum(0)),
}) satisfies z.ZodMiniType<OrderView>

export const orderIdRequest = z.object({ orderId: opaqueRef }) satisfies z.ZodMiniType<OrderIdRequest>
export const cashierReturnedRequest = z.object({ orderId: opaqueRef, result: z.enum(['cancel', 'fail']) }) satisfies z.ZodMiniType<CashierReturnedRequest>

/** What `requestPayment` needs, exactly as WeChat Pay names it. */
export const payParams = z.object({
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string().check(z.regex(/^prepay_id=/)),
  signType: z.enum(['RSA', 'MD5', 'HMAC-SHA256']),
  paySign: z.string(),
}) satisfies z.ZodMiniType<PayParams>

export const startPaymentResponse = z.object({
  attemptId: opaqueRef,
  amountFen: fen,
  payee: shortText,
  cashier: z.enum(['demo', 'wechat']),
  payParams,
  order: orderView,
}) satisfies z.ZodMiniType<StartPaymentResponse>

export const listRecordsRequest = z.object({ payerRef: z.optional(opaqueRef), year: z.optional(z.int()) }) satisfies z.ZodMiniType<ListRecordsRequest>
export const listRecordsResponse = z.object({ records: z.array(orderView) }) satisfies z.ZodMiniType<ListRecordsResponse>

export const receiptView = z.object({
  orderId: opaqueRef,
  taxVoucherNo: z.string().check(z.regex(/^\d{18,20}$/)),
  payerMaskedName: shortText,
  idType: idTypeSchema,
  maskedIdNumber: shortText,
  itemName: shortText,
  periodLabel: shortText,
  periodStart: isoDate,
  periodEnd: isoDate,
  amountFen: fen,
  amountCapital: shortText,
  taxAuthority: shortText,
  channel: shortText,
  paidAt: epochMs,
  bookingState: z.enum(['paid', 'settled']),
}) satisfies z.ZodMiniType<ReceiptView>

// ---- 请家人代缴 (share a due item) ----------------------------------------------------------

/** Mints a token for one person-period the payer (or whoever looked them up) wants paid. */
export const createShareTokenRequest = z.object({ payerRef: opaqueRef, selection: orderSelection }) satisfies z.ZodMiniType<CreateShareTokenRequest>

/** What the card will carry (the token) and what the sharer is shown before sending it. */
export const createShareTokenResponse = z.object({
  token: shareToken,
  expiresAt: epochMs,
  maskedName: shortText,
  itemName: shortText,
  periodLabel: shortText,
  amountFen: fen,
}) satisfies z.ZodMiniType<CreateShareTokenResponse>

/**
 * Opening a card: the payer and their due items as `lookupPayer` + `listDueItems` would give them,
 * and the shared selection, which is one of `due`'s payable periods. `payer.isSelf` speaks for
 * whoever opened the card (a family member pays as 代他人缴费). Fails with SHARE_EXPIRED,
 * SHARE_USED (the person-period is paid) or SHARE_INVALID (unknown or malformed token).
 */
export const openShareTokenRequest = z.object({ token: shareToken }) satisfies z.ZodMiniType<OpenShareTokenRequest>
export const openShareTokenResponse = z.object({
  payer: payerView,
  due: dueItemsResponse,
  selection: orderSelection,
  expiresAt: epochMs,
}) satisfies z.ZodMiniType<OpenShareTokenResponse>

// ---- the seam -------------------------------------------------------------------------------

export const METHODS = {
  lookupPayer: { request: lookupPayerRequest, response: payerView },
  listDueItems: { request: z.object({ payerRef: opaqueRef }), response: dueItemsResponse },
  createOrder: { request: createOrderRequest, response: orderView },
  startPayment: { request: orderIdRequest, response: startPaymentResponse },
  queryOrder: { request: orderIdRequest, response: orderView },
  cashierReturned: { request: cashierReturnedRequest, response: orderView },
  listRecords: { request: listRecordsRequest, response: listRecordsResponse },
  getReceipt: { request: orderIdRequest, response: receiptView },
  createShareToken: { request: createShareTokenRequest, response: createShareTokenResponse },
  openShareToken: { request: openShareTokenRequest, response: openShareTokenResponse },
} as const satisfies { [M in Method]: { request: z.ZodMiniType<RequestOf<M>>; response: z.ZodMiniType<ResponseOf<M>> } }


const errorBody = z.object({
  code: z.enum(ERROR_CODES),
  message: shortText,
  orderId: z.optional(opaqueRef),
})

/** The wire envelope every transport returns. */
export const envelope = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: errorBody }),
]) satisfies z.ZodMiniType<Envelope>

/** Wraps a transport in the checked, typed client the app uses. */
export function createBackend(transport: Transport): Backend {
  const call = async <M extends Method>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>> => {
    const spec = METHODS[method]
    if (!spec.request.safeParse(request).success) {
      // A share token comes from a link anyone may have cut short or edited: that is a bad link,
      // not a bad form, and it is answered as such without asking the backend.
      if (method === 'openShareToken') throw new BackendError({ code: 'SHARE_INVALID', message: GENERIC_MESSAGES.SHARE_INVALID })
      throw new BackendError({ code: 'INVALID_REQUEST', message: GENERIC_MESSAGES.INVALID_REQUEST })
    }
    let raw: unknown
    try {
      raw = await transport.call(method, request)
    } catch (error) {
      if (error instanceof BackendError) throw error
      throw new BackendError({ code: 'NETWORK', message: GENERIC_MESSAGES.NETWORK })
    }
    const wrapped = envelope.safeParse(raw)
    if (!wrapped.success) throw new BackendError({ code: 'BAD_RESPONSE', message: GENERIC_MESSAGES.BAD_RESPONSE })
    if (!wrapped.data.ok) throw new BackendError(wrapped.data.error)
    const parsed = spec.response.safeParse(wrapped.data.data)
    if (!parsed.success) throw new BackendError({ code: 'BAD_RESPONSE', message: GENERIC_MESSAGES.BAD_RESPONSE })
    return parsed.data as ResponseOf<M>
  }
  const backend = {} as Record<Method, (request: unknown) => Promise<unknown>>
  for (const method of METHOD_NAMES) {
    backend[method] = (request) => call(method, request as never)
  }
  return backend as Backend
}
