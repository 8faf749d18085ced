/**
 * PostgreSQL going away for 10 s under load (pg_ctl stop -m fast: every connection cut, then
 * nothing listening), with journeys running all along. Calls meanwhile fail with the contract's
 * SERVER envelope, quickly; nothing is half-written; once the database is back the same server
 * process (never restarted) serves again and its jobs book the payments.
 */
import { BACKEND_MESSAGES } from '@/domain/backendMessages'
import { advanceJourney, CLIENT_TIMEOUT_MS, expectEachJourneyPaidOnce, JOURNEY_ENV, newJourney, ServerFailed, type Answer, type Journey } from './journeys'
import { wechatPayOnPostgres } from './wechatpayWorld'

const AT_ONCE = 8
const BEFORE_MS = 2_000
const OUTAGE_MS = 10_000
const AFTER_MS = 3_000


// A job cut off by the outage is run again after 3 s rather than the production minute.
const { on } = wechatPayOnPostgres({ ...JOURNEY_ENV, JOB_PRESUMED_DEAD_MS: '3000' })

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

it('answers SERVER while the database is away, writes nothing by halves, and serves again by itself', async () => {
  const began = Date.now()
  const failures: (Answer & { at: number })[] = []
  const journeys: (Journey & { startedAt: number })[] = []
  let stopStarting = false

  /** One journey, tried again after each 5xx until it is paid (the outage ends, so it must). */
  async function drive(j: Journey): Promise<void> {
    for (;;) {
      try {
        return await advanceJourney(on.server.url(), j, undefined, 3)
      } catch (error) {
        if (!(error instanceof ServerFailed)) throw error
        failures.push({ ...error.answer, at: Date.now() })
        await sleep(200)
      }
    }
  }
  const load = Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      while (!stopStarting) {
        const j = { ...newJourney(journeys.length), startedAt: Date.now() }
        journeys.push(j)
        await drive(j)
      }
    }),
  )

  await sleep(BEFORE_MS)
  const away = Date.now()
  on.pg.goAway()
  await sleep(OUTAGE_MS)
  on.pg.comeBack()
  const back = Date.now()
  await sleep(AFTER_MS)
  stopStarting = true
  await load

  // During the outage: only the SERVER envelope, in Chinese, no stack, well inside the app's timeout.
  expect(failures.length).toBeGreaterThan(0)
  for (const f of failures) {
    expect(f.status).toBe(500)
    expect(f.body).toEqual({ ok: false, error: { code: 'SERVER', message: BACKEND_MESSAGES.server } })
    expect(f.ms).toBeLessThan(CLIENT_TIMEOUT_MS)
  }
  expect(failures.filter((f) => f.at < away || f.at > back + 5_000)).toEqual([])

  // Every journey finished paid, on the one server process: those begun before, during and after the outage.
  expect(on.server.startTimes).toHaveLength(1)
  expect(journeys.filter((j) => !j.outcome).map((j) => j.i)).toEqual([])
  expect(journeys.filter((j) => j.startedAt > back).length).toBeGreaterThan(0)

  // Nothing by halves: one order per journey (a create cut off was answered on the retry by its key),
  // each with exactly one paid attempt, one receipt, one booking; no attempt left open.
  await expectEachJourneyPaidOnce(on.db, journeys)
  expect(await on.db.rows("SELECT attempt_id, state FROM payment_attempts WHERE state NOT IN ('paid', 'cancelled', 'expired', 'failed')")).toEqual([])

  console.log(
    `database outage: ${OUTAGE_MS} ms away under ${AT_ONCE} concurrent journeys; ${journeys.length} journeys (${journeys.filter((j) => j.startedAt > back).length} begun after it), all paid; ` +
      `${failures.length} SERVER answers (slowest ${Math.max(...failures.map((f) => f.ms))} ms), last ${Math.max(...failures.map((f) => f.at)) - back} ms after the database was back; ${Date.now() - began} ms`,
  )
}, 120_000)
