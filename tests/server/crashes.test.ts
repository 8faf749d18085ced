/**
 * kill -9 of the server 12 times during 200 journeys on PostgreSQL, each followed by a restart on
 * the same data, then the tables checked (./crashRun).
 */
import { runCrashes } from './crashRun'
import { JOURNEY_ENV } from './journeys'
import { wechatPayOnPostgres } from './wechatpayWorld'

// Bookings take 60 ms at the tax system, so a kill can land inside one; a job left 'active' by a
// killed instance is run again after 3 s rather than the production minute.
const { on } = wechatPayOnPostgres({ ...JOURNEY_ENV, TAX_SIM_LATENCY_MS: '60', JOB_PRESUMED_DEAD_MS: '3000' })

it('settles all 200 journeys, none lost or doubled, through 12 kills -9 and restarts', async () => {
  console.log(`crashes: ${await runCrashes(on, { journeys: 200, atOnce: 10, kills: 12 }, async () => on.db)}`)
}, 240_000)
