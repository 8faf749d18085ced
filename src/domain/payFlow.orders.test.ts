import fc from 'fast-check'
import { ORDER_STATES, OrderState } from './orderState'
import { FlowEvent, FlowState, Selection, flowReducer, initialFlowState, isPaymentBusy, outcomeOfOrder } from './payFlow'
import { RESIDENT_2027, FLEXIBLE_Q1, ERR, run, keyOf, ready, confirm, polled, checking } from './payFlow.testkit'

describe('outcomeOfOrder', () => {
  const expected: Record<OrderState, ReturnType<typeof outcomeOfOrder>> = {
    pending: 'cancelled',
    paying: 'waiting',
    paid: 'success',
    settled: 'success',
    failed: 'failed',
    reversing: 'failed',
    refunded: 'failed',
    closed: 'failed',
  }

  it.each(ORDER_STATES.map((s) => [s, expected[s]]))('%s → %s', (state, outcome) => {
    expect(outcomeOfOrder(state)).toBe(outcome)
  })

  it('covers every order state and ends the check on each one except paying', () => {
    expect(Object.keys(expected).sort()).toEqual([...ORDER_STATES].sort())
    for (const state of ORDER_STATES) {
      const after = flowReducer(checking, polled('O1', state)).payment
      if (state === 'paying') expect(after).toEqual({ step: 'checking', key: 'K1', orderId: 'O1' })
      else expect(after).toEqual({ step: 'done', key: 'K1', orderId: 'O1', outcome: expected[state], state })
    }
  })
})

const isDead = (session: FlowState['payment']): boolean =>
  (session.step === 'done' && (session.state === 'closed' || session.state === 'refunded')) ||
  (session.step === 'error' && (session.error.code === 'ORDER_NOT_PAYABLE' || session.error.code === 'ORDER_NOT_FOUND'))

describe('an order that can never be paid again', () => {
  const closedAfterFail = (state: 'closed' | 'refunded'): FlowState =>
    run(
      ready,
      confirm('K1'),
      { type: 'order_created', order: { orderId: 'O1', state: 'pending' } },
      { type: 'payment_started', order: { orderId: 'O1', state: 'paying' } },
      { type: 'cashier_returned', outcome: 'fail' },
      { type: 'order_polled', order: { orderId: 'O1', state } },
    )

  it.each(['closed', 'refunded'] as const)('confirm after a %s order starts a new order under a new key', (state) => {
    const again = flowReducer(closedAfterFail(state), confirm('K2'))
    expect(again.payment).toEqual({ step: 'creating', key: 'K2' })
  })

  it('confirm after the backend says the order is no longer payable uses a new key', () => {
    const stuck = run(
      ready,
      confirm('K1'),
      { type: 'order_created', order: { orderId: 'O1', state: 'closed' } },
      { type: 'request_failed', error: { code: 'ORDER_NOT_PAYABLE', message: '该订单已关闭' } },
    )
    expect(flowReducer(stuck, confirm('K2')).payment).toEqual({ step: 'creating', key: 'K2' })
  })
})

