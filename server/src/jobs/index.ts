/** The server's background work, on the job queue: attempt queries, tax bookings, refunds, the daily reconciliation. */
import type { Services } from '../rpc/context'
import { attemptQueryWorker } from './attemptQuery'
import { BOOKING_QUEUE, bookingWorker } from './booking'
import { startQueue } from './queue'
import { RECONCILE_CRON, reconcileWorker } from './reconcile'
import { refundWorker } from './refunds'

export interface JobOptions {
  /** How often each instance looks for due items (besides being kicked). */
  sweepEveryMs: number
  /** Tax bookings per second and instance, at most. */
  bookingPerSecond: number
  /** A job running longer than this is taken for one whose instance died (kill -9) and is run again. */
  presumedDeadAfterMs: number
}

export const DEFAULT_JOB_OPTIONS: JobOptions = { sweepEveryMs: 1_000, bookingPerSecond: 20, presumedDeadAfterMs: 60_000 }

export async function startJobs(services: Services, options: JobOptions) {
  const reconcile = reconcileWorker(services.pool, services.pay, services.clock)
  const workers = [attemptQueryWorker(services), bookingWorker(services, options.bookingPerSecond), refundWorker(services), reconcile]
  const queue = await startQueue(services.pool, services.log, workers, { sweepEveryMs: options.sweepEveryMs, presumedDeadAfterMs: options.presumedDeadAfterMs, schedules: [{ queue: reconcile.queue, cron: RECONCILE_CRON }] })
  return { ...queue, book: (orderIds: string[]) => queue.runNow(BOOKING_QUEUE, orderIds) }
}

export type Jobs = Awaited<ReturnType<typeof startJobs>>
