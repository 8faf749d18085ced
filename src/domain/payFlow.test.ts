import { ORDER_STATES } from './orderState'
import { flowReducer, initialFlowState, isPaymentBusy } from './payFlow'
import { RESIDENT_2027, FLEXIBLE_Q1, ERR, run, keyOf, ready, confirm, created, started, polled, creating, starting, cashier, checking, succeeded, unconfirmed } from './payFlow.testkit'

describe('confirming a payment', () => {
  it('starts one session with the fresh key when the payer and selection are known', () => {
    expect(ready.payment).toEqual({ step: 'idle' })
    expect(creating.payment).toMatchObject({ step: 'creating', key: 'K1' })
    expect(starting.payment).toEqual({ step: 'starting', key: 'K1', orderId: 'O1' })
    expect(cashier.payment).toEqual({ step: 'cashier', key: 'K1', orderId: 'O1' })
    expect(checking.payment).toEqual({ step: 'checking', key: 'K1', orderId: 'O1' })
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
    expect(cancelledCashier.payment).toEqual({ step: 'checking', key: 'K1', orderId: 'O1' })
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
  it('a paying order keeps the page checking, changing nothing (no re-render per poll)', () => {
    expect(flowReducer(checking, polled('O1', 'paying'))).toBe(checking)
  })

  it('running out of polls tells the person the result is not confirmed yet', () => {
    expect(unconfirmed.payment).toEqual({ step: 'done', key: 'K1', orderId: 'O1', outcome: 'unconfirmed', state: 'paying' })
  })

  it('refresh goes back to checking, and a later paid is a success', () => {
    const refreshed = flowReducer(unconfirmed, { type: 'refresh_tapped' })
    expect(refreshed.payment).toEqual({ step: 'checking', key: 'K1', orderId: 'O1' })
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

describe('restarts', () => {
  const afterRestart = { ...initialFlowState }

  it('a saved order is checked, not paid again', () => {
    const s = flowReducer(afterRestart, { type: 'restored', key: 'K-SAVED', orderId: 'O-SAVED', payerRef: 'P-REF-9', selection: FLEXIBLE_Q1 })
    expect(s.payment).toEqual({ step: 'checking', key: 'K-SAVED', orderId: 'O-SAVED' })
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
