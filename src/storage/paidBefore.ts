/**
 * Whether a payment has gone through on this device: with saved family members, what makes the
 * user a returning one, whose home shows the family board. A flag only, nothing about whom.
 */
import type { KeyValueStore } from '../services/storage'

export const PAID_BEFORE_KEY = 'yibao.paidBefore.v1'

export function markPaidBefore(storage: KeyValueStore): void {
  if (storage.getItem(PAID_BEFORE_KEY) !== '1') storage.setItem(PAID_BEFORE_KEY, '1')
}

export function hasPaidBefore(storage: KeyValueStore): boolean {
  return storage.getItem(PAID_BEFORE_KEY) === '1'
}
