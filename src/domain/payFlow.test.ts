import fc from 'fast-check'
import { ORDER_STATES, OrderState } from './orderState'
import {
  EMPTY_FORM,
  FlowEvent,
  FlowState,
  PaymentSession,
  Selection,
  flowReducer,
  initialFlowState,
  isPaymentBusy,
  outcomeOfOrder,
} from './payFlow'

const RESIDENT_2027: Selection = { kind: 'resident', coverageYear: 2027 }
const FLEXIBLE_Q1: Selection = { kind: 'flexible', months: ['2026-01', '2026-02', '2026-03'], tierCode: 'T60' }
const ERR = { code: 'NETWORK', message: '网络异常，请稍后再试' }

const run = (state: FlowState, ...events: FlowEvent[]): FlowState => events.reduce(flowReducer, state)

const keyOf = (p: PaymentSession): string | undefined => (p.step === 'idle' ? undefined : p.key)

/** A payer has been found and a year selected: the confirm button is live. */
const ready = run(
  initialFlowState,
  { type: 'start', mode: 'self' },
  { type: 'lookup_started' },
  { type: 'lookup_succeeded', payerRef: 'P-REF-1' },
  { type: 'selected', selection: RESIDENT_2027 },
)

const confirm = (newKey: string): FlowEvent => ({ type: 'confirm_tapped', newKey })
const created = (orderId: string, state: OrderState = 'pending'): FlowEvent => ({ type: 'order_created', order: { orderId, state } })
const started = (orderId: string): FlowEvent => ({ type: 'payment_started', order: { orderId, state: 'paying' } })
const polled = (orderId: string, state: OrderState): FlowEvent => ({ type: 'order_polled', order: { orderId, state } })

const creating = run(ready, confirm('K1'))
const starting = run(creating, created('O1'))
const cashier = run(starting, started('O1'))
const checking = run(cashier, { type: 'cashier_returned', outcome: 'ok' })
const succeeded = run(checking, polled('O1', 'paid'))
const unconfirmed = run(checking, { type: 'polls_exhausted' })

describe('confirming a payment', () => {
  it('starts one session with the fresh key when the payer and selection are known', () => {
    expect(ready.payment).toEqual({ step: 'idle' })
    expect(creating.payment).toMatchObject({ step: 'creating', key: 'K1' })
    expect(starting.payment).toEqual({ step: 'starting', key: 'K1', orderId: 'O1' })
    expect(cashier.payment).toEqual({ step: 'cashier', key: 'K1', orderId: 'O1' })
    expect(checking.payment).toMatchObject({ step: 'checking', key: 'K1', orderId: 'O1', polls: 0, cashier: 'ok' })
    expect(succeeded.payment).toEqual({ step: 'done', key: 'K1', orderId: 'O1', outcome: 'success', state: 'paid' })
  })

  it.each([
    ['creating', creating],
    ['starting', starting],
    ['cashier', cashier],
    ['checking', checking],
  ])('a double tap while %s leaves the session alone (same key, no new session)', (_step, busy) => {
    expect(isPaymentBusy(busy.payment)).toBe(true)
    const after = flowReducer(busy, confirm('K2'))
    expect(after).toEqual(busy)
    expect(keyOf(after.payment)).toBe('K1')
  })

  it('does nothing without a payer', () => {
    const noPayer = run(initialFlowState, { type: 'selected', selection: RESIDENT_2027 })
    expect(noPayer.payerRef).toBeUndefined()
    expect(flowReducer(noPayer, confirm('K1'))).toEqual(noPayer)
  })

  it('does nothing without a selection', () => {
    const noSelection = run(initialFlowState, { type: 'lookup_succeeded', payerRef: 'P-REF-1' })
    expect(flowReducer(noSelection, confirm('K1'))).toEqual(noSelection)
    const cleared = run(ready, { type: 'selected', selection: undefined })
    expect(cleared.selection).toBeUndefined()
    expect(flowReducer(cleared, confirm('K1')).payment).toEqual({ step: 'idle' })
  })

  it('does nothing after the payment succeeded (no second payment for the same thing)', () => {
    expect(flowReducer(succeeded, confirm('K2'))).toEqual(succeeded)
  })
})

