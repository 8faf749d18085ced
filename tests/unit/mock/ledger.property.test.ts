/**
 * The ledger invariant under random use: whatever the app, the network and the cashier do, no
 * person-period is charged twice, and the money WeChat took is exactly what the tax side booked
 * plus what is being (or has been) returned.
 *
 * The test keeps its own account of charges from what the cashier reported (ok, or a cancel that
 * the injected cancel_but_paid turned into a payment), independent of the mock's ledger.
 */
import fc from 'fast-check'
import { BackendError, type OrderSelection, type OrderView, type Transport } from '@/contract'
import { createBackend } from '@/contract/schemas'
import { createTestMock } from '@/services/mock/testMock'
import { type CashierFault } from '@/services/mock/cashier'
import { type FaultKind } from '@/services/faultyTransport'
import { findPersonById } from '@/services/mock/registry'
import { createMemoryStore } from '@/services/storage'
import { START } from './harness'

const PEOPLE = ['p01', 'p11', 'p10', 'p12', 'p03'] as const // normal, late, insufficient funds, debit reversed, flexible
type Who = (typeof PEOPLE)[number]

type Command =
  | { t: 'create'; who: Who; key: number; slice: number; fault?: FaultKind }
  | { t: 'start'; who: Who; pick: number; fault?: FaultKind }
  | { t: 'complete'; who: Who; pick: number; action: 'pay' | 'cancel'; cashierFault?: CashierFault }
  | { t: 'query'; who: Who; pick: number; fault?: FaultKind }
  | { t: 'retry' }
  | { t: 'advance'; ms: number }

const who = fc.constantFrom(...PEOPLE)
/** Mostly a clean call; sometimes one of the transport faults. */
const fault: fc.Arbitrary<FaultKind | undefined> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom<FaultKind>('error', 'timeout', 'lost_response', 'malformed', 'duplicate') },
)
const pick = fc.nat({ max: 3 })
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('create' as const), who, key: fc.nat({ max: 3 }), slice: fc.nat({ max: 2 }), fault }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('start' as const), who, pick, fault }) },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('complete' as const),
      who,
      pick,
      action: fc.constantFrom<'pay' | 'cancel'>('pay', 'pay', 'cancel'),
      cashierFault: fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom<CashierFault>('cancel_but_paid', 'late_notification') },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('query' as const), who, pick, fault }) },
  { weight: 1, arbitrary: fc.constant({ t: 'retry' as const }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.constantFrom(1_000, 5_000, 61_000, 3 * 60_000, 16 * 60_000, 2 * 3_600_000, 25 * 3_600_000) }) },
)

