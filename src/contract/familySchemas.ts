/** The zod schemas of 全部缴纳 (./familyOrder), built like ./schemas' order schemas. */
import * as z from 'zod/mini'
import { FAMILY_ORDER_MAX_PEOPLE, type CreateFamilyOrderRequest, type FamilyCashierReturnedRequest, type FamilyOrderIdRequest, type FamilyOrderView, type StartFamilyPaymentResponse } from './index'
import { epochMs, fen, opaqueRef, orderStateSchema, shortText } from './payerSchemas'
import { orderSelection, orderView, startPaymentFields } from './orderSchemas'

export const createFamilyOrderRequest = z.object({
  idempotencyKey: opaqueRef,
  items: z
    .array(z.object({ payerRef: opaqueRef, selection: orderSelection }))
    .check(
      z.minLength(1),
      z.maxLength(FAMILY_ORDER_MAX_PEOPLE),
      z.refine((items) => new Set(items.map((item) => item.payerRef)).size === items.length, { message: 'each person once' }),
    ),
}) satisfies z.ZodMiniType<CreateFamilyOrderRequest>

export const familyOrderView = z.object({
  familyOrderId: opaqueRef,
  state: orderStateSchema,
  amountFen: fen,
  items: z.array(orderView).check(z.minLength(1), z.maxLength(FAMILY_ORDER_MAX_PEOPLE)),
  refundFen: fen,
  createdAt: epochMs,
  updatedAt: epochMs,
  paidAt: z.optional(epochMs),
  failReason: z.optional(shortText),
  moneyTaken: z.boolean(),
  attempts: z.int().check(z.minimum(0)),
}) satisfies z.ZodMiniType<FamilyOrderView>

export const familyOrderIdRequest = z.object({ familyOrderId: opaqueRef }) satisfies z.ZodMiniType<FamilyOrderIdRequest>
export const familyCashierReturnedRequest = z.object({ familyOrderId: opaqueRef, result: z.enum(['cancel', 'fail']) }) satisfies z.ZodMiniType<FamilyCashierReturnedRequest>

export const startFamilyPaymentResponse = z.object({ ...startPaymentFields, familyOrder: familyOrderView }) satisfies z.ZodMiniType<StartFamilyPaymentResponse>