describe('properties over random event sequences', () => {
  const orderIds = ['O1', 'O2']
  const selections: Array<Selection | undefined> = [RESIDENT_2027, FLEXIBLE_Q1, { kind: 'resident', coverageYear: 2026 }, undefined]
  const snapshot = fc.record({ orderId: fc.constantFrom(...orderIds), state: fc.constantFrom(...ORDER_STATES) })
  const restoredArb = fc
    .record({ orderId: fc.option(fc.constantFrom(...orderIds), { nil: undefined }), selection: fc.constantFrom(RESIDENT_2027, FLEXIBLE_Q1) })
    .map(({ orderId, selection }): FlowEvent => ({ type: 'restored', key: 'K-SAVED', orderId, payerRef: 'P-REF-1', selection }))

  /** Events without their fresh key; confirm_tapped gets a key unique to its position in the run. */
  const eventArb: fc.Arbitrary<FlowEvent> = fc.oneof(
    fc.constantFrom<PayerModeEvent>({ type: 'start', mode: 'self' }, { type: 'start', mode: 'other' }),
    fc.record({ type: fc.constant('form_changed' as const), field: fc.constantFrom('name' as const, 'idNumber' as const), value: fc.string({ maxLength: 4 }) }),
    fc.constant<FlowEvent>({ type: 'lookup_started' }),
    { arbitrary: fc.constant<FlowEvent>({ type: 'lookup_succeeded', payerRef: 'P-REF-1' }), weight: 2 },
    fc.constant<FlowEvent>({ type: 'lookup_failed', error: ERR }),
    { arbitrary: fc.constantFrom(...selections).map((selection): FlowEvent => ({ type: 'selected', selection })), weight: 2 },
    { arbitrary: fc.constant<FlowEvent>({ type: 'confirm_tapped', newKey: '' }), weight: 4 },
    { arbitrary: snapshot.map((order): FlowEvent => ({ type: 'order_created', order })), weight: 3 },
    { arbitrary: snapshot.map((order): FlowEvent => ({ type: 'payment_started', order })), weight: 3 },
    {
      arbitrary: fc.constantFrom('ok' as const, 'cancel' as const, 'fail' as const).map((outcome): FlowEvent => ({ type: 'cashier_returned', outcome })),
      weight: 3,
    },
    { arbitrary: snapshot.map((order): FlowEvent => ({ type: 'order_polled', order })), weight: 4 },
    fc.constant<FlowEvent>({ type: 'polls_exhausted' }),
    { arbitrary: fc.constant<FlowEvent>({ type: 'request_failed', error: ERR }), weight: 2 },
    { arbitrary: restoredArb, weight: 2 },
    fc.constant<FlowEvent>({ type: 'refresh_tapped' }),
    { arbitrary: fc.constant<FlowEvent>({ type: 'retry_tapped' }), weight: 2 },
  )
  type PayerModeEvent = Extract<FlowEvent, { type: 'start' }>

  const withFreshKeys = (events: FlowEvent[]): FlowEvent[] =>
    events.map((e, i) => (e.type === 'confirm_tapped' ? { ...e, newKey: `K-NEW-${i}` } : e))

  // size 'max': the default small size keeps runs to a handful of events, too short to reach the cashier.
  const sequences = fc.array(eventArb, { minLength: 1, maxLength: 60, size: 'max' }).map(withFreshKeys)

  it('the key only changes by way of idle (or a restore of a saved session when nothing runs), and the reducer never throws', () => {
    fc.assert(
      fc.property(sequences, (events) => {
        let state = initialFlowState
        for (const event of events) {
          const before = state.payment
          state = flowReducer(state, event)
          const after = state.payment
          const k0 = keyOf(before)
          const k1 = keyOf(after)
          if (k0 !== undefined && k1 !== undefined && k0 !== k1) {
            // Only a restore, or a confirm after the order died, may swap in another key; never over a running payment.
            if (event.type === 'confirm_tapped') expect(isDead(before)).toBe(true)
            else expect(event.type).toBe('restored')
            expect(isPaymentBusy(before)).toBe(false)
          }
          if (isPaymentBusy(before) && k1 !== undefined) expect(k1).toBe(k0)
          // A fresh key is used only for a session started from idle or replacing a dead order.
          if (event.type === 'confirm_tapped' && k1 === event.newKey) expect(before.step === 'idle' || isDead(before)).toBe(true)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('a success is only left by starting over (start, new lookup, new selection or a restore)', () => {
    const leaving = new Set<FlowEvent['type']>(['start', 'lookup_started', 'selected', 'restored'])
    fc.assert(
      fc.property(sequences, (events) => {
        let state = initialFlowState
        for (const event of events) {
          const before = state
          state = flowReducer(state, event)
          if (before.payment.step === 'done' && before.payment.outcome === 'success' && !leaving.has(event.type)) {
            expect(state.payment).toEqual(before.payment)
          }
        }
      }),
      { numRuns: 500 },
    )
  })

  it('confirm never starts a second session while one is running', () => {
    fc.assert(
      fc.property(sequences, fc.string({ minLength: 1, maxLength: 6 }), (events, extraKey) => {
        const state = run(initialFlowState, ...events)
        if (isPaymentBusy(state.payment)) {
          expect(flowReducer(state, { type: 'confirm_tapped', newKey: `X-${extraKey}` })).toEqual(state)
        }
      }),
      { numRuns: 300 },
    )
  })
})
