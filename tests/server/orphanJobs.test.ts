/**
 * A job whose instance was killed in the middle of it (kill -9 while a tax booking waits on the
 * tax system) stays 'active' in pg-boss's table; the restarted instance takes it for dead after
 * JOB_PRESUMED_DEAD_MS and runs it again to its end. Read straight from pgboss.job, and the order
 * paid, receipted and booked once.
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

const job = (id: string) => on.db.rows<{ state: string; retry_count: number }>('SELECT state, retry_count FROM pgboss.job WHERE id = $1', [id])

it('runs the booking job a killed instance left running again, to its end, once', async () => {
  const j = newJourney(0)
  // The sheet answers once the booking ran: the server dies first.
  const cutOff = advanceJourney(on.server.url(), j).then(
    () => 'finished',
    (error) => (error instanceof Unreachable ? 'cut off' : Promise.reject(error)),
  )
  const active = await until(() => on.db.rows<{ id: string }>("SELECT id FROM pgboss.job WHERE name = 'tax-booking' AND state = 'active'"), (rows) => rows.length > 0, 20_000)
  expect(active).toHaveLength(1)
  await on.server.crash()
  expect(await cutOff).toBe('cut off')
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
