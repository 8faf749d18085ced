/**
 * The payment in flight, saved before the order is created so a reload or a closed app finds
 * it again: the idempotency key makes re-creating return the same order, never a second one.
 * Holds only opaque references, never an ID number.
 */
import type { KeyValueStore } from '../services/storage'
import type { PendingOrder, StoredChecks } from '../services/adapter'

export type { PendingOrder }

export const PENDING_ORDER_KEY = 'yibao.pendingOrder.v1'

/**
 * One record kept under `key`, read back through its check. The check comes with the adapter; if
 * it cannot load (offline), load() rejects and keeps the record.
 */
export function createSavedRecord<T>(storage: KeyValueStore, key: string, check: () => Promise<(value: unknown) => T | undefined>) {
  return {
    async load(): Promise<T | undefined> {
      // Nothing saved (the usual case): no reason to fetch the check.
      if (!storage.getItem(key)) return undefined
      const parse = await check()
      const raw = storage.getItem(key)
      if (!raw) return undefined
      try {
        const parsed = parse(JSON.parse(raw))
        if (parsed) return parsed
      } catch {
        // Unreadable: fall through and drop it; the backend still knows the order (see 缴费记录).
      }
      storage.removeItem(key)
      return undefined
    },
    save(value: T): void {
      storage.setItem(key, JSON.stringify(value))
    },
    clear(): void {
      storage.removeItem(key)
    },
  }
}

export function createPendingOrderStore(storage: KeyValueStore, checks: () => Promise<StoredChecks>) {
  return createSavedRecord<PendingOrder>(storage, PENDING_ORDER_KEY, async () => (await checks()).pendingOrder)
}

/** Client-generated, unique per confirmed selection; shaped to the contract's opaque reference. */
export function newIdempotencyKey(now: number, random: () => number = Math.random): string {
  const noise = Array.from({ length: 3 }, () => Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')).join('')
  return `ik_${now.toString(36)}_${noise}`
}
