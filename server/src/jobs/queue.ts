/**
 * The job queue: pg-boss 10 on the server's own pg pool (its `db` option), so the embedded
 * database keeps its one connection (pglite-socket mixes up parameterised queries from several)
 * and a real PostgreSQL shares the pool. Items are found by a sweep over the server's own tables
 * (what is due by the server's clock) and sent with their id as the singleton key on `stately`
 * queues: one queued and one running per item, on any number of instances.
 */
import PgBoss from 'pg-boss'
import type { Db } from '../db/database'

export interface QueueLog {
  error(fields: object, message: string): void
}

export interface Worker<T> {
  queue: string
  /** Finds the ids due now. */
  due(): Promise<string[]>
  run(id: string): Promise<T>
}

/** Jobs fetched at once per queue and run side by side. */
const BATCH = 16

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function startQueue(pool: Db, log: QueueLog, workers: Worker<unknown>[], options: { sweepEveryMs: number; presumedDeadAfterMs: number; schedules?: { queue: string; cron: string }[] }) {
  // A job stays 'active' when its instance is killed, and a stately queue runs nothing else for
  // its item until pg-boss expires it (by default after 15 minutes, looked for every 2): both shortened.
  const expireInSeconds = Math.max(1, Math.ceil(options.presumedDeadAfterMs / 1000))
  const boss = new PgBoss({ db: { executeSql: (text, values) => pool.query(text, values) }, schema: 'pgboss', retentionDays: 7, maintenanceIntervalSeconds: Math.max(1, Math.ceil(expireInSeconds / 2)) })
  boss.on('error', (error: Error) => log.error({ err: error.message }, 'job queue error'))
  // pg-boss 10.4.2 marks a batch complete or failed without awaiting it (manager.js, onFetch): with
  // the database away that rejection is unhandled and would end the process. A job whose end was
  // not recorded expires and runs again, which the handlers' compare-and-set makes harmless.
  const lostCompletion = (reason: unknown) => {
    if (!(reason instanceof Error) || !/node_modules[\\/]pg-boss[\\/]/.test(reason.stack ?? '')) throw reason
    log.error({ err: reason.message }, 'job end not recorded; it runs again once expired')
  }
  process.on('unhandledRejection', lostCompletion)
  await boss.start()
  const ids: string[] = []
  let running = 0
  for (const worker of workers) {
    await boss.createQueue(worker.queue, { name: worker.queue, policy: 'stately', retryLimit: 8, retryDelay: 1, retryBackoff: true, expireInSeconds })
    const id = await boss.work<{ id: string }>(worker.queue, { pollingIntervalSeconds: 2, batchSize: BATCH }, async (jobs) => {
      running += 1
      try {
        // Side by side: a job mostly waits on the database or a provider. All end before the batch
        // is recorded; one failure fails the batch (run again, which the compare-and-sets make harmless).
        const ends = await Promise.allSettled(jobs.map((job) => worker.run(job.data.id)))
        const failed = ends.find((end): end is PromiseRejectedResult => end.status === 'rejected')
        if (failed) throw failed.reason
      } finally {
        running -= 1
      }
    })
    ids.push(id)
  }
  for (const { queue, cron } of options.schedules ?? []) await boss.schedule(queue, cron, { id: 'daily' }, { tz: 'Asia/Shanghai' })

  // Work this instance runs now, outside the queue (runNow): the sweep does not queue it as well.
  const runningNow = new Map<string, Promise<unknown>>()
  const nowKey = (queue: string, id: string) => `${queue}\u0000${id}`

  let sweeping: Promise<void> | undefined
  let following: Promise<void> | undefined
  async function sweepOnce(): Promise<void> {
    for (const worker of workers) {
      // One insert for all of a queue's due items; the stately queue skips those already queued.
      const due = (await worker.due()).filter((id) => !runningNow.has(nowKey(worker.queue, id)))
      if (due.length > 0) await boss.insert(due.map((id) => ({ name: worker.queue, data: { id }, singletonKey: id })))
    }
    for (const id of ids) boss.notifyWorker(id)
  }
  /** A sweep that starts after this call: one at a time per instance, at most one waiting behind it. */
  function sweep(): Promise<void> {
    if (!sweeping) return (sweeping = sweepOnce().finally(() => (sweeping = undefined)))
    return (following ??= sweeping.catch(() => undefined).then(() => {
      following = undefined
      return sweep()
    }))
  }
  const timer = setInterval(() => sweep().catch((error: Error) => log.error({ err: error.message }, 'job sweep failed')), options.sweepEveryMs)

  const queues = workers.map((w) => w.queue)
  async function busy(): Promise<boolean> {
    if (running > 0 || runningNow.size > 0) return true
    const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pgboss.job WHERE name = ANY($1) AND state IN ('created', 'retry', 'active') AND start_after <= now() AND (state <> 'active' OR started_on + expire_in > now())", [queues])
    return rows[0].n > 0
  }

  return {
    /** Looks for due work now (after a payment was recorded, say), instead of at the next sweep. */
    kick(): void {
      sweep().catch((error: Error) => log.error({ err: error.message }, 'job sweep failed'))
    },
    /**
     * Runs a queue's work for these ids in this instance at once (a payment just recorded) instead
     * of after a sweep, the queue's insert, its fetch and its completion: three round trips and
     * their waits less for each. Not recorded anywhere: if this instance dies first, the item is still
     * due and the next sweep of any instance queues it; a failure is retried the same way.
     */
    runNow(queue: string, ids: string[]): void {
      const worker = workers.find((w) => w.queue === queue)
      if (!worker) throw new Error(`no worker for ${queue}`)
      for (const id of ids) {
        const key = nowKey(queue, id)
        if (runningNow.has(key)) continue
        const run = worker.run(id).catch((error: Error) => log.error({ queue, err: error.message }, 'job failed; the next sweep queues it again'))
        runningNow.set(key, run.finally(() => runningNow.delete(key)))
      }
    },
    /**
     * Development and tests: sweeps and waits until nothing due is queued or running. Quiet twice
     * in a row: a job that finished just after one sweep may have made new work the next one finds.
     */
    async drain(timeoutMs = 15_000): Promise<void> {
      const until = Date.now() + timeoutMs
      for (let quiet = 0; Date.now() < until; ) {
        await sweep()
        quiet = (await busy()) ? 0 : quiet + 1
        if (quiet === 2) return
        await sleep(20)
      }
      throw new Error('jobs still busy after drain timeout')
    },
    async stop(): Promise<void> {
      clearInterval(timer)
      process.off('unhandledRejection', lostCompletion)
      await following?.catch(() => undefined)
      await sweeping?.catch(() => undefined)
      await Promise.all(runningNow.values())
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
    },
  }
}

export type Queue = Awaited<ReturnType<typeof startQueue>>
