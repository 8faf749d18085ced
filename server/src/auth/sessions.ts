/** Users by openid, and bearer sessions of which only a hash is stored. */
import { randomBytes } from 'node:crypto'
import type { Clock } from '../../../src/domain/time'
import type { Db } from '../db/database'
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
}

export function createSessions(pool: Db, clock: Clock, ttlMs: number, pii: PiiCipher): Sessions {
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
      const { rows } = await pool.query<{ user_id: string; openid: string }>(
        'SELECT s.user_id, u.openid FROM sessions s JOIN users u ON u.user_id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2',
        [sha256(token), clock()],
      )
      return rows[0] && { userId: rows[0].user_id, openid: rows[0].openid }
    },

    async end(token) {
      await pool.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(token)])
    },
  }
}
