/**
 * The app's flow as src/flow/index.ts wires it (flow store, kept journey, pending order, payment
 * controller), off Taro: `wireApp` takes any backend, cashier and timers; `appOnMock` puts it on
 * the test mock, whose cashier completes attempts as told.
 */
import type { Backend, PayResult, StartPaymentResponse } from '@/contract'
import { createPaymentController } from '@/flow/payment'
import { createFlowStore } from '@/flow/store'
import { createMemoryStore, type KeyValueStore } from '@/services/storage'
import { storedChecks } from '@/services/storedChecks'
import { createPendingOrderStore } from '@/storage/pendingOrder'
import { keepJourney, loadJourney } from '@/storage/snapshot'
import { findPersonById } from '@/services/mock/registry'
import { harness } from './harness'

export interface Wiring {
  backend: Backend
  storage: KeyValueStore
  clock: () => number
  /** The cashier step (the adapter's `pay`). */
  pay: (start: StartPaymentResponse) => Promise<PayResult>
  sleep: (ms: number) => Promise<void>
  checks?: () => Promise<typeof storedChecks>
  /** As the app: start from the journey saved in storage, and keep it whenever it changes. */
  keepsJourney?: boolean
}

/** One process of the app: what src/flow/index.ts builds, on the given parts. */
export function wireApp(wiring: Wiring) {
  const { backend, storage, clock, pay, sleep } = wiring
  const store = createFlowStore(wiring.keepsJourney ? loadJourney(storage, clock(), storedChecks.journey) : undefined)
  if (wiring.keepsJourney) keepJourney(store, storage, clock)
  const pending = createPendingOrderStore(storage, wiring.checks ?? (async () => storedChecks))
  const controller = createPaymentController({ backend, store, pending, clock, pay, sleep })
  return { store, pending, controller }
}

export interface AppOptions extends Partial<Pick<Wiring, 'storage' | 'backend' | 'checks' | 'keepsJourney'>> {
  h?: ReturnType<typeof harness>
  /** What the person does at each cashier, in order; then 'pay'. */
  cashier?: ('pay' | 'cancel')[]
  /** Defaults to moving the mock's clock, so late results and back-off play out instantly. */
  sleep?: (ms: number) => Promise<void>
}

export function appOnMock(options: AppOptions = {}) {
  const h = options.h ?? harness()
  const storage = options.storage ?? createMemoryStore()
  const cashier = [...(options.cashier ?? [])]
  const started: StartPaymentResponse[] = []
  const app = wireApp({
    backend: options.backend ?? h.backend,
    storage,
    clock: () => h.clock.now,
    pay: async (start) => {
      started.push(start)
      const { result, errMsg } = await h.mock.cashier.complete(start.attemptId, cashier.shift() ?? 'pay')
      return { outcome: result, errMsg }
    },
    sleep: options.sleep ?? (async (ms) => h.advance(ms)),
    checks: options.checks,
    keepsJourney: options.keepsJourney,
  })
  return { h, storage, ...app, started, cashier }
}

/** The 代他人缴费 lookup request for a demo person, by registry id. */
export function lookupOf(personId: string) {
  const p = findPersonById(personId)
  if (!p) throw new Error(`no demo person ${personId}`)
  return { mode: 'other' as const, name: p.name, idType: p.idType, idNumber: p.idNumber }
}
