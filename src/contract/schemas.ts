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
  type CreateShareTokenRequest,
  type CreateShareTokenResponse,
  type Envelope,
  type Method,
  type OpenShareTokenRequest,
  type OpenShareTokenResponse,
  type RequestOf,
  type ResponseOf,
  type Transport,
} from './index'
import { createFamilyOrderRequest, familyCashierReturnedRequest, familyOrderIdRequest, familyOrderView, startFamilyPaymentResponse } from './familySchemas'
import { cashierReturnedRequest, createOrderRequest, listRecordsRequest, listRecordsResponse, orderIdRequest, orderSelection, orderView, receiptView, startPaymentResponse } from './orderSchemas'
import { dueItemsResponse, epochMs, fen, lookupPayerRequest, opaqueRef, payerView, shareToken, shortText } from './payerSchemas'

export { dueItemsResponse, flexibleTierView, idTypeSchema, insuranceKindSchema, lookupPayerRequest, orderStateSchema, payerView, regionView, residentDueYear, shareToken } from './payerSchemas'
export { cashierReturnedRequest, createOrderRequest, listRecordsRequest, listRecordsResponse, orderIdRequest, orderSelection, orderView, payParams, receiptView, startPaymentResponse } from './orderSchemas'
export { createFamilyOrderRequest, familyCashierReturnedRequest, familyOrderIdRequest, familyOrderView, startFamilyPaymentResponse } from './familySchemas'

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
  createFamilyOrder: { request: createFamilyOrderRequest, response: familyOrderView },
  startFamilyPayment: { request: familyOrderIdRequest, response: startFamilyPaymentResponse },
  queryFamilyOrder: { request: familyOrderIdRequest, response: familyOrderView },
  familyCashierReturned: { request: familyCashierReturnedRequest, response: familyOrderView },
} as const satisfies { [M in Method]: { request: z.ZodMiniType<RequestOf<M>>; response: z.ZodMiniType<ResponseOf<M>> } }


const errorBody = z.object({
  code: z.enum(ERROR_CODES),
  message: shortText,
  orderId: z.optional(opaqueRef),
  payerRef: z.optional(opaqueRef),
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
