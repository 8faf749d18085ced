/**
 * Deliberately broken backends, to show the session property has teeth. Each is the embedded
 * mock with one part swapped for a broken one (createMockBackend's `parts`), so a refactor of
 * the mock cannot quietly disarm them: they break through the same seam the mock is built from.
 */
import { createTestMock } from '@/services/mock/testMock'
import { personForRef } from '@/services/mock/people'
import { createMemoryStore } from '@/services/storage'
import type { MockFactory } from './sessionModel'

/**
 * The mock, except that createOrder ignores the idempotency key and the open order already
 * holding the person-period: every createOrder makes a new order. (A wrapper that only rewrote
 * the key would not do: the honest mock also hands back the open order for the same period.)
 */
export function mockIgnoringIdempotency(): MockFactory {
  return (options) =>
    createTestMock(options, {
      handlers: ({ store, orders }, honest) => ({
        ...honest,
        createOrder({ idempotencyKey, payerRef, selection }) {
          const order = orders.build(personForRef(payerRef), selection, idempotencyKey)
          store.state.orders.push(order)
          return orders.view(order)
        },
      }),
    })
}

/**
 * The mock, except that 全部缴纳 does not look at the people's other orders: a family order is
 * made as if nobody had paid or started paying anything (the live-order rule skipped per item).
 */
export function mockFamilyIgnoringOtherOrders(): MockFactory {
  return (options) =>
    createTestMock(options, {
      handlers: ({ store }, honest) => ({
        ...honest,
        createFamilyOrder(request) {
          const others = store.state.orders
          store.state.orders = []
          try {
            return honest.createFamilyOrder(request)
          } finally {
            store.state.orders = [...others, ...store.state.orders]
          }
        },
      }),
    })
}

/** The honest mock whose storage forgets everything it is told: a restart of the app loses its orders. */
export const mockWithoutPersistence: MockFactory = (options) => createTestMock({ ...options, storage: createMemoryStore() })
