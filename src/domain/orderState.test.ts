import {
  ORDER_STATES,
  canTransition,
  assertTransition,
  holdsPeriod,
  isFinalState,
  isPaidState,
  canStartPayment,
} from './orderState'

describe('order state machine', () => {
  it('lets a pending order be paid and booked, never unpaid', () => {
    expect(canTransition('pending', 'paying')).toBe(true)
    expect(canTransition('paying', 'paid')).toBe(true)
    expect(canTransition('paid', 'settled')).toBe(true)
    expect(canTransition('paid', 'pending')).toBe(false)
    expect(canTransition('settled', 'refunded')).toBe(false)
    expect(() => assertTransition('paid', 'paying')).toThrow('illegal order transition paid → paying')
  })

  it('returns taken money only through reversal to refund', () => {
    expect(canTransition('paying', 'reversing')).toBe(true)
    expect(canTransition('reversing', 'refunded')).toBe(true)
    expect(canTransition('reversing', 'paid')).toBe(false)
  })

  it('allows a retry after a failed or cancelled attempt but not after payment', () => {
    expect(canStartPayment('pending')).toBe(true)
    expect(canStartPayment('failed')).toBe(true)
    expect(canStartPayment('paid')).toBe(false)
    expect(canStartPayment('paying')).toBe(false)
    expect(canStartPayment('refunded')).toBe(false)
  })

  it('keeps the final states final and the period held while money may move', () => {
    const finals = ORDER_STATES.filter(isFinalState)
    expect(finals.sort()).toEqual(['closed', 'refunded', 'settled'])
    for (const s of ORDER_STATES) {
      if (isPaidState(s)) expect(holdsPeriod(s)).toBe(true)
    }
    expect(holdsPeriod('refunded')).toBe(false)
    expect(holdsPeriod('closed')).toBe(false)
  })
})
