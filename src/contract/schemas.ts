/**
 * The contract's zod schemas and the checked client built on them. Every request and response
 * crosses it as plain JSON and is checked here, so a backend that answers wrongly becomes a
 * typed BackendError, never a crash further in. Each schema `satisfies` its type in ./index: the
 * types are the contract, the schemas follow them.
 *
 * Only the lazily loaded adapter chunk imports this file (see src/services/index.ts): zod stays out of the
 * main package. zod/mini is tree-shakable; jitless because mini-programs forbid `new Function`.
 */
import * as z from 'zod/mini'
import { ORDER_STATES } from '../domain/orderState'
import {
  BackendError,
  ERROR_CODES,
  METHOD_NAMES,
  GENERIC_MESSAGES,
  ID_TYPES,
  OPAQUE_REF_PATTERN,
  SHARE_TOKEN_PATTERN,
  type Backend,
  type CreateOrderRequest,
  type CreateShareTokenRequest,
  type CreateShareTokenResponse,
  type DueItemsResponse,
  type Envelope,
  type FlexibleTierView,
  type IdType,
  type InsuranceKind,
  type ListRecordsRequest,
  type ListRecordsResponse,
  type LookupPayerRequest,
  type Method,
  type OpenShareTokenRequest,
  type OpenShareTokenResponse,
  type OrderIdRequest,
  type OrderSelection,
  type OrderView,
  type PayerView,
  type PayParams,
  type ReceiptView,
  type RequestOf,
  type ResidentDueYear,
  type ResponseOf,
  type StartPaymentResponse,
  type Transport,
} from './index'

z.config({ jitless: true })

const fen = z.int().check(z.minimum(0))
const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))
const isoMonth = z.string().check(z.regex(/^\d{4}-\d{2}$/))
const epochMs = z.int().check(z.minimum(0))
const shortText = z.string().check(z.maxLength(200))
const opaqueRef = z.string().check(z.regex(OPAQUE_REF_PATTERN))
export const shareToken = z.string().check(z.regex(SHARE_TOKEN_PATTERN))

export const idTypeSchema = z.enum(ID_TYPES) satisfies z.ZodMiniType<IdType>
export const insuranceKindSchema = z.enum(['resident', 'flexible']) satisfies z.ZodMiniType<InsuranceKind>
export const orderStateSchema = z.enum(ORDER_STATES)

// ---- payer ----------------------------------------------------------------------------------

export const lookupPayerRequest = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('self') }),
  z.object({
    mode: z.literal('other'),
    name: z.string().check(z.minLength(1), z.maxLength(60)),
    idType: idTypeSchema,
    idNumber: z.string().check(z.minLength(1), z.maxLength(30)),
  }),
  /** A payer looked up before (a saved family member or a shared due item). */
  z.object({ mode: z.literal('ref'), payerRef: opaqueRef }),
]) satisfies z.ZodMiniType<LookupPayerRequest>

export const regionView = z.object({ code: z.string(), name: shortText, taxAuthority: shortText })

export const payerView = z.object({
  payerRef: opaqueRef,
  maskedName: shortText,
  maskedIdNumber: shortText,
  idType: idTypeSchema,
  region: regionView,
  kind: insuranceKindSchema,
  isSelf: z.boolean(),
  /** e.g. 低保对象, when the person's contribution is subsidised. */
  subsidyLabel: z.optional(shortText),
}) satisfies z.ZodMiniType<PayerView>

// ---- due items ------------------------------------------------------------------------------

export const residentDueYear = z.object({
  coverageYear: z.int(),
  label: shortText,
  standardFen: fen,
  subsidyFen: fen,
  payableFen: fen,
  inWindow: z.boolean(),
  windowStart: isoDate,
  windowEnd: isoDate,
  coverStart: isoDate,
  coverReason: z.enum(['in_window', 'waiting_period', 'newborn', 'exempt']),
  coverNote: z.optional(shortText),
  demo: z.optional(z.boolean()),
}) satisfies z.ZodMiniType<ResidentDueYear>

export const flexibleTierView = z.object({ code: shortText, label: shortText, baseFen: fen, monthlyFen: fen }) satisfies z.ZodMiniType<FlexibleTierView>

export const dueItemsResponse = z.object({
  payer: payerView,
  itemName: shortText,
  resident: z.optional(z.object({ years: z.array(residentDueYear) })),
  flexible: z.optional(
    z.object({
      months: z.array(z.object({ month: isoMonth, label: shortText })),
      tiers: z.array(flexibleTierView),
      defaultTierCode: shortText,
      coverStart: isoDate,
      coverReason: z.enum(['next_month', 'waiting_period']),
      coverNote: z.optional(shortText),
      /** The base or the rate is a demo figure. */
      demo: z.optional(z.boolean()),
      /** Unpaid months beyond the arrears limit, named with where to pay them. */
      olderArrears: z.optional(shortText),
    }),
  ),
  /** An unfinished order for this person; the app resumes it instead of creating another. */
  openOrderId: z.optional(opaqueRef),
}) satisfies z.ZodMiniType<DueItemsResponse>

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
