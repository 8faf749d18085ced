/**
 * The app's flow as src/flow/index.ts wires it (flow store, pending order, payment controller),
 * on the test mock instead of Taro: the cashier completes attempts at the mock, as told.
 */
import type { Backend, StartPaymentResponse } from '@/contract'
import { createPaymentController } from '@/flow/payment'
import { createFlowStore } from '@/flow/store'
import { createMemoryStore, type KeyValueStore } from '@/services/storage'
import { storedChecks } from '@/services/storedChecks'
import { createPendingOrderStore } from '@/storage/pendingOrder'
import { findPersonById } from '@/services/mock/registry'
import { harness } from './harness'

export interface AppOptions {
  h?: ReturnType<typeof harness>
  storage?: KeyValueStore
  /** Defaults to the harness's checked client over the mock. */
  backend?: Backend
  checks?: () => Promise<typeof storedChecks>
  /** What the person does at each cashier, in order; then 'pay'. */
  cashier?: ('pay' | 'cancel')[]
  /** Defaults to moving the mock's clock, so late results and back-off play out instantly. */
  sleep?: (ms: number) => Promise<void>
}

export function appOnMock(options: AppOptions = {}) {
  const h = options.h ?? harness()
  const storage = options.storage ?? createMemoryStore()
  const store = createFlowStore()
  const pending = createPendingOrderStore(storage, options.checks ?? (async () => storedChecks))
  const cashier = [...(options.cashier ?? [])]
  const started: StartPaymentResponse[] = []
  const controller = createPaymentController({
    backend: options.backend ?? h.backend,
    store,
    pending,
    clock: () => h.clock.now,
    pay: async (start) => {
      started.push(start)
      const { result, errMsg } = await h.mock.cashier.complete(start.attemptId, cashier.shift() ?? 'pay')
      return { outcome: result, errMsg }
    },
    sleep: options.sleep ?? (async (ms) => h.advance(ms)),
  })
  return { h, storage, store, pending, controller, started, cashier }
}

/** The 代他人缴费 lookup request for a demo person, by registry id. */
export function lookupOf(personId: string) {
  const p = findPersonById(personId)
  if (!p) throw new Error(`no demo person ${personId}`)
  return { mode: 'other' as const, name: p.name, idType: p.idType, idNumber: p.idNumber }
}
