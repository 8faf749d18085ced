import fc from 'fast-check'
import {
  ORDER_STATES,
  canTransition,
  assertTransition,
  holdsPeriod,
  isFinalState,
  isPaidState,
  canStartPayment,
  type OrderState,
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

describe('order state machine properties', () => {
  // Random walks that only take allowed steps: what any order's life can look like.
  const walk = fc.array(fc.nat(), { maxLength: 12 }).map((choices) => {
    let state: OrderState = 'pending'
    const path: OrderState[] = [state]
    for (const choice of choices) {
      const next = ORDER_STATES.filter((to) => canTransition(state, to))
      if (next.length === 0) break
      state = next[choice % next.length]
      path.push(state)
    }
    return path
  })

  it('money once with the tax side never leaves it, and a final state is never left', () => {
    fc.assert(
      fc.property(walk, (path) => {
        const firstPaid = path.findIndex(isPaidState)
        if (firstPaid >= 0) expect(path.slice(firstPaid).every(isPaidState)).toBe(true)
        const firstFinal = path.findIndex(isFinalState)
        if (firstFinal >= 0) expect(path.length).toBe(firstFinal + 1)
      }),
    )
  })

  it('a payment can only start from a state that does not hold the period paid', () => {
    for (const state of ORDER_STATES) if (canStartPayment(state)) expect(isPaidState(state)).toBe(false)
  })
})
