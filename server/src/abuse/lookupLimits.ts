/**
 * 代他人缴费 answers "registered / not registered / name mismatch" for any ID number typed, so
 * lookups of people new to the user are rationed per WeChat user and per client address, in a
 * 10-minute window and a Shanghai calendar day. The counts live in PostgreSQL (one upsert of
 * every counter), so every server instance draws on the same allowance; a refused lookup's
 * counts are taken back, so it costs nothing.
 */
import { addDays, shanghaiDate, shanghaiMidnight } from '../../../src/domain/time'
import type { Db } from '../db/database'
import { fail } from '../errors'

export interface Allowance {
  perWindow: number
  perDay: number
}

export interface LookupLimits {
  user: Allowance
  /** Looser: many phones share one carrier (NAT) address. */
  address: Allowance
}

export const LOOKUP_WINDOW_MS = 10 * 60_000

export const DEFAULT_LOOKUP_LIMITS: LookupLimits = {
  user: { perWindow: 10, perDay: 30 },
  address: { perWindow: 60, perDay: 500 },
}

interface Counter {
  subject: string
  windowEnd: number
  limit: number
  /** What the person is told when this counter is spent. */
  message: (waitMs: number) => string
}

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000))
const hours = (ms: number) => Math.max(1, Math.ceil(ms / 3_600_000))

function countersFor(now: number, limits: LookupLimits, userId: string, addressKey: string): Counter[] {
  const windowEnd = Math.floor(now / LOOKUP_WINDOW_MS) * LOOKUP_WINDOW_MS + LOOKUP_WINDOW_MS
  const dayEnd = shanghaiMidnight(addDays(shanghaiDate(now), 1))
  const inWindow = (who: string) => (waitMs: number) => `${who}查询他人参保信息过于频繁，请 ${minutes(waitMs)} 分钟后再试`
  const inDay = (who: string) => (waitMs: number) => `${who}今日查询他人参保信息的次数已达上限，请明天再试（约 ${hours(waitMs)} 小时后）`
  return [
    { subject: `user:${userId}`, windowEnd, limit: limits.user.perWindow, message: inWindow('') },
    { subject: `user-day:${userId}`, windowEnd: dayEnd, limit: limits.user.perDay, message: inDay('') },
    { subject: `addr:${addressKey}`, windowEnd, limit: limits.address.perWindow, message: inWindow('当前网络') },
    { subject: `addr-day:${addressKey}`, windowEnd: dayEnd, limit: limits.address.perDay, message: inDay('当前网络') },
  ]
}

/** Expired rows cleared per counted lookup: enough to keep the table at its live size. */
const SWEEP = 20

/**
 * Counts one lookup of a person new to this user; refuses it (LOOKUP_LIMITED, with the wait)
 * when any allowance is spent. `addressKey` is a keyed hash of the client address, never the address.
 */
export async function countLookup(pool: Db, now: number, limits: LookupLimits, userId: string, addressKey: string): Promise<void> {
  const counters = countersFor(now, limits, userId, addressKey)
  const keys = counters.flatMap((c) => [c.subject, c.windowEnd])
  // The counters' rows with their keys from $first on, always in this order (user rows, then the
  // shared address rows): every statement locks them alike, so none deadlocks another.
  const rowsFrom = (first: number, count: number) => counters.map((_, i) => `($${2 * i + first}, $${2 * i + first + 1}::bigint, ${count})`).join(', ')
  // One statement: a few expired rows swept, every counter counted. The sweep skips rows another
  // statement holds (a take-back of last window's counts at the boundary): waiting on them, after
  // this one had locked its live rows, could deadlock.
  const { rows } = await pool.query<{ subject: string; count: number }>(
    `WITH swept AS (DELETE FROM lookup_counts WHERE ctid IN (SELECT ctid FROM lookup_counts WHERE window_end <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED))
     INSERT INTO lookup_counts (subject, window_end, count) VALUES ${rowsFrom(3, 1)}
     ON CONFLICT (subject, window_end) DO UPDATE SET count = lookup_counts.count + 1 RETURNING subject, count`,
    [now, SWEEP, ...keys],
  )
  const spent = counters.filter((c) => (rows.find((r) => r.subject === c.subject)?.count ?? 0) > c.limit)
  if (spent.length === 0) return
  // A refused lookup costs nothing: its counts are taken back (a lookup at the same moment may
  // meanwhile have seen them, and been refused one early). An upsert of the same rows, not an
  // UPDATE: that locked them in an order of its own and deadlocked.
  await pool.query(`INSERT INTO lookup_counts (subject, window_end, count) VALUES ${rowsFrom(1, 0)} ON CONFLICT (subject, window_end) DO UPDATE SET count = lookup_counts.count - 1`, keys)
  // The longest wait is the true one: the day cap outlasts the window.
  const longest = spent.reduce((a, b) => (b.windowEnd > a.windowEnd ? b : a))
  fail('LOOKUP_LIMITED', longest.message(longest.windowEnd - now))
}
