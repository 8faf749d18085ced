/**
 * The business order's life cycle. One order may have many payment attempts; the order state
 * is what the tax side says about the money, so the client only ever reads it from the backend.
 */
export const ORDER_STATES = [
  'pending', // 待支付: created, no attempt running
  'paying', // 支付中: an attempt was started; the result is not known yet
  'paid', // 已缴费: the tax side has the money
  'settled', // 已入库: the payment is booked to the treasury
  'failed', // 缴费失败: the last attempt failed; no money was taken
  'reversing', // 待冲正: money was taken but the payment could not be booked; it is going back
  'refunded', // 已退款: the money taken has been returned
  'closed', // 已关闭: expired or abandoned without payment
] as const

export type OrderState = (typeof ORDER_STATES)[number]

export const ORDER_STATE_LABEL: Record<OrderState, string> = {
  pending: '待支付',
  paying: '支付中',
  paid: '已缴费',
  settled: '已入库',
  failed: '缴费失败',
  reversing: '待冲正',
  refunded: '已退款',
  closed: '已关闭',
}

const TRANSITIONS: Record<OrderState, readonly OrderState[]> = {
  pending: ['paying', 'closed'],
  // A cancelled attempt returns the order to pending so the same order can be paid again.
  paying: ['paid', 'failed', 'reversing', 'pending'],
  paid: ['settled'],
  settled: [],
  // A failed attempt took no money; the person may try again on the same order.
  failed: ['paying', 'closed'],
  reversing: ['refunded'],
  refunded: [],
  closed: [],
}

export function canTransition(from: OrderState, to: OrderState): boolean {
  return TRANSITIONS[from].includes(to)
}

export function assertTransition(from: OrderState, to: OrderState): void {
  if (!canTransition(from, to)) {
    throw new Error(`illegal order transition ${from} → ${to}`)
  }
}

/** Money has reached the tax side for this order: the period counts as paid. */
export function isPaidState(state: OrderState): boolean {
  return state === 'paid' || state === 'settled'
}

/** Nothing more will happen to the order by itself. */
export function isFinalState(state: OrderState): boolean {
  return TRANSITIONS[state].length === 0
}

/** The order still holds its person-period: no second order may be created beside it (while money is being returned the person must wait, not pay again). */
export function holdsPeriod(state: OrderState): boolean {
  return state === 'pending' || state === 'paying' || state === 'failed' || state === 'reversing' || isPaidState(state)
}

/** The user can start (or retry) a payment attempt on this order. */
export function canStartPayment(state: OrderState): boolean {
  return canTransition(state, 'paying')
}

/** The client should keep asking the backend: the state will change without the user. */
export function isUnsettled(state: OrderState): boolean {
  return state === 'paying' || state === 'reversing'
}
