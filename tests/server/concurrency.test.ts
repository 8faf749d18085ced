/**
 * Races the database must settle, on the embedded PGlite and on a real PostgreSQL (where
 * requests truly run side by side): one key → one order; one person-period → one live order,
 * also across users; one order → one open attempt.
 */
import { isPaidState } from '@/domain/orderState'
import { BackendError } from '@/contract'
import { newKey } from '../unit/contract/backendContract'
import { lookupOther, postJson, userClient } from './httpClient'
import { startPostgres, type Postgres } from './postgres'
import { startServerProcess, type ServerProcess } from './serverProcess'

const RACERS = 12

describe.each([
  ['embedded PGlite', false],
  ['PostgreSQL', true],
])('concurrency on %s', (_name, real) => {
  let server: ServerProcess
  let pg: Postgres | undefined
  beforeAll(async () => {
    pg = real ? await startPostgres() : undefined
    server = await startServerProcess({ databaseUrl: pg?.url })
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
    await pg?.stop()
  })
  beforeEach(() => postJson(`${server.url()}/sim/reset`, {}))

  async function selfOrderRequest() {
    const user = await userClient(server.url, 'demo')
    const self = await user.backend.lookupPayer({ mode: 'self' })
    const year = (await user.backend.listDueItems({ payerRef: self.payerRef })).resident!.years[0].coverageYear
    return { user, payerRef: self.payerRef, selection: { kind: 'resident' as const, coverageYear: year } }
  }

  it('creates one order for one idempotency key, however many requests race', async () => {
    const { user, payerRef, selection } = await selfOrderRequest()
    const key = newKey()
    const orders = await Promise.all(Array.from({ length: RACERS }, () => user.backend.createOrder({ idempotencyKey: key, payerRef, selection })))
    expect(new Set(orders.map((o) => o.orderId)).size).toBe(1)
    const { records } = await user.backend.listRecords({})
    expect(records.filter((r) => r.orderId.startsWith('OD'))).toHaveLength(0) // pending orders are not records
    expect((await user.backend.listDueItems({ payerRef })).openOrderId).toBe(orders[0].orderId)
  })

  it('keeps one live order per person and period when different keys race', async () => {
    const { user, payerRef, selection } = await selfOrderRequest()
    const orders = await Promise.all(Array.from({ length: RACERS }, () => user.backend.createOrder({ idempotencyKey: newKey(), payerRef, selection })))
    const ids = new Set(orders.map((o) => o.orderId))
    expect(ids.size).toBe(1)
    // Only that order can be paid.
    const [orderId] = ids
    const started = await user.backend.startPayment({ orderId })
    await user.pay(started.attemptId, 'pay')
    expect(isPaidState((await user.backend.queryOrder({ orderId })).state)).toBe(true)
  })

  it('lets two family members racing for one person-period make one live order between them', async () => {
    const family = await Promise.all(['wx-daughter', 'wx-son'].map((code) => userClient(server.url, code)))
    const refs = await Promise.all(family.map((u) => lookupOther(u.backend)))
    const year = (await family[0].backend.listDueItems({ payerRef: refs[0].payerRef })).resident!.years[0].coverageYear
    const outcomes = await Promise.allSettled(
      Array.from({ length: RACERS }, (_, i) => {
        const who = i % 2
        return family[who].backend.createOrder({ idempotencyKey: newKey(), payerRef: refs[who].payerRef, selection: { kind: 'resident', coverageYear: year } }).then(async (order) => {
          // Start paying at once: an order being paid cannot be taken over by the other.
          const started = await family[who].backend.startPayment({ orderId: order.orderId })
          return { who, orderId: order.orderId, started }
        })
      }),
    )
    const won = new Map<string, number>() // orderId → whose
    for (const o of outcomes) {
      if (o.status === 'fulfilled') won.set(o.value.orderId, o.value.who)
      else expect((o.reason as BackendError).code).toMatch(/^(ORDER_NOT_PAYABLE|ORDER_NOT_FOUND)$/)
    }
    expect(won.size).toBeGreaterThanOrEqual(1)
    // An order may be replaced before it is paying; once paying, it is the one live order left.
    const states = await Promise.all([...won].map(async ([orderId, who]) => (await family[who].backend.queryOrder({ orderId })).state))
    expect(states.filter((s) => s === 'paying')).toHaveLength(1)
    expect(states.filter((s) => s !== 'paying' && s !== 'closed')).toEqual([])
  })

  it('opens one attempt per order when startPayment races', async () => {
    const { user, payerRef, selection } = await selfOrderRequest()
    const order = await user.backend.createOrder({ idempotencyKey: newKey(), payerRef, selection })
    const started = await Promise.all(Array.from({ length: RACERS }, () => user.backend.startPayment({ orderId: order.orderId })))
    expect(new Set(started.map((s) => s.attemptId)).size).toBe(1)
    expect(new Set(started.map((s) => s.payParams.package)).size).toBe(1)
    expect((await user.backend.queryOrder({ orderId: order.orderId })).attempts).toBe(1)
  })
})