describe('retrying after an error', () => {
  const failedWhileCreating = run(creating, { type: 'request_failed', error: ERR })

  it('keeps the key when a request fails before an order exists', () => {
    expect(failedWhileCreating.payment).toEqual({ step: 'error', key: 'K1', orderId: undefined, error: ERR })
    const retried = flowReducer(failedWhileCreating, confirm('K2'))
    expect(retried.payment).toMatchObject({ step: 'creating', key: 'K1' })
    expect(keyOf(retried.payment)).not.toBe('K2')
  })

  it('keeps the same key and order when a retry fails again during creation', () => {
    // The retry's creation already knows the order; a second failure must not forget it.
    const retrying = run(starting, { type: 'request_failed', error: ERR }, confirm('K2'))
    expect(retrying.payment).toEqual({ step: 'creating', key: 'K1', orderId: 'O1' })
    const failedAgain = flowReducer(retrying, { type: 'request_failed', error: ERR })
    expect(failedAgain.payment).toEqual({ step: 'error', key: 'K1', orderId: 'O1', error: ERR })
    expect(flowReducer(failedAgain, confirm('K3')).payment).toEqual({ step: 'creating', key: 'K1', orderId: 'O1' })
  })

  it.each([
    ['starting', starting],
    ['cashier', cashier],
  ])('keeps the key and the order when a request fails while %s', (_step, s) => {
    const failed = flowReducer(s, { type: 'request_failed', error: ERR })
    expect(failed.payment).toEqual({ step: 'error', key: 'K1', orderId: 'O1', error: ERR })
    expect(flowReducer(failed, confirm('K2')).payment).toEqual({ step: 'creating', key: 'K1', orderId: 'O1' })
  })

  it('ignores a request failure reported while checking or when idle', () => {
    expect(flowReducer(checking, { type: 'request_failed', error: ERR })).toEqual(checking)
    expect(flowReducer(ready, { type: 'request_failed', error: ERR })).toEqual(ready)
  })

  it('a different selection starts afresh: the next confirm uses the new key', () => {
    const changed = flowReducer(failedWhileCreating, { type: 'selected', selection: FLEXIBLE_Q1 })
    expect(changed.selection).toEqual(FLEXIBLE_Q1)
    expect(changed.payment).toEqual({ step: 'idle' })
    expect(flowReducer(changed, confirm('K2')).payment).toEqual({ step: 'creating', key: 'K2' })
  })

  it('the same selection again (even as a fresh object) keeps the session and its key', () => {
    const again = flowReducer(failedWhileCreating, { type: 'selected', selection: { kind: 'resident', coverageYear: 2027 } })
    expect(again).toEqual(failedWhileCreating)
    expect(flowReducer(again, confirm('K2')).payment).toMatchObject({ step: 'creating', key: 'K1' })
  })

  it.each([
    ['creating', creating],
    ['starting', starting],
    ['cashier', cashier],
    ['checking', checking],
  ])('ignores a new selection while %s', (_step, busy) => {
    const after = flowReducer(busy, { type: 'selected', selection: FLEXIBLE_Q1 })
    expect(after).toEqual(busy)
    expect(after.selection).toEqual(RESIDENT_2027)
  })
})

describe('cancelling in the cashier', () => {
  const cancelledCashier = run(cashier, { type: 'cashier_returned', outcome: 'cancel' })
  const cancelled = run(cancelledCashier, polled('O1', 'pending'))

  it('checks the order rather than trusting the cashier', () => {
    expect(cancelledCashier.payment).toEqual({ step: 'checking', key: 'K1', orderId: 'O1', polls: 0, cashier: 'cancel' })
  })

  it('a pending order after a cancel is reported as cancelled', () => {
    expect(cancelled.payment).toEqual({ step: 'done', key: 'K1', orderId: 'O1', outcome: 'cancelled', state: 'pending' })
  })

  it('paying again after a cancel reuses the key and the order', () => {
    expect(flowReducer(cancelled, confirm('K2')).payment).toEqual({ step: 'creating', key: 'K1', orderId: 'O1' })
  })

  it('a cancel in the cashier that the order shows as paid is still a success', () => {
    expect(run(cancelledCashier, polled('O1', 'paid')).payment).toMatchObject({ step: 'done', outcome: 'success' })
  })

  it('ignores a cashier result when no cashier is open', () => {
    expect(flowReducer(starting, { type: 'cashier_returned', outcome: 'ok' })).toEqual(starting)
    expect(flowReducer(checking, { type: 'cashier_returned', outcome: 'cancel' })).toEqual(checking)
  })
})

