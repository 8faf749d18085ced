/**
 * 1,000 generated payment sessions against the embedded mock (see sessionModel.ts for the
 * world, the commands and the invariants). A failure prints fast-check's seed, the replay path
 * and the shrunk command list, e.g.
 *   [lookup(p11,frozen),confirm(advance),cashier(pay,late_notification,frozen),restart(same mock,park)]
 * Re-run one with `fc.assert(..., { seed, path, endOnFailure: true })`.
 */
import fc from 'fast-check'
import { runSession, sessions, type Stats } from './sessionModel'

/** RELIABILITY_RUNS=20000 for a longer hunt; the normal run is 1,000 sessions. */
const RUNS = Math.max(1000, Number(process.env.RELIABILITY_RUNS) || 0)

describe('payment sessions (model-based)', () => {
  it('no period is paid twice, money adds up, no order is lost, every session settles (with 全部缴纳 on a second phone)', async () => {
    const seen = { sessions: 0, commands: 0, withPayment: 0, restoredSavedOrder: 0, restoredByKey: 0, killedMidFlight: 0, familyPaid: 0, bookingRefused: 0, outcomes: {} as Record<string, number> }
    const tally = (stats: Stats) => {
      if (stats.cashierPaid > 0) seen.withPayment += 1
      seen.restoredSavedOrder += stats.restoredSavedOrder
      seen.restoredByKey += stats.restoredByKey
      seen.killedMidFlight += stats.killedMidFlight
      seen.familyPaid += stats.familyPaid
      seen.bookingRefused += stats.bookingRefused
      for (const [k, n] of Object.entries(stats.outcomes)) seen.outcomes[k] = (seen.outcomes[k] ?? 0) + n
    }
    await fc.assert(
      fc.asyncProperty(sessions(), async (session) => {
        seen.sessions += 1
        seen.commands += 1 + [...session.then].length
        tally(await runSession(session))
      }),
      { numRuns: RUNS },
    )
    console.log(JSON.stringify(seen, null, 1))
    // The generator keeps reaching what matters (a drop here means the sessions got too tame).
    expect(seen.withPayment).toBeGreaterThan(RUNS * 0.2)
    expect(seen.killedMidFlight).toBeGreaterThan(RUNS * 0.2)
    expect(seen.restoredSavedOrder).toBeGreaterThan(RUNS * 0.5)
    expect(seen.restoredByKey).toBeGreaterThan(0)
    // The second phone's 全部缴纳 gets paid, and a refused booking among its people is refunded alone.
    expect(seen.familyPaid).toBeGreaterThan(RUNS * 0.02)
    expect(seen.bookingRefused).toBeGreaterThan(0)
    const rare = ['success', 'failed', 'cancelled', 'unconfirmed', 'error:PAYMENT_LOCKED', 'error:BAD_RESPONSE'].filter((o) => (seen.outcomes[o] ?? 0) < RUNS * 0.01)
    expect(rare).toEqual([])
  }, 120_000 + RUNS * 50)
})