/** The person-periods an order covers: its coverage year, or each of its months. */
function periodsOf(who: string, o: Pick<OrderView, 'kind' | 'periodStart' | 'periodEnd'>): string[] {
  if (o.kind === 'resident') return [`${who}:${o.periodStart.slice(0, 4)}`]
  const out: string[] = []
  for (let m = o.periodStart.slice(0, 7); m <= o.periodEnd.slice(0, 7); ) {
    out.push(`${who}:${m}`)
    const [y, mo] = m.split('-').map(Number)
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`
  }
  return out
}

async function run(commands: Command[]): Promise<void> {
  let now = START
  const mock = createTestMock({ clock: () => now, storage: createMemoryStore(), latencyMs: 0 })
  // Anything the mock throws (rather than answers) is a bug; createBackend would hide it as NETWORK.
  const crashes: unknown[] = []
  const transport: Transport = {
    call: async (method, request) => {
      try {
        return await mock.transport.call(method, request)
      } catch (error) {
        crashes.push(error)
        throw error
      }
    },
  }
  const backend = createBackend(transport)
  const swallow = async <T,>(p: Promise<T>): Promise<T | undefined> => {
    try {
      return await p
    } catch (error) {
      if (error instanceof BackendError) return undefined
      throw error
    }
  }

  const refs = new Map<Who, string>()
  const selections = new Map<Who, OrderSelection[]>()
  for (const id of PEOPLE) {
    const p = findPersonById(id)!
    const payer = await backend.lookupPayer({ mode: 'other', name: p.name, idType: p.idType, idNumber: p.idNumber })
    refs.set(id, payer.payerRef)
    const due = await backend.listDueItems({ payerRef: payer.payerRef })
    if (due.flexible) {
      const months = due.flexible.months.map((m) => m.month)
      const tierCode = due.flexible.defaultTierCode
      selections.set(id, [{ kind: 'flexible', months: months.slice(0, 1), tierCode }, { kind: 'flexible', months: months.slice(0, 2), tierCode }, { kind: 'flexible', months: months.slice(1, 2), tierCode }])
    } else {
      const year = due.resident!.years.find((y) => y.inWindow)!.coverageYear
      selections.set(id, [{ kind: 'resident', coverageYear: year }])
    }
  }

  const ordersOf = new Map<Who, string[]>(PEOPLE.map((p) => [p, []]))
  const attemptsOf = new Map<Who, { attemptId: string; orderId: string; amountFen: number }[]>(PEOPLE.map((p) => [p, []]))
  const charges = new Map<string, number>()
  let chargedFen = 0
  let last: (() => Promise<unknown>) | undefined

  const remember = (w: Who, order: OrderView | undefined) => {
    if (order && !ordersOf.get(w)!.includes(order.orderId)) ordersOf.get(w)!.push(order.orderId)
  }
  const pickFrom = <T,>(xs: T[], i: number): T | undefined => (xs.length ? xs[xs.length - 1 - (i % xs.length)] : undefined)
  const withFault = async <T,>(method: Parameters<typeof mock.faults.inject>[0]['method'], kind: FaultKind | undefined, call: () => Promise<T>) => {
    if (kind) mock.faults.inject({ method, kind })
    try {
      return await swallow(call())
    } finally {
      mock.faults.clear()
    }
  }

  const check = async (where: string) => {
    expect(crashes).toEqual([])
    // At most one order holds a paid person-period.
    const paidBy = new Map<string, string>()
    for (const o of mock.inspect.orders()) {
      if (o.idempotencyKey.startsWith('seed_') || (o.state !== 'paid' && o.state !== 'settled')) continue
      const w = PEOPLE.find((p) => p === o.personId)!
      for (const period of periodsOf(w, { kind: o.selection.kind, periodStart: o.periodStart, periodEnd: o.periodEnd })) {
        if (paidBy.has(period)) throw new Error(`${where}: ${period} paid by ${paidBy.get(period)} and ${o.orderId}`)
        paidBy.set(period, o.orderId)
      }
    }
    // Money taken is booked, being returned, returned, or (a late result) on its way to being booked.
    const confirmingFen = mock.inspect
      .orders()
      .filter((o) => o.state === 'paying' && o.lateConfirmAt !== undefined)
      .reduce((sum, o) => sum + o.amountFen, 0)
    const ledger = mock.inspect.ledger()
    expect(ledger.takenFen).toBe(ledger.receiptsFen + ledger.refundPendingFen + ledger.refundedFen + confirmingFen)
    // The mock's ledger agrees with what the cashier reported taking.
    expect(ledger.takenFen).toBe(chargedFen)
  }

  for (const c of commands) {
    switch (c.t) {
      case 'create': {
        const sels = selections.get(c.who)!
        const request = { idempotencyKey: `key_${c.who}_${c.key}`, payerRef: refs.get(c.who)!, selection: sels[c.slice % sels.length] }
        last = async () => remember(c.who, await swallow(backend.createOrder(request)))
        remember(c.who, await withFault('createOrder', c.fault, () => backend.createOrder(request)))
        break
      }
      case 'start': {
        const orderId = pickFrom(ordersOf.get(c.who)!, c.pick)
        if (!orderId) break
        const record = (s: Awaited<ReturnType<typeof backend.startPayment>> | undefined) => {
          if (s && !attemptsOf.get(c.who)!.some((a) => a.attemptId === s.attemptId)) attemptsOf.get(c.who)!.push({ attemptId: s.attemptId, orderId, amountFen: s.amountFen })
        }
        last = async () => record(await swallow(backend.startPayment({ orderId })))
        record(await withFault('startPayment', c.fault, () => backend.startPayment({ orderId })))
        break
      }
      case 'complete': {
        const attempt = pickFrom(attemptsOf.get(c.who)!, c.pick)
        if (!attempt) break
        if (c.cashierFault) mock.cashier.inject(c.cashierFault)
        const outcome = await mock.cashier.complete(attempt.attemptId, c.action)
        mock.faults.clear()
        const taken = outcome.result === 'ok' || (outcome.result === 'cancel' && c.action === 'cancel' && c.cashierFault === 'cancel_but_paid')
        if (taken) {
          const order = await backend.queryOrder({ orderId: attempt.orderId })
          for (const period of periodsOf(c.who, order)) charges.set(period, (charges.get(period) ?? 0) + 1)
          chargedFen += attempt.amountFen
        }
        break
      }
      case 'query': {
        const orderId = pickFrom(ordersOf.get(c.who)!, c.pick)
        if (orderId) await withFault('queryOrder', c.fault, () => backend.queryOrder({ orderId }))
        break
      }
      case 'retry':
        if (last) await last()
        break
      case 'advance':
        now += c.ms
        break
    }
    await check(`after ${JSON.stringify(c)}`)
  }

  // Let everything run out: late results confirm, refunds complete, unfinished attempts lapse.
  now += 3 * 24 * 3_600_000
  await check('at the end')
  const paid = new Map<string, number>()
  const refunded = new Map<string, number>()
  let paidFen = 0
  for (const w of PEOPLE) {
    for (const orderId of ordersOf.get(w)!) {
      const order = await backend.queryOrder({ orderId })
      expect(order.state).not.toBe('paying')
      expect(order.state).not.toBe('reversing')
      const bucket = order.state === 'paid' || order.state === 'settled' ? paid : order.state === 'refunded' ? refunded : undefined
      if (order.state === 'paid' || order.state === 'settled') paidFen += order.amountFen
      if (bucket) for (const period of periodsOf(w, order)) bucket.set(period, (bucket.get(period) ?? 0) + 1)
    }
  }
  for (const [period, count] of charges) {
    // Every debit either became the one payment for its period or was returned.
    expect({ period, charged: count }).toEqual({ period, charged: (paid.get(period) ?? 0) + (refunded.get(period) ?? 0) })
    expect(paid.get(period) ?? 0).toBeLessThanOrEqual(1)
  }
  const ledger = mock.inspect.ledger()
  expect(ledger.receiptsFen).toBe(paidFen)
  expect(ledger.refundPendingFen).toBe(0)
  expect(ledger.takenFen).toBe(chargedFen)
}

describe('mock ledger (property)', () => {
  it('never charges a person-period twice; money taken = booked + returned', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 10, maxLength: 40, size: 'max' }), (commands) => run(commands)),
      { numRuns: 300 },
    )
  })

  it('the late-result double completion is in reach of the generator', async () => {
    // The shortest sequence that used to charge p11 twice; kept so the property always covers it.
    await run([
      { t: 'create', who: 'p11', key: 0, slice: 0 },
      { t: 'start', who: 'p11', pick: 0 },
      { t: 'complete', who: 'p11', pick: 0, action: 'pay' },
      { t: 'complete', who: 'p11', pick: 0, action: 'cancel' },
      { t: 'start', who: 'p11', pick: 0 },
      { t: 'complete', who: 'p11', pick: 0, action: 'pay' },
      { t: 'advance', ms: 61_000 },
    ])
  })
})
