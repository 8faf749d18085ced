/** Shared by the payFlow tests: selections, a session at each step, and event makers. */
import type { OrderState } from './orderState'
import { FlowEvent, FlowState, PaymentSession, Selection, flowReducer, initialFlowState } from './payFlow'

export const RESIDENT_2027: Selection = { kind: 'resident', coverageYear: 2027 }
export const FLEXIBLE_Q1: Selection = { kind: 'flexible', months: ['2026-01', '2026-02', '2026-03'], tierCode: 'T60' }
export const ERR = { code: 'NETWORK', message: '网络异常，请稍后再试' }

export const run = (state: FlowState, ...events: FlowEvent[]): FlowState => events.reduce(flowReducer, state)

export const keyOf = (p: PaymentSession): string | undefined => (p.step === 'idle' ? undefined : p.key)

/** A payer has been found and a year selected: the confirm button is live. */
export const ready = run(
  initialFlowState,
  { type: 'start', mode: 'self' },
  { type: 'lookup_started' },
  { type: 'lookup_succeeded', payerRef: 'P-REF-1' },
  { type: 'selected', selection: RESIDENT_2027 },
)

export const confirm = (newKey: string): FlowEvent => ({ type: 'confirm_tapped', newKey })
export const created = (orderId: string, state: OrderState = 'pending'): FlowEvent => ({ type: 'order_created', order: { orderId, state } })
export const started = (orderId: string): FlowEvent => ({ type: 'payment_started', order: { orderId, state: 'paying' } })
export const polled = (orderId: string, state: OrderState): FlowEvent => ({ type: 'order_polled', order: { orderId, state } })

export const creating = run(ready, confirm('K1'))
export const starting = run(creating, created('O1'))
export const cashier = run(starting, started('O1'))
export const checking = run(cashier, { type: 'cashier_returned', outcome: 'ok' })
export const succeeded = run(checking, polled('O1', 'paid'))
export const unconfirmed = run(checking, { type: 'polls_exhausted' })
