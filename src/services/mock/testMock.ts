/**
 * The mock with its test knobs: transport faults (the fault-injecting wrapper), cashier-side
 * faults, and inspection of orders and money. Tests use it directly; builds made for tests hand
 * it to the tier-2/3 drivers (./testHooks.ts). Production code never imports it.
 */
import { isPaidState } from '../../domain/orderState'
import { withFaults } from '../faultyTransport'
import type { CashierAction, CashierFault } from './cashier'
import { createMockBackend, type MockBackend, type MockOptions, type MockParts } from './mockBackend'

export function withTestKnobs(mock: MockBackend) {
  const faulty = withFaults(mock.direct)
  const cashierFaults: CashierFault[] = []
  return {
    transport: mock.withLatency(faulty.transport),
    cashier: {
      complete: (attemptId: string, action: CashierAction) => mock.cashier.complete(attemptId, action, () => cashierFaults.shift()),
      inject: (fault: CashierFault) => void cashierFaults.push(fault),
    },
    faults: {
      inject: faulty.inject,
      clear: () => {
        faulty.clear()
        cashierFaults.length = 0
      },
      pending: faulty.pending,
    },
    inspect: {
      shares: () => mock.current().shares.map((s) => ({ ...s })),
      orders: () => mock.current().orders.map((o) => ({ ...o })),
      familyOrders: () => mock.current().familyOrders.map((f) => ({ ...f })),
      /** Money movements, for the reliability invariants: taken = receipts + refunds pending + refunded. */
      ledger: () => {
        const state = mock.current()
        const sum = (xs: { amountFen: number }[]) => xs.reduce((t, x) => t + x.amountFen, 0)
        const appOrders = state.orders.filter((o) => !o.idempotencyKey.startsWith('seed_'))
        const payables = [...state.orders, ...state.familyOrders]
        const awaitingLateConfirm = (attemptId: string) => payables.some((o) => o.currentAttemptId === attemptId && o.lateConfirmAt !== undefined)
        return {
          takenFen: sum(state.attempts.filter((a) => a.state === 'paid' || a.state === 'reversed' || (a.state === 'open' && awaitingLateConfirm(a.attemptId)))),
          receiptsFen: sum(appOrders.filter((o) => isPaidState(o.state))),
          refundPendingFen: sum(appOrders.filter((o) => o.state === 'reversing')),
          refundedFen: sum(appOrders.filter((o) => o.state === 'refunded')),
        }
      },
    },
    reset: mock.reset,
  }
}

export const createTestMock = (options: MockOptions, parts?: MockParts) => withTestKnobs(createMockBackend(options, parts))

export type TestMock = ReturnType<typeof withTestKnobs>
