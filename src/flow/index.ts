/** The app's one flow store and payment controller, wired to the service seam. */
import { useSyncExternalStore } from 'react'
import { appClock, backend } from '../services'
import { payForAttempt } from '../services/pay'
import { taroStore } from '../services/taroStore'
import { createPaymentController } from './payment'
import { createPendingOrderStore } from './pendingOrder'
import { createFlowStore, type FlowSnapshot } from './store'

export const flowStore = createFlowStore()

export const pendingOrders = createPendingOrderStore(taroStore)

export const payment = createPaymentController({
  backend,
  store: flowStore,
  pending: pendingOrders,
  pay: payForAttempt,
  clock: appClock,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
})

export function useFlow(): FlowSnapshot {
  return useSyncExternalStore(flowStore.subscribe, flowStore.get, flowStore.get)
}
