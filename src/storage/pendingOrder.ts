/**
 * The payment in flight, saved before the order is created so a reload or a closed app finds
 * it again: the idempotency key makes re-creating return the same order, never a second one.
 * Holds only opaque references, never an ID number.
 */
import type { KeyValueStore } from '../services/storage'
import type { PendingOrder, StoredChecks } from '../services/adapter'

export type { PendingOrder }

export const PENDING_ORDER_KEY = 'yibao.pendingOrder.v1'

/** `checks` come with the adapter; if they cannot load (offline), load() rejects and keeps the order. */
export function createPendingOrderStore(storage: KeyValueStore, checks: () => Promise<StoredChecks>) {
  return {
    async load(): Promise<PendingOrder | undefined> {
      // Nothing saved (the usual case): no reason to fetch the checks.
      if (!storage.getItem(PENDING_ORDER_KEY)) return undefined
      const { pendingOrder } = await checks()
      const raw = storage.getItem(PENDING_ORDER_KEY)
      if (!raw) return undefined
      try {
        const parsed = pendingOrder(JSON.parse(raw))
        if (parsed) return parsed
      } catch {
        // Unreadable: fall through and drop it; the backend still knows the order (see 缴费记录).
      }
      storage.removeItem(PENDING_ORDER_KEY)
      return undefined
    },
    save(pending: PendingOrder): void {
      storage.setItem(PENDING_ORDER_KEY, JSON.stringify(pending))
    },
    clear(): void {
      storage.removeItem(PENDING_ORDER_KEY)
    },
  }
}

/** Client-generated, unique per confirmed selection; shaped to the contract's opaque reference. */
export function newIdempotencyKey(now: number, random: () => number = Math.random): string {
  const noise = Array.from({ length: 3 }, () => Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')).join('')
  return `ik_${now.toString(36)}_${noise}`
}
