/**
 * A booking cut off by kill -9, twice: first the one the notify's instance runs at once (nothing
 * of it in the queue: the order is still due, and the restarted instance's sweep queues it), then
 * that queued job, which stays 'active' in pg-boss's table until the restarted instance takes it
 * for dead after JOB_PRESUMED_DEAD_MS and runs it again to its end. Read straight from pgboss.job,
 * and the order paid, receipted and booked once.
 */
import { advanceJourney, expectEachJourneyPaidOnce, JOURNEY_ENV, newJourney, Unreachable } from './journeys'
import { wechatPayOnPostgres } from './wechatpayWorld'

// Each booking waits 3 s at the tax system, so the kill lands inside one for certain.
const { on } = wechatPayOnPostgres({ ...JOURNEY_ENV, TAX_SIM_LATENCY_MS: '3000', JOB_PRESUMED_DEAD_MS: '2000' })

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<T> {
  let value = await read()
  for (const end = Date.now() + ms; !done(value) && Date.now() < end; value = await read()) await sleep(50)
  return value
}

const bookingJobs = (state: string) => on.db.rows<{ id: string }>("SELECT id FROM pgboss.job WHERE name = 'tax-booking' AND state = $1", [state])
const accepted = () => on.db.rows<{ outcome: string }>("SELECT outcome FROM wxpay_inbox WHERE outcome = 'accepted'")
const declarations = () => on.db.rows<{ order_id: string }>('SELECT order_id FROM taxsim_declarations')
const job = (id: string) => on.db.rows<{ state: string; retry_count: number }>('SELECT state, retry_count FROM pgboss.job WHERE id = $1', [id])

it('books an order whose booking was cut off twice (run at once, then from the queue), to its end, once', async () => {
  const j = newJourney(0)
  // The sheet answers once the booking ran: the server dies first.
  const cutOff = advanceJourney(on.server.url(), j).then(
    () => 'finished',
    (error) => (error instanceof Unreachable ? 'cut off' : Promise.reject(error)),
  )
  // The notify is in and its booking is waiting on the tax system (3 s): not in the queue, not declared yet.
  expect(await until(accepted, (rows) => rows.length > 0, 20_000)).toHaveLength(1)
  await sleep(500)
  expect(await bookingJobs('active')).toEqual([])
  await on.server.crash()
  expect(await declarations()).toEqual([])
  expect(await cutOff).toBe('cut off')

  await on.server.restart()
  const active = await until(() => bookingJobs('active'), (rows) => rows.length > 0, 20_000)
  expect(active).toHaveLength(1)
  await on.server.crash()
  expect(await job(active[0].id)).toEqual([{ state: 'active', retry_count: 0 }])

  await on.server.restart()
  const [after] = await until(() => job(active[0].id), (rows) => rows[0]?.state === 'completed', 30_000)
  // Run again (a rerun that outlasts the 2 s is taken for dead too, so maybe more than once).
  expect(after.state).toBe('completed')
  expect(after.retry_count).toBeGreaterThanOrEqual(1)
  await advanceJourney(on.server.url(), j)
  expect(j.outcome).toBeDefined()
  await expectEachJourneyPaidOnce(on.db, [j])
}, 90_000)
