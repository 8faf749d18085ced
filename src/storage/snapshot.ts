/**
 * The journey so far (who is being paid for, their due items, the selection), kept for a short
 * while so a reload or a restart on the items or confirm page loses nothing. Only what the
 * backend already masked is kept: never the typed form, so never a full ID number.
 */
import type { DueItemsResponse, OrderSelection, PayerView } from '../contract'
import type { FlowState } from '../domain/payFlow'
import type { StoredChecks } from '../services/adapter'
import type { KeyValueStore } from '../services/storage'

export const SNAPSHOT_KEY = 'yibao.journey.v1'
/** Long enough to come back from a phone call, short enough not to linger. */
export const SNAPSHOT_TTL_MS = 30 * 60_000

/** The journey so far as a reload finds it again. */
export interface JourneySnapshot {
  mode: 'self' | 'other'
  payer?: PayerView
  due?: DueItemsResponse
  selection?: OrderSelection
}

/** What saveJourney reads of the flow's state (src/flow/store.ts's FlowSnapshot). */
export interface JourneyState {
  flow: Pick<FlowState, 'mode' | 'payerRef' | 'selection' | 'payment'>
  payer?: PayerView
  due?: DueItemsResponse
}

export function saveJourney(storage: KeyValueStore, snapshot: JourneyState, now: number): void {
  const { flow, payer, due } = snapshot
  const paid = flow.payment.step === 'done' && flow.payment.outcome === 'success'
  if (!payer || !due || flow.payerRef !== payer.payerRef || paid) {
    storage.removeItem(SNAPSHOT_KEY)
    return
  }
  storage.setItem(SNAPSHOT_KEY, JSON.stringify({ savedAt: now, mode: flow.mode, payer, due, selection: flow.selection }))
}

/**
 * Saves the journey whenever it changes, as the app does: keystrokes and polls change nothing
 * worth keeping, so it writes only when one of the parts kept did.
 */
export function keepJourney(store: { get(): JourneyState; subscribe(listener: () => void): unknown }, storage: KeyValueStore, clock: () => number): void {
  let savedParts: unknown[] = []
  store.subscribe(() => {
    const snapshot = store.get()
    const parts = [snapshot.payer, snapshot.due, snapshot.flow.selection, snapshot.flow.mode, snapshot.flow.payerRef, snapshot.flow.payment.step]
    if (parts.every((part, i) => part === savedParts[i])) return
    savedParts = parts
    saveJourney(storage, snapshot, clock())
  })
}

export function hasJourney(storage: KeyValueStore): boolean {
  return storage.getItem(SNAPSHOT_KEY) !== null
}

/** `check` is StoredChecks' journey, from the adapter chunk. */
export function loadJourney(storage: KeyValueStore, now: number, check: StoredChecks['journey']): JourneySnapshot | undefined {
  const raw = storage.getItem(SNAPSHOT_KEY)
  if (!raw) return undefined
  let parsed: ReturnType<typeof check>
  try {
    parsed = check(JSON.parse(raw))
  } catch {
    parsed = undefined
  }
  if (!parsed || now - parsed.savedAt > SNAPSHOT_TTL_MS || parsed.savedAt > now) {
    storage.removeItem(SNAPSHOT_KEY)
    return undefined
  }
  const { mode, payer, due, selection } = parsed
  return { mode, payer, due, selection }
}
