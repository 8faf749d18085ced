/**
 * The embedded mock of the tax/insurance backend: the default, so the app is fully usable with
 * nothing else running. It speaks the same JSON envelope a real backend would, keeps orders and
 * payment attempts apart, is idempotent on the client's key, moves orders through their states
 * on its own clock (late results, booking, refunds) and persists through injected storage so
 * orders survive a restart. Its parts: state, people, pricing, orders, familyOrders, shares, handlers, cashier.
 */
import type { Method, Transport } from '../../contract'
import { METHODS } from '../../contract/schemas'
import { BACKEND_MESSAGES } from '../../domain/backendMessages'
import type { Clock } from '../../domain/time'
import type { KeyValueStore } from '../storage'
import { createCashier, type CashierAction, type CashierFault, type CashierOutcome } from './cashier'
import { MockError } from './errors'
import { createFamilyOrders } from './familyOrders'
import { createHandlers, type HandlerDeps, type Handlers } from './handlers'
import { createOrders, DEFAULT_DELAYS, seedReceipts, type MockDelays } from './orders'
import { createPeople, isKnownPerson } from './people'
import { createPricing } from './pricing'
import { createShares, defaultRandomBytes } from './shares'
import { createMockStore, type MockState } from './state'

export interface MockOptions {
  clock: Clock
  storage: KeyValueStore
  /** Per-call latency in ms (0 in tests, a few hundred in the preview). */
  latencyMs?: number
  sleep?: (ms: number) => Promise<void>
  delays?: Partial<MockDelays>
  /** Fills a buffer with random bytes (share tokens); defaults to Web Crypto, else Math.random. */
  randomBytes?: (bytes: Uint8Array) => void
}

/** Parts a test may swap for broken ones (tests/unit/reliability/brokenMock.ts). */
export interface MockParts {
  handlers?: (deps: HandlerDeps, honest: Handlers) => Handlers
}

export function createMockBackend(options: MockOptions, parts: MockParts = {}) {
  const { clock } = options
  const delays: MockDelays = { ...DEFAULT_DELAYS, ...options.delays }
  const latencyMs = options.latencyMs ?? 0
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))

  // The store's seed needs the people, and the people read the store's orders: tied by `store`.
  const people = createPeople(clock, () => store.state.orders)
  const store = createMockStore(options.storage, (s: MockState) => seedReceipts(s, people), isKnownPerson)
  const priceSelection = createPricing(people)
  const orders = createOrders({ clock, delays, store, priceSelection })
  const shares = createShares({ store, people, randomBytes: options.randomBytes ?? defaultRandomBytes })
  const familyOrders = createFamilyOrders({ clock, delays, store, people, orders })
  const deps: HandlerDeps = { clock, delays, store, people, priceSelection, orders, familyOrders, shares }
  const honest = createHandlers(deps)
  const handlers = parts.handlers?.(deps, honest) ?? honest
  const advance = () => {
    // Family orders first: a late family payment confirmed now is booked item by item below.
    const familyChanged = familyOrders.advance()
    if (orders.advance() || familyChanged) store.save()
  }
  const completeAttempt = createCashier({ clock, delays, store, orders, familyOrders, advance })

  function handle(method: Method, request: unknown): unknown {
    advance()
    // A server checks what reaches it, whatever the client did.
    if (!METHODS[method]?.request.safeParse(request).success) {
      // A mangled share link is a bad link, not a bad form.
      if (method === 'openShareToken') return { ok: false, error: { code: 'SHARE_INVALID', message: BACKEND_MESSAGES.shareInvalid } }
      return { ok: false, error: { code: 'INVALID_REQUEST', message: BACKEND_MESSAGES.invalidRequest } }
    }
    try {
      const data = (handlers[method] as (r: unknown) => unknown)(request)
      store.save()
      // A real answer crosses a wire: hand back a copy, never live state.
      return JSON.parse(JSON.stringify({ ok: true, data }))
    } catch (error) {
      if (error instanceof MockError) return { ok: false, error: error.body }
      throw error
    }
  }

  /** Answers at once; `transport` is it behind the network's latency. */
  const direct: Transport = { call: async (method, request) => handle(method, request) }
  const withLatency = (inner: Transport): Transport => ({
    async call(method, request) {
      if (latencyMs > 0) await sleep(latencyMs)
      return inner.call(method, request)
    },
  })

  return {
    transport: withLatency(direct),
    /** For tests (./testMock.ts): faults go between the latency and the backend. */
    direct,
    withLatency,
    cashier: {
      /** `takeFault` is for tests (./testMock.ts): a cashier-side fault for this attempt. */
      complete: async (attemptId: string, action: CashierAction, takeFault?: () => CashierFault | undefined): Promise<CashierOutcome> => {
        if (latencyMs > 0) await sleep(latencyMs)
        return completeAttempt(attemptId, action, takeFault)
      },
    },
    /** The state with the backend's clock applied (for tests' inspection). */
    current: (): MockState => {
      advance()
      return store.state
    },
    reset: store.reset,
  }
}

export type MockBackend = ReturnType<typeof createMockBackend>
