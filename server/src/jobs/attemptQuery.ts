/**
 * Attempts still open after their notify should have come: ask WeChat Pay, and close the ones
 * past their time (then ask again: a payment that slipped in before the close still counts).
 */
import type { AttemptRow } from '../pay/attempts'
import { applyStatus } from '../pay/settle'
import type { Services } from '../rpc/context'
import type { Worker } from './queue'

/** How often an open attempt is asked about again after the first look. */
const QUERY_EVERY_MS = 60_000

export function attemptQueryWorker(services: Services): Worker<void> {
  return {
    queue: 'wxpay-attempt-query',
    due: async () =>
      (await services.pool.query<{ attempt_id: string }>("SELECT attempt_id FROM payment_attempts WHERE state = 'open' AND next_query_at <= $1 ORDER BY next_query_at LIMIT 100", [services.clock()])).rows.map((r) => r.attempt_id),
    async run(attemptId) {
      const attempt = (await services.pool.query<AttemptRow>("SELECT * FROM payment_attempts WHERE attempt_id = $1 AND state = 'open'", [attemptId])).rows[0]
      if (!attempt) return
      const now = services.clock()
      const expiresAt = attempt.created_at + services.timings.attemptExpiryMs
      if (expiresAt <= now) await services.pay.close(attempt.out_trade_no)
      const status = await services.pay.query(attempt.out_trade_no)
      await applyStatus(services, attempt, status)
      // Still open (NOTPAY, or no trustworthy answer): look again later, and at its expiry at the latest.
      const next = expiresAt <= now ? now + QUERY_EVERY_MS : Math.min(now + QUERY_EVERY_MS, expiresAt)
      await services.pool.query("UPDATE payment_attempts SET next_query_at = $2 WHERE attempt_id = $1 AND state = 'open'", [attemptId, next])
    },
  }
}
