/**
 * The contract's scalar building blocks and the schemas of who pays and what is due (payer lookup,
 * due items). Split from ./schemas to keep each file readable; ./schemas re-exports what others use.
 */
import * as z from 'zod/mini'
import { ORDER_STATES } from '../domain/orderState'
import {
  ID_TYPES,
  OPAQUE_REF_PATTERN,
  SHARE_TOKEN_PATTERN,
  type DueItemsResponse,
  type FlexibleTierView,
  type IdType,
  type InsuranceKind,
  type LookupPayerRequest,
  type PayerView,
  type ResidentDueYear,
} from './index'

// Before any schema is built (zod reads it per object schema); ./schemas is imported after this module.
z.config({ jitless: true })

export const fen = z.int().check(z.minimum(0))
export const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))
export const isoMonth = z.string().check(z.regex(/^\d{4}-\d{2}$/))
export const epochMs = z.int().check(z.minimum(0))
export const shortText = z.string().check(z.maxLength(200))
export const opaqueRef = z.string().check(z.regex(OPAQUE_REF_PATTERN))
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
