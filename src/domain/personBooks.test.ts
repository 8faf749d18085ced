import { BACKEND_MESSAGES } from './backendMessages'
import { booksOf, bookedPeriodsOf, referenceYear, type RegisteredPerson } from './personBooks'

/** 2026-11-23 10:00 Asia/Shanghai: Sichuan's window for 2027 is open. */
const DAY = Date.UTC(2026, 10, 23, 2, 0)
const NONE = { years: [], months: [] }

const resident: RegisteredPerson = {
  id: 'r1', status: 'resident', regionCode: '510100', idType: 'resident_id', idNumber: '510104198506150012',
  subsidy: 'none', history: { continuousYears: 5, breakYears: 0 }, residentPaidThrough: -1,
}
const flexible: RegisteredPerson = {
  ...resident, id: 'f1', status: 'flexible', idNumber: '510107199002020031', flexibleRegisteredFrom: '2024-01', flexiblePaidMonthsAgo: 3,
}

describe('a person’s books', () => {
  it('counts the registry’s history from the reference year of the day it is asked', () => {
    expect(referenceYear(resident, DAY)).toBe(2027)
    expect(booksOf(resident, DAY, NONE).paidYears()).toEqual([2022, 2023, 2024, 2025, 2026])
    // Paid "through the year before" is relative: after the window, the reference year is 2027 itself.
    const march = Date.UTC(2027, 2, 1, 2, 0)
    expect(booksOf(resident, march, NONE).paidYears()).toContain(2026)
  })

  it('quotes the open year until it is booked, then says it is paid (pointing at the payment)', () => {
    const due = booksOf(resident, DAY, NONE).dueItems()
    expect(due.ok && due.value.resident?.years.map((y) => [y.coverageYear, y.payableFen])).toEqual([[2027, 40000]])

    const booked = bookedPeriodsOf([{ kind: 'resident', coverageYear: 2027 }])
    expect(booksOf(resident, DAY, booked).dueItems()).toEqual({ ok: false, refusal: { code: 'ALREADY_PAID', message: BACKEND_MESSAGES.alreadyPaid, paidPeriod: true } })
    expect(booksOf(resident, DAY, booked).isPaid({ kind: 'resident', coverageYear: 2027 })).toBe(true)
  })

  it('prices a payable year in fen with its period, and refuses a year outside the window', () => {
    const priced = booksOf(resident, DAY, NONE).price({ kind: 'resident', coverageYear: 2027 })
    expect(priced).toMatchObject({ ok: true, value: { amountFen: 40000, subsidyFen: 0, periodStart: '2027-01-01', periodEnd: '2027-12-31', itemName: '城乡居民基本医疗保险' } })
    const closed = booksOf(resident, DAY, NONE).price({ kind: 'resident', coverageYear: 2029 })
    expect(closed.ok || closed.refusal.code).toBe('WINDOW_CLOSED')
  })

  it('owes a flexible worker the months after the last paid one; booked months are no longer due', () => {
    const due = booksOf(flexible, DAY, NONE).dueItems()
    const months = due.ok ? due.value.flexible!.months.map((m) => m.month) : []
    expect(months).toEqual(['2026-09', '2026-10', '2026-11'])

    const after = booksOf(flexible, DAY, bookedPeriodsOf([{ kind: 'flexible', months: ['2026-09'], tierCode: 't' }])).dueItems()
    expect(after.ok && after.value.flexible!.months.map((m) => m.month)).toEqual(['2026-10', '2026-11'])
  })

  it('refuses flexible months that skip the earliest unpaid one, and months already paid', () => {
    const books = booksOf(flexible, DAY, NONE)
    const due = books.dueItems()
    const tierCode = due.ok ? due.value.flexible!.defaultTierCode : ''
    expect(books.price({ kind: 'flexible', months: ['2026-10'], tierCode })).toEqual({ ok: false, refusal: { code: 'INVALID_REQUEST', message: BACKEND_MESSAGES.monthsNotFromStart } })
    expect(books.price({ kind: 'flexible', months: ['2026-08'], tierCode })).toMatchObject({ ok: false, refusal: { code: 'ALREADY_PAID', paidPeriod: true } })
    const three = books.price({ kind: 'flexible', months: ['2026-11', '2026-09', '2026-10'], tierCode })
    expect(three).toMatchObject({ ok: true, value: { periodLabel: '2026年9月至2026年11月', selection: { months: ['2026-09', '2026-10', '2026-11'] } } })
  })

  it('refuses anything for someone in employee cover', () => {
    const employee = { ...resident, status: 'employee' as const }
    expect(booksOf(employee, DAY, NONE).dueItems()).toMatchObject({ ok: false, refusal: { code: 'EMPLOYEE_COVERED' } })
    expect(booksOf(employee, DAY, NONE).price({ kind: 'resident', coverageYear: 2027 })).toMatchObject({ ok: false, refusal: { code: 'EMPLOYEE_COVERED' } })
  })
})
