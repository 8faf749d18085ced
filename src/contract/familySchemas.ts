/** The zod schemas of 全部缴纳 (the types are in ./orderTypes), built like ./orderSchemas' order schemas. */
import * as z from 'zod/mini'
import { FAMILY_ORDER_MAX_PEOPLE, type CreateFamilyOrderRequest, type FamilyCashierReturnedRequest, type FamilyOrderIdRequest, type FamilyOrderView, type StartFamilyPaymentResponse } from './index'
import { fen, opaqueRef, orderStateSchema } from './payerSchemas'
import { orderSelection, orderView, paymentProgress, startPaymentFields } from './orderSchemas'

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
  ...paymentProgress,
}) satisfies z.ZodMiniType<FamilyOrderView>

export const familyOrderIdRequest = z.object({ familyOrderId: opaqueRef }) satisfies z.ZodMiniType<FamilyOrderIdRequest>
export const familyCashierReturnedRequest = z.object({ familyOrderId: opaqueRef, result: z.enum(['cancel', 'fail']) }) satisfies z.ZodMiniType<FamilyCashierReturnedRequest>

export const startFamilyPaymentResponse = z.object({ ...startPaymentFields, familyOrder: familyOrderView }) satisfies z.ZodMiniType<StartFamilyPaymentResponse>
