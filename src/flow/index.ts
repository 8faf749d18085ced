/** The app's one flow store and payment controller, wired to the service seam. */
import { useSyncExternalStore } from 'react'
import { appClock, backend, loadAdapter } from '../services'
import { taroStore } from '../services/taroStore'
import { createFamilyPayers } from '../storage/familyPayers'
import { markPaidBefore } from '../storage/paidBefore'
import { createPaymentController } from './payment'
import { createPendingOrderStore } from '../storage/pendingOrder'
import { hasJourney, keepJourney, loadJourney } from '../storage/snapshot'
import { createFlowStore, type FlowSnapshot } from './store'

const fetchStoredChecks = async () => (await loadAdapter()).storedChecks

// A saved journey is read back once its checks arrive; without one, nothing is fetched at launch
// (the adapter comes with the first backend call; the weapp preloads its subpackage from home).
export const flowStore = createFlowStore(hasJourney(taroStore) ? 'resuming' : undefined)
if (flowStore.get().resuming) {
  fetchStoredChecks().then(
    (checks) => flowStore.resume(loadJourney(taroStore, appClock(), checks.journey)),
    () => flowStore.resume(),
  )
}
keepJourney(flowStore, taroStore, appClock)
// A payment that went through makes this a returning user: home shows the family board.
flowStore.subscribe(() => {
  const session = flowStore.get().flow.payment
  if (session.step === 'done' && session.outcome === 'success') markPaidBefore(taroStore)
})

export const pendingOrders = createPendingOrderStore(taroStore, fetchStoredChecks)

export const familyPayers = createFamilyPayers(taroStore)

export const payment = createPaymentController({
  backend,
  store: flowStore,
  pending: pendingOrders,
  pay: async (start) => (await loadAdapter()).pay(start),
  clock: appClock,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
})

export function useFlow(): FlowSnapshot {
  return useSyncExternalStore(flowStore.subscribe, flowStore.get, flowStore.get)
}
