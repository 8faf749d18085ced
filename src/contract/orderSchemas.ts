/** The zod schemas of orders, payment attempts, records and receipts (split from ./schemas). */
import * as z from 'zod/mini'
import type { CashierReturnedRequest, CreateOrderRequest, ListRecordsRequest, ListRecordsResponse, OrderIdRequest, OrderSelection, OrderView, PayParams, ReceiptView, StartPaymentResponse } from './index'
import { epochMs, fen, idTypeSchema, insuranceKindSchema, isoDate, isoMonth, opaqueRef, orderStateSchema, shortText } from './payerSchemas'

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

/** Where an order's payment stands (a person's order and a family order alike). */
export const paymentProgress = {
  createdAt: epochMs,
  updatedAt: epochMs,
  paidAt: z.optional(epochMs),
  /** Shown to the user as is when the last attempt failed. */
  failReason: z.optional(shortText),
  /** Money left the payer's account for an attempt that did not become a payment. */
  moneyTaken: z.boolean(),
  attempts: z.int().check(z.minimum(0)),
}

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
  ...paymentProgress,
  familyOrderId: z.optional(opaqueRef),
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

/** What starting an attempt answers besides the order (shared with a family order's start). */
export const startPaymentFields = {
  attemptId: opaqueRef,
  amountFen: fen,
  payee: shortText,
  cashier: z.enum(['demo', 'wechat']),
  payParams,
}

export const startPaymentResponse = z.object({ ...startPaymentFields, order: orderView }) satisfies z.ZodMiniType<StartPaymentResponse>

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
