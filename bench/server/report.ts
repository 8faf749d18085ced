/** What one bench run measured, how it is printed, and the budgets it is held to. */

export const BUDGET = { journeysPerSecond: 200, p99Ms: 100, floorRatio: 0.5 }

export const round = (n: number) => Math.round(n * 10) / 10

export interface RunResult {
  storage: 'PGlite' | 'PostgreSQL'
  users: number
  /** The machine's 1-minute load average as the measured window began. */
  loadAverage1m: number
  /** The warm-up it took: at least --warm-ms, and until as many journeys ended as there are users. */
  warmMs: number
  journeys: number
  journeysPerSecond: number
  calls: Record<string, { n: number; p50Ms: number; p99Ms: number }>
  cpu: {
    wallMs: number
    /** Cores busy on average in the window. PGlite runs inside the server process (postgres 0). */
    cores: { server: number; simulators: number; postgres: number; driver: number }
    /** CPU ms per journey ended in the window: what bounds journeys/s on this machine. */
    perJourneyMs: { server: number; simulators: number; postgres: number; driver: number; total: number }
  }
  /** Over the server's whole life (warm-up included): statements sent through pg, PostgreSQL transactions in the window, RSA operations of server and simulators. */
  perJourney: { sqlStatements: number; transactions?: number; rsaSign: number; rsaVerify: number; topSql: { sql: string; perJourney: number }[] }
  errors: number
  errorSamples: string[]
  lost: number
  doubled: number
  /** PostgreSQL: the journey's SQL replayed straight through pg at the same concurrency. */
  floor?: { journeysPerSecond: number; errors: number; queueCollisions: number; errorSamples: string[]; ratio: number }
}

/** Journeys/s this machine's cores allow at the run's CPU per journey, everything on it counted. */
export const cpuCeiling = (r: RunResult, cores: number) => round((cores * 1000) / r.cpu.perJourneyMs.total)

export function printRun(r: RunResult, cores: number): void {
  const { perJourneyMs: ms, cores: busy } = r.cpu
  console.log(`\n${r.storage}, ${r.users} users: ${r.journeysPerSecond} journeys/s (${r.journeys} in ${r.cpu.wallMs} ms after ${r.warmMs} ms warm-up, load average ${r.loadAverage1m}); errors ${r.errors}, lost ${r.lost}, doubled ${r.doubled}`)
  console.log(`  CPU cores: server ${busy.server}, simulators ${busy.simulators}, PostgreSQL ${busy.postgres}, driver ${busy.driver}`)
  console.log(`  CPU ms per journey: server ${ms.server}, simulators ${ms.simulators}, PostgreSQL ${ms.postgres}, driver ${ms.driver}; total ${ms.total} → at most ${cpuCeiling(r, cores)} journeys/s on ${cores} cores`)
  const p = r.perJourney
  console.log(`  per journey: ${p.sqlStatements} SQL statements${p.transactions !== undefined ? ` (${p.transactions} PostgreSQL transactions)` : ''}, RSA ${p.rsaSign} signatures + ${p.rsaVerify} verifications`)
  for (const t of p.topSql.slice(0, 6)) console.log(`    ${t.perJourney.toFixed(1).padStart(5)}  ${t.sql.slice(0, 80)}`)
  console.log('  call              n     p50 ms   p99 ms')
  for (const [name, c] of Object.entries(r.calls)) console.log(`  ${name.padEnd(15)} ${String(c.n).padStart(6)} ${c.p50Ms.toFixed(1).padStart(9)} ${c.p99Ms.toFixed(1).padStart(8)}`)
  for (const e of r.errorSamples) console.log(`  error: ${e}`)
  if (r.floor) console.log(`  floor (pg alone): ${r.floor.journeysPerSecond} journeys/s, errors ${r.floor.errors} (pg-boss fetches colliding in the replay: ${r.floor.queueCollisions}); server/floor ${r.floor.ratio}${r.floor.errorSamples.map((e) => `\n  floor error: ${e}`).join('')}`)
}

export function budgets(results: RunResult[]): { name: string; pass: boolean; value: string }[] {
  const pg200 = results.find((r) => r.storage === 'PostgreSQL' && r.users === 200)
  const everyRun = { name: 'every run: zero errors, lost and doubled', pass: results.every((r) => r.errors + r.lost + r.doubled === 0), value: results.map((r) => `${r.errors}/${r.lost}/${r.doubled}`).join(' ') }
  if (!pg200) return [everyRun]
  const worstP99 = Math.max(...Object.values(pg200.calls).map((c) => c.p99Ms))
  return [
    { name: `PostgreSQL, 200 users: ≥ ${BUDGET.journeysPerSecond} journeys/s`, pass: pg200.journeysPerSecond >= BUDGET.journeysPerSecond, value: `${pg200.journeysPerSecond}` },
    { name: `PostgreSQL, 200 users: p99 ≤ ${BUDGET.p99Ms} ms for every call`, pass: worstP99 <= BUDGET.p99Ms, value: `${worstP99} ms` },
    { name: `PostgreSQL, 200 users: ≥ ${BUDGET.floorRatio} of the floor`, pass: (pg200.floor?.ratio ?? 0) >= BUDGET.floorRatio && pg200.floor?.errors === 0, value: pg200.floor ? `${pg200.floor.ratio} (floor ${pg200.floor.journeysPerSecond}/s)` : 'not measured' },
    everyRun,
  ]
}
