/**
 * The journey so far (who is being paid for, their due items, the selection), kept for a short
 * while so a reload or a restart on the items or confirm page loses nothing. Only what the
 * backend already masked is kept: never the typed form, so never a full ID number.
 */
import * as z from 'zod/mini'
import { dueItemsResponse, orderSelection, payerView } from '../services/contract'
import type { KeyValueStore } from '../services/storage'
import type { FlowSnapshot } from './store'

export const SNAPSHOT_KEY = 'yibao.journey.v1'
/** Long enough to come back from a phone call, short enough not to linger. */
export const SNAPSHOT_TTL_MS = 30 * 60_000

const stored = z.object({
  savedAt: z.number(),
  mode: z.enum(['self', 'other']),
  payer: payerView,
  due: dueItemsResponse,
  selection: z.optional(orderSelection),
})

export type JourneySnapshot = Pick<FlowSnapshot, 'payer' | 'due'> & {
  mode: 'self' | 'other'
  selection?: z.infer<typeof orderSelection>
}

export function saveJourney(storage: KeyValueStore, snapshot: FlowSnapshot, now: number): void {
  const { flow, payer, due } = snapshot
  const paid = flow.payment.step === 'done' && flow.payment.outcome === 'success'
  if (!payer || !due || flow.payerRef !== payer.payerRef || paid) {
    storage.removeItem(SNAPSHOT_KEY)
    return
  }
  storage.setItem(SNAPSHOT_KEY, JSON.stringify({ savedAt: now, mode: flow.mode, payer, due, selection: flow.selection }))
}

export function loadJourney(storage: KeyValueStore, now: number): JourneySnapshot | undefined {
  const raw = storage.getItem(SNAPSHOT_KEY)
  if (!raw) return undefined
  let parsed: ReturnType<typeof stored.safeParse> | undefined
  try {
    parsed = stored.safeParse(JSON.parse(raw))
  } catch {
    parsed = undefined
  }
  if (!parsed?.success || now - parsed.data.savedAt > SNAPSHOT_TTL_MS || parsed.data.savedAt > now) {
    storage.removeItem(SNAPSHOT_KEY)
    return undefined
  }
  const { mode, payer, due, selection } = parsed.data
  return { mode, payer, due, selection }
}
