import { addWorkingDays, paymentTracker } from './paymentTracker'

/** Asia/Shanghai wall-clock time as an instant. */
const shanghai = (y: number, m: number, d: number, hour = 10, minute = 0) => Date.UTC(y, m - 1, d, hour - 8, minute)

describe('addWorkingDays', () => {
  it('skips Saturdays and Sundays', () => {
    expect(addWorkingDays('2026-12-01', 3)).toBe('2026-12-04') // Tuesday → Friday
    expect(addWorkingDays('2026-12-03', 3)).toBe('2026-12-08') // Thursday → the next Tuesday
    expect(addWorkingDays('2026-12-05', 1)).toBe('2026-12-07') // Saturday → Monday
  })
})

describe('paymentTracker', () => {
  it('just paid: 支付成功 with its time, 入库 expected by the third working day, cover from its date', () => {
    const paidAt = shanghai(2026, 12, 3, 21, 5)
    expect(paymentTracker({ paidAt, booked: false, coverStart: '2027-01-01', now: paidAt })).toEqual([
      { key: 'paid', title: '支付成功', detail: '2026-12-03 21:05', done: true },
      { key: 'booked', title: '税务入库', detail: '预计2026年12月8日前完成', done: false },
      { key: 'cover', title: '医保待遇开始', detail: '2027年1月1日起享受', done: false },
    ])
  })

  it('booked and covered: every step done', () => {
    const steps = paymentTracker({ paidAt: shanghai(2026, 12, 3), booked: true, coverStart: '2027-01-01', now: shanghai(2027, 1, 1, 0, 1) })
    expect(steps.map((s) => s.done)).toEqual([true, true, true])
    expect(steps[1].detail).toBe('已入库')
    expect(steps[2].detail).toBe('2027年1月1日起已享受')
  })
})
