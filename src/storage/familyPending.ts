/**
 * 全部缴纳's payment in flight, saved before its family order is created so a reload or a closed
 * app finds it again: the key makes creating it again return the same family order, never a
 * second one. Holds only opaque references (the key, the payerRefs with their periods, the
 * familyOrderId), never a name or an ID number. Forgotten once its order has ended.
 */
import type { Backend, FamilyOrderView } from '../contract'
import { isFinalState, isPaidState } from '../domain/orderState'
import type { FamilyPending, StoredChecks } from '../services/adapter'
import type { KeyValueStore } from '../services/storage'
import { createSavedRecord } from './pendingOrder'

export type { FamilyPending }

export const FAMILY_PENDING_KEY = 'yibao.familyPending.v1'

/** Nothing more is to be paid on it: the money is in, or it was closed unpaid. */
export const familyOrderEnded = (order: FamilyOrderView): boolean => isPaidState(order.state) || isFinalState(order.state)

/** The saved payment, and its family order as the backend has it now (none yet, or the backend could not be asked). */
export interface FoundFamilyPending {
  saved: FamilyPending
  order?: FamilyOrderView
}

export function createFamilyPendingStore(storage: KeyValueStore, checks: () => Promise<StoredChecks>) {
  const record = createSavedRecord<FamilyPending>(storage, FAMILY_PENDING_KEY, async () => (await checks()).familyPending)

  /** An answer about a family order, from wherever it was asked: once it has ended, its saved record goes (another order's stays). */
  async function noteOrder(order: FamilyOrderView): Promise<void> {
    if (!familyOrderEnded(order)) return
    const saved = await record.load().catch(() => undefined)
    if (saved?.familyOrderId === order.familyOrderId) record.clear()
  }

  return {
    ...record,
    noteOrder,

    /** The saved payment, with its order asked of the backend; undefined when nothing is saved or its order has ended. */
    async find(backend: Backend): Promise<FoundFamilyPending | undefined> {
      // Unreadable for now (the checks could not load): it stays saved for the next try.
      const saved = await record.load().catch(() => undefined)
      if (!saved?.familyOrderId) return saved && { saved }
      const order = await backend.queryFamilyOrder({ familyOrderId: saved.familyOrderId }).catch(() => undefined)
      if (!order) return { saved }
      await noteOrder(order)
      return familyOrderEnded(order) ? undefined : { saved, order }
    },
  }
}

export type FamilyPendingStore = ReturnType<typeof createFamilyPendingStore>