describe('late results', () => {
  it('a paying order keeps the page checking and counts the poll', () => {
    const once = flowReducer(checking, polled('O1', 'paying'))
    expect(once.payment).toMatchObject({ step: 'checking', key: 'K1', orderId: 'O1', polls: 1 })
    const twice = flowReducer(once, polled('O1', 'paying'))
    expect(twice.payment).toMatchObject({ step: 'checking', polls: 2 })
  })

  it('running out of polls tells the person the result is not confirmed yet', () => {
    expect(unconfirmed.payment).toEqual({ step: 'done', key: 'K1', orderId: 'O1', outcome: 'unconfirmed', state: 'paying' })
  })

  it('refresh goes back to checking from zero polls, and a later paid is a success', () => {
    const refreshed = flowReducer(unconfirmed, { type: 'refresh_tapped' })
    expect(refreshed.payment).toEqual({ step: 'checking', key: 'K1', orderId: 'O1', polls: 0 })
    expect(flowReducer(refreshed, polled('O1', 'paid')).payment).toEqual({
      step: 'done',
      key: 'K1',
      orderId: 'O1',
      outcome: 'success',
      state: 'paid',
    })
  })

  it('a paid result that arrives after the page gave up is still shown as a success', () => {
    expect(flowReducer(unconfirmed, polled('O1', 'settled')).payment).toMatchObject({ step: 'done', outcome: 'success', state: 'settled' })
  })

  it('refresh only applies to an unconfirmed result', () => {
    for (const s of [ready, creating, cashier, checking, succeeded]) {
      expect(flowReducer(s, { type: 'refresh_tapped' })).toEqual(s)
    }
  })

  it('ignores a poll of another order', () => {
    expect(flowReducer(checking, polled('O-OTHER', 'paid'))).toEqual(checking)
    expect(flowReducer(unconfirmed, polled('O-OTHER', 'failed'))).toEqual(unconfirmed)
  })

  it.each(ORDER_STATES.map((s) => [s]))('a success never turns into another outcome when a late %s arrives', (state) => {
    expect(flowReducer(succeeded, polled('O1', state))).toEqual(succeeded)
    expect(flowReducer(succeeded, { type: 'polls_exhausted' })).toEqual(succeeded)
    expect(flowReducer(succeeded, { type: 'refresh_tapped' })).toEqual(succeeded)
  })

  it('ignores polls and poll exhaustion before the cashier returned', () => {
    expect(flowReducer(cashier, polled('O1', 'paid'))).toEqual(cashier)
    expect(flowReducer(cashier, { type: 'polls_exhausted' })).toEqual(cashier)
    expect(flowReducer(starting, polled('O1', 'paid'))).toEqual(starting)
  })

  it('ignores an order_created or payment_started that arrives out of turn', () => {
    expect(flowReducer(cashier, created('O9'))).toEqual(cashier)
    expect(flowReducer(checking, started('O9'))).toEqual(checking)
    expect(flowReducer(ready, created('O9'))).toEqual(ready)
  })
})

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
      if (state === 'paying') expect(after).toMatchObject({ step: 'checking', polls: 1 })
      else expect(after).toEqual({ step: 'done', key: 'K1', orderId: 'O1', outcome: expected[state], state })
    }
  })
})

describe('restarts', () => {
  const afterRestart = { ...initialFlowState }

  it('a saved order is checked, not paid again', () => {
    const s = flowReducer(afterRestart, { type: 'restored', key: 'K-SAVED', orderId: 'O-SAVED', payerRef: 'P-REF-9', selection: FLEXIBLE_Q1 })
    expect(s.payment).toEqual({ step: 'checking', key: 'K-SAVED', orderId: 'O-SAVED', polls: 0 })
    expect(s).toMatchObject({ payerRef: 'P-REF-9', selection: FLEXIBLE_Q1, lookup: { status: 'done' } })
  })

  it('a session saved before its order existed is created again with the saved key', () => {
    const s = flowReducer(afterRestart, { type: 'restored', key: 'K-SAVED', payerRef: 'P-REF-9', selection: RESIDENT_2027 })
    expect(s.payment).toEqual({ step: 'creating', key: 'K-SAVED' })
    // A tap on confirm while the restored creation runs must not start another.
    expect(flowReducer(s, confirm('K-NEW'))).toEqual(s)
  })

  it.each([
    ['creating', creating],
    ['starting', starting],
    ['cashier', cashier],
    ['checking', checking],
  ])('a restore while %s is ignored', (_step, busy) => {
    const after = flowReducer(busy, { type: 'restored', key: 'K-SAVED', orderId: 'O-SAVED', payerRef: 'P-REF-9', selection: FLEXIBLE_Q1 })
    expect(after).toEqual(busy)
  })
})

