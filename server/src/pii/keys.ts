/**
 * Where the personal-data keys come from: PII_KEYS / PII_HMAC_KEY (see ./cipher), or, outside
 * production only, a development key pair written in this file for anyone to read. It keeps
 * `npm run server` and the tests working without set-up and protects nothing; production
 * without the variables, or with these keys in them, does not start.
 */
import { piiKeysFromEnv, PiiError, type PiiKeys } from './cipher'

export const DEV_KEY_ID = 'dev'

/** DEVELOPMENT ONLY — public, so it protects nothing. */
export const DEV_PII_KEYS: PiiKeys = {
  keys: new Map([[DEV_KEY_ID, Buffer.alloc(32, 'yibao development-only PII key ')]]),
  currentKeyId: DEV_KEY_ID,
  hmacKey: Buffer.alloc(32, 'yibao development-only lookup key '),
}

export function piiKeysFor(env: Record<string, string | undefined>, production: boolean): PiiKeys {
  if (!production && !env.PII_KEYS && !env.PII_HMAC_KEY) return DEV_PII_KEYS
  const keys = piiKeysFromEnv(env)
  if (production) {
    const devKey = DEV_PII_KEYS.keys.get(DEV_KEY_ID)!
    if (keys.keys.has(DEV_KEY_ID) || [...keys.keys.values()].some((k) => k.equals(devKey))) throw new PiiError('PII_KEYS holds the development key: production needs keys of its own')
    if (keys.hmacKey.equals(DEV_PII_KEYS.hmacKey)) throw new PiiError('PII_HMAC_KEY is the development key: production needs a key of its own')
  }
  return keys
}
