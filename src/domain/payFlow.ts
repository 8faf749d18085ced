/**
 * The payment flow's state, as one pure reducer: who pays, what is due, what is selected and
 * where the payment session stands. Pages render it; src/flow runs the effects it asks for.
 * Double taps, cancels, late results and restarts are all just events here.
 */
import type { IdType, OrderSelection, PayOutcome } from '../contract'
import type { OrderState } from './orderState'

export type PayerMode = 'self' | 'other'

export interface PayerForm {
  name: string
  idType: IdType
  idNumber: string
}

/** What is being paid for: the contract's OrderSelection. */
export type Selection = OrderSelection

export interface FlowError {
  code: string
  message: string
  /** The order the error is about, e.g. the existing payment behind 已缴费. */
  orderId?: string
}

/** What the reducer needs to know of an order; the backend's OrderView satisfies it. */
export interface OrderSnapshot {
  orderId: string
  state: OrderState
}

export type CashierOutcome = PayOutcome

export type FinalOutcome = 'success' | 'failed' | 'cancelled' | 'unconfirmed'

export type PaymentSession =
  | { step: 'idle' }
  | { step: 'creating'; key: string; orderId?: string }
  | { step: 'starting'; key: string; orderId: string }
  | { step: 'cashier'; key: string; orderId: string }
  | { step: 'checking'; key: string; orderId: string }
  | { step: 'done'; key: string; orderId: string; outcome: FinalOutcome; state?: OrderState }
  | { step: 'error'; key: string; orderId?: string; error: FlowError }

export interface FlowState {
  mode: PayerMode
  form: PayerForm
  lookup: { status: 'idle' | 'loading' | 'done' | 'error'; error?: FlowError }
  payerRef?: string
  selection?: Selection
  payment: PaymentSession
}

export type FlowEvent =
  | { type: 'start'; mode: PayerMode }
  | { type: 'form_changed'; field: keyof PayerForm; value: string }
  | { type: 'lookup_started' }
  | { type: 'lookup_succeeded'; payerRef: string }
  | { type: 'lookup_failed'; error: FlowError }
  | { type: 'selected'; selection: Selection | undefined }
  | { type: 'confirm_tapped'; newKey: string }
  | { type: 'order_created'; order: OrderSnapshot }
  | { type: 'payment_started'; order: OrderSnapshot }
  | { type: 'cashier_returned'; outcome: CashierOutcome }
  | { type: 'order_polled'; order: OrderSnapshot }
  | { type: 'polls_exhausted' }
  | { type: 'request_failed'; error: FlowError }
  | { type: 'restored'; key: string; orderId?: string; payerRef: string; selection: Selection }
  | { type: 'refresh_tapped' }
  | { type: 'retry_tapped' }

export const EMPTY_FORM: PayerForm = { name: '', idType: 'resident_id', idNumber: '' }

export const initialFlowState: FlowState = {
  mode: 'self',
  form: EMPTY_FORM,
  lookup: { status: 'idle' },
  payment: { step: 'idle' },
}

/** What an order's state means for the person waiting on the pay page. */
export function outcomeOfOrder(state: OrderState): FinalOutcome | 'waiting' {
  switch (state) {
    case 'paid':
    case 'settled':
      return 'success'
    case 'failed':
    case 'reversing':
    case 'refunded':
    case 'closed':
      return 'failed'
    case 'pending':
      return 'cancelled'
    case 'paying':
      return 'waiting'
  }
}

/** A payment is under way: a second confirm must not start another one. */
export function isPaymentBusy(session: PaymentSession): boolean {
  return session.step === 'creating' || session.step === 'starting' || session.step === 'cashier' || session.step === 'checking'
}