describe('retry_tapped', () => {
  const failedOrder = run(checking, polled('O1', 'failed'))

  it('retries a failed attempt on the same order with the same key', () => {
    expect(failedOrder.payment).toEqual({ step: 'done', key: 'K1', orderId: 'O1', outcome: 'failed', state: 'failed' })
    expect(flowReducer(failedOrder, { type: 'retry_tapped' }).payment).toEqual({ step: 'creating', key: 'K1', orderId: 'O1' })
  })

  it.each([['refunded'], ['closed'], ['reversing']] as const)('does not retry an order that is %s', (state) => {
    const s = run(checking, polled('O1', state))
    expect(s.payment).toMatchObject({ step: 'done', outcome: 'failed', state })
    expect(flowReducer(s, { type: 'retry_tapped' })).toEqual(s)
  })

  it('does nothing outside a failed result', () => {
    const cancelled = run(checking, polled('O1', 'pending'))
    for (const s of [ready, creating, starting, cashier, checking, succeeded, unconfirmed, cancelled]) {
      expect(flowReducer(s, { type: 'retry_tapped' })).toEqual(s)
    }
    const errored = run(creating, { type: 'request_failed', error: ERR })
    expect(flowReducer(errored, { type: 'retry_tapped' })).toEqual(errored)
  })
})

describe('payer lookup', () => {
  const typed = run(
    initialFlowState,
    { type: 'start', mode: 'other' },
    { type: 'form_changed', field: 'name', value: '张建国' },
    { type: 'form_changed', field: 'idNumber', value: '510104199003071237' },
  )

  it('a second lookup_started while loading stays loading', () => {
    const loading = flowReducer(typed, { type: 'lookup_started' })
    expect(loading.lookup).toEqual({ status: 'loading' })
    // The very same state comes back, so the page neither re-renders nor fires a second lookup.
    expect(flowReducer(loading, { type: 'lookup_started' })).toBe(loading)
  })

  it('a failed lookup keeps what was typed and shows the error', () => {
    const failed = run(typed, { type: 'lookup_started' }, { type: 'lookup_failed', error: ERR })
    expect(failed.lookup).toEqual({ status: 'error', error: ERR })
    expect(failed.form).toEqual({ name: '张建国', idType: 'resident_id', idNumber: '510104199003071237' })
  })

  it('editing the form clears a lookup error and keeps the other fields', () => {
    const failed = run(typed, { type: 'lookup_started' }, { type: 'lookup_failed', error: ERR })
    const edited = flowReducer(failed, { type: 'form_changed', field: 'idNumber', value: '11010519491231002X' })
    expect(edited.lookup).toEqual({ status: 'idle' })
    expect(edited.form).toEqual({ name: '张建国', idType: 'resident_id', idNumber: '11010519491231002X' })
  })

  it('editing the form does not disturb a finished lookup', () => {
    const found = run(typed, { type: 'lookup_started' }, { type: 'lookup_succeeded', payerRef: 'P-REF-2' })
    const edited = flowReducer(found, { type: 'form_changed', field: 'name', value: '张建' })
    expect(edited.lookup).toEqual({ status: 'done' })
    expect(edited.payerRef).toBe('P-REF-2')
  })

  it('a new lookup forgets the previous payer and selection', () => {
    const again = flowReducer(ready, { type: 'lookup_started' })
    expect(again.payerRef).toBeUndefined()
    expect(again.selection).toBeUndefined()
    expect(flowReducer(again, confirm('K9')).payment).toEqual({ step: 'idle' })
  })

  it('a new journey never shows the previous person\'s number; a failed lookup keeps it', () => {
    const failed = run(typed, { type: 'lookup_started' }, { type: 'lookup_failed', error: ERR })
    expect(failed.form).toEqual(typed.form)
    const restartOther = flowReducer(failed, { type: 'start', mode: 'other' })
    expect(restartOther.form).toEqual(EMPTY_FORM)
    expect(restartOther.lookup).toEqual({ status: 'idle' })
    expect(restartOther.mode).toBe('other')
    const restartSelf = flowReducer(failed, { type: 'start', mode: 'self' })
    expect(restartSelf.form).toEqual(EMPTY_FORM)
    expect(restartSelf.mode).toBe('self')
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
          expect(after).toBeDefined()
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
