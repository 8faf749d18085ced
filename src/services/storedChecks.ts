/**
 * What the flow keeps on the device, checked on its way back in with the contract's own schemas.
 * Like all zod, these load with the adapter chunk (services/adapter.ts), never the main package.
 */
import * as z from 'zod/mini'
import { dueItemsResponse, orderSelection, payerView } from '../contract/schemas'

const pendingOrder = z.object({
  key: z.string(),
  payerRef: z.string(),
  selection: orderSelection,
  orderId: z.optional(z.string()),
})
export type PendingOrder = z.infer<typeof pendingOrder>

const journey = z.object({
  savedAt: z.number(),
  mode: z.enum(['self', 'other']),
  payer: payerView,
  due: dueItemsResponse,
  selection: z.optional(orderSelection),
})
export type StoredJourney = z.infer<typeof journey>

const checker =
  <T>(schema: z.ZodMiniType<T>) =>
  (value: unknown): T | undefined => {
    const parsed = schema.safeParse(value)
    return parsed.success ? parsed.data : undefined
  }

/** Each gives back the value in its stored shape (unknown keys dropped), or undefined. */
export const storedChecks = {
  pendingOrder: checker(pendingOrder),
  journey: checker(journey),
}
export type StoredChecks = typeof storedChecks