function sameSelection(a: Selection | undefined, b: Selection | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** The session's order is closed or refunded (or gone): reusing its key would return it again. */
function isDeadOrder(session: PaymentSession): boolean {
  if (session.step === 'done') return session.state === 'closed' || session.state === 'refunded'
  if (session.step === 'error') return session.error.code === 'ORDER_NOT_PAYABLE' || session.error.code === 'ORDER_NOT_FOUND'
  return false
}

function orderOf(session: PaymentSession): string | undefined {
  return session.step === 'idle' ? undefined : session.orderId
}

export function flowReducer(state: FlowState, event: FlowEvent): FlowState {
  const session = state.payment
  switch (event.type) {
    case 'start':
      // A new journey starts with an empty form: the last person's ID number is not left on the phone
      // for whoever picks it up next. (A failed lookup keeps the form: it is not a new journey.)
      return { ...initialFlowState, mode: event.mode }
    case 'form_changed':
      return { ...state, form: { ...state.form, [event.field]: event.value }, lookup: state.lookup.status === 'error' ? { status: 'idle' } : state.lookup }
    case 'lookup_started':
      if (state.lookup.status === 'loading') return state
      return { ...state, lookup: { status: 'loading' }, payerRef: undefined, selection: undefined, payment: { step: 'idle' } }
    case 'lookup_succeeded':
      return { ...state, lookup: { status: 'done' }, payerRef: event.payerRef }
    case 'lookup_failed':
      return { ...state, lookup: { status: 'error', error: event.error } }
    case 'selected':
      if (isPaymentBusy(session)) return state
      // A different selection is a different order: the old key must not be reused for it.
      return sameSelection(state.selection, event.selection) ? state : { ...state, selection: event.selection, payment: { step: 'idle' } }
    case 'confirm_tapped': {
      if (isPaymentBusy(session) || !state.payerRef || !state.selection) return state
      if (session.step === 'done' && session.outcome === 'success') return state
      // Retrying after an error or a cancel reuses the key, so the backend hands back the same order;
      // an order that can never be paid again needs a new one.
      if (session.step === 'idle' || isDeadOrder(session)) return { ...state, payment: { step: 'creating', key: event.newKey } }
      return { ...state, payment: { step: 'creating', key: session.key, orderId: session.orderId } }
    }
    case 'order_created':
      if (session.step !== 'creating') return state
      return { ...state, payment: { step: 'starting', key: session.key, orderId: event.order.orderId } }
    case 'payment_started':
      if (session.step !== 'starting') return state
      return { ...state, payment: { step: 'cashier', key: session.key, orderId: event.order.orderId } }
    case 'cashier_returned':
      if (session.step !== 'cashier') return state
      return { ...state, payment: { step: 'checking', key: session.key, orderId: session.orderId } }
    case 'order_polled': {
      if (session.step === 'idle' || session.orderId !== event.order.orderId) return state
      if (session.step !== 'checking' && !(session.step === 'done' && session.outcome === 'unconfirmed')) return state
      const outcome = outcomeOfOrder(event.order.state)
      if (outcome === 'waiting') {
        return session.step === 'checking' ? state : { ...state, payment: { step: 'checking', key: session.key, orderId: session.orderId } }
      }
      return { ...state, payment: { step: 'done', key: session.key, orderId: session.orderId, outcome, state: event.order.state } }
    }
    case 'polls_exhausted':
      if (session.step !== 'checking') return state
      return { ...state, payment: { step: 'done', key: session.key, orderId: session.orderId, outcome: 'unconfirmed', state: 'paying' } }
    case 'request_failed':
      if (session.step !== 'creating' && session.step !== 'starting' && session.step !== 'cashier') return state
      return { ...state, payment: { step: 'error', key: session.key, orderId: orderOf(session), error: event.error } }
    case 'restored':
      if (isPaymentBusy(session)) return state
      return {
        ...state,
        payerRef: event.payerRef,
        selection: event.selection,
        lookup: { status: 'done' },
        payment: event.orderId
          ? { step: 'checking', key: event.key, orderId: event.orderId }
          : { step: 'creating', key: event.key },
      }
    case 'refresh_tapped':
      if (session.step !== 'done' || session.outcome !== 'unconfirmed') return state
      return { ...state, payment: { step: 'checking', key: session.key, orderId: session.orderId } }
    case 'retry_tapped':
      // Only a failed attempt may be retried on the same order; the backend decides if it can.
      if (session.step !== 'done' || session.outcome !== 'failed' || session.state !== 'failed') return state
      return { ...state, payment: { step: 'creating', key: session.key, orderId: session.orderId } }
  }
}
