/**
 * What the flow keeps on the device, checked on its way back in with the contract's own schemas.
 * Like all zod, these load with the adapter chunk (./adapters), never the main package.
 */
import * as z from 'zod/mini'
import { dueItemsResponse, orderSelection, payerView } from '../contract/schemas'
import type { FamilyPending, PendingOrder, StoredChecks, StoredJourney } from './adapter'

const pendingOrder = z.object({
  key: z.string(),
  payerRef: z.string(),
  selection: orderSelection,
  orderId: z.optional(z.string()),
}) satisfies z.ZodMiniType<PendingOrder>

const familyPending = z.object({
  key: z.string(),
  items: z.array(z.object({ payerRef: z.string(), selection: orderSelection })).check(z.minLength(1)),
  familyOrderId: z.optional(z.string()),
}) satisfies z.ZodMiniType<FamilyPending>

const journey = z.object({
  savedAt: z.number(),
  mode: z.enum(['self', 'other']),
  payer: payerView,
  due: dueItemsResponse,
  selection: z.optional(orderSelection),
}) satisfies z.ZodMiniType<StoredJourney>

const checker =
  <T>(schema: z.ZodMiniType<T>) =>
  (value: unknown): T | undefined => {
    const parsed = schema.safeParse(value)
    return parsed.success ? parsed.data : undefined
  }

export const storedChecks: StoredChecks = {
  pendingOrder: checker(pendingOrder),
  familyPending: checker(familyPending),
  journey: checker(journey),
}
