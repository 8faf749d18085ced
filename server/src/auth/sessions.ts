/**
 * Users by openid, and bearer sessions of which only a hash is stored. Every call checks its
 * token: each instance keeps the live sessions it has seen, trusted only while it hears every
 * ended one (NOTIFY from whichever instance ended it), so an ended session is refused everywhere.
 */
import { randomBytes } from 'node:crypto'
import type { Clock } from '../../../src/domain/time'
import type { Database, Db } from '../db/database'
import type { Listener } from '../db/listener'
import { newId, sha256 } from '../ids'
import type { PiiCipher } from '../pii/cipher'
import type { WechatSession } from './code2session'

export interface Sessions {
  /** Signs the WeChat user in (creating them on first sight); returns the new bearer token. */
  open(wechat: WechatSession): Promise<{ userId: string; token: string; expiresAt: number; created: boolean }>
  /** The user a live token belongs to. */
  userOf(token: string): Promise<{ userId: string; openid: string } | undefined>
  /** Ends the session of this token, if it has one (清除本机数据 in the app). */
  end(token: string): Promise<void>
  /** Every instance forgets what it kept (the sessions table was emptied behind their backs). */
  forgetAll(): Promise<void>
  close(): Promise<void>
}

const ENDED_CHANNEL = 'yibao_sessions_ended'
/** What an ended-session notice says to mean every session. */
const ALL = '*'
/** Live sessions one instance keeps; the oldest seen is dropped first. */
const KEPT_AT_MOST = 50_000

interface Live {
  userId: string
  openid: string
  expiresAt: number
}

export async function createSessions(database: Pick<Database, 'pool' | 'listen'>, clock: Clock, ttlMs: number, pii: PiiCipher, warn: (message: string) => void): Promise<Sessions> {
  const pool: Db = database.pool
  const kept = new Map<string, Live>()
  // Bumped by every notice and every loss of the listener: a read that overlapped one is not kept.
  let heard = 0
  const forget = (tokenHash: string) => {
    heard += 1
    if (tokenHash === ALL) kept.clear()
    else kept.delete(tokenHash)
  }
  const listener: Listener = await database.listen(ENDED_CHANNEL, { message: forget, lost: () => forget(ALL), warn })

  return {
    async open({ openid, sessionKey }) {
      const now = clock()
      const token = randomBytes(32).toString('base64url')
      const expiresAt = now + ttlMs
      // One statement: the user upserted, the new session stored, the user's expired ones removed.
      const { rows } = await pool.query<{ user_id: string; created: boolean }>(
        `WITH u AS (
           INSERT INTO users (user_id, openid, session_key, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
           ON CONFLICT (openid) DO UPDATE SET session_key = EXCLUDED.session_key, updated_at = EXCLUDED.updated_at
           RETURNING user_id, (xmax = 0) AS created
         ), s AS (
           INSERT INTO sessions (token_hash, user_id, created_at, expires_at) SELECT $5, user_id, $4, $6 FROM u
         ), gone AS (
           DELETE FROM sessions WHERE user_id = (SELECT user_id FROM u) AND expires_at <= $4
         )
         SELECT user_id, created FROM u`,
        // WeChat's session_key is key material: sealed like personal data.
        [newId('U'), openid, pii.seal(sessionKey), now, sha256(token), expiresAt],
      )
      return { userId: rows[0].user_id, token, expiresAt, created: rows[0].created }
    },

    async userOf(token) {
      const tokenHash = sha256(token)
      const now = clock()
      const known = listener.hearing() ? kept.get(tokenHash) : undefined
      if (known && known.expiresAt > now) return { userId: known.userId, openid: known.openid }
      const before = heard
      const { rows } = await pool.query<{ user_id: string; openid: string; expires_at: number }>(
        'SELECT s.user_id, u.openid, s.expires_at FROM sessions s JOIN users u ON u.user_id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2',
        [tokenHash, now],
      )
      const row = rows[0]
      if (!row) return undefined
      if (heard === before && listener.hearing()) {
        if (kept.size >= KEPT_AT_MOST) kept.delete(kept.keys().next().value!)
        kept.set(tokenHash, { userId: row.user_id, openid: row.openid, expiresAt: row.expires_at })
      }
      return { userId: row.user_id, openid: row.openid }
    },

    async end(token) {
      const tokenHash = sha256(token)
      forget(tokenHash)
      // The notice goes out with the commit, to every instance listening (this one too).
      await pool.query(`WITH gone AS (DELETE FROM sessions WHERE token_hash = $1 RETURNING token_hash) SELECT pg_notify('${ENDED_CHANNEL}', token_hash) FROM gone`, [tokenHash])
    },

    async forgetAll() {
      forget(ALL)
      await pool.query(`SELECT pg_notify('${ENDED_CHANNEL}', '${ALL}')`)
    },

    close: () => listener.close(),
  }
}
