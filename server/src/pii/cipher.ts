/**
 * Personal data at rest: names and ID numbers are sealed with AES-256-GCM under a named key, so a
 * database dump holds none of them in plain text and keys can rotate (old rows stay readable
 * while their key is kept; new rows use the current one). Equality lookups ("is this the same
 * person?") use a keyed hash (HMAC-SHA256) of the normalised number instead of the number.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'

export interface PiiKeys {
  /** Key id → 32-byte key. */
  keys: ReadonlyMap<string, Buffer>
  /** The key new values are sealed with. */
  currentKeyId: string
  /** Key of the lookup hash; never rotated without re-hashing every row. */
  hmacKey: Buffer
}

const VERSION = 'p1'
const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/
const b64 = (b: Buffer) => b.toString('base64url')

export class PiiError extends Error {}

export function createPiiCipher({ keys, currentKeyId, hmacKey }: PiiKeys) {
  for (const [id, key] of keys) {
    if (!KEY_ID.test(id)) throw new PiiError(`PII key id "${id}" must be 1–16 of A–Z a–z 0–9 _ -`)
    if (key.length !== 32) throw new PiiError(`PII key "${id}" must be 32 bytes`)
  }
  if (!keys.has(currentKeyId)) throw new PiiError(`the current PII key "${currentKeyId}" is not among the keys`)
  if (hmacKey.length < 32) throw new PiiError('the PII lookup key must be at least 32 bytes')

  return {
    /** What every value sealed under the current key starts with (finds the stale ones in SQL). */
    currentPrefix: `${VERSION}.${currentKeyId}.`,
    /** `p1.<key id>.<iv>.<ciphertext+tag>`; the key id is bound as associated data. */
    seal(plaintext: string): string {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', keys.get(currentKeyId)!, iv)
      cipher.setAAD(Buffer.from(currentKeyId))
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()])
      return [VERSION, currentKeyId, b64(iv), b64(body)].join('.')
    },
    open(sealed: string): string {
      const [version, keyId, iv, body, ...rest] = sealed.split('.')
      const key = keyId === undefined ? undefined : keys.get(keyId)
      if (version !== VERSION || rest.length > 0 || iv === undefined || body === undefined) throw new PiiError('not a sealed value')
      if (!key) throw new PiiError(`sealed with PII key "${keyId}", which is not configured`)
      const raw = Buffer.from(body, 'base64url')
      if (raw.length < 16) throw new PiiError('sealed value cut short')
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
        decipher.setAAD(Buffer.from(keyId))
        decipher.setAuthTag(raw.subarray(raw.length - 16))
        return Buffer.concat([decipher.update(raw.subarray(0, raw.length - 16)), decipher.final()]).toString('utf8')
      } catch {
        throw new PiiError('sealed value does not authenticate (tampered, or another key)')
      }
    },
    /** Whether a stored value is sealed at all (a value from before sealing is not). */
    isSealed(value: string): boolean {
      return value.startsWith(`${VERSION}.`)
    },
    /** Whether a stored value should be sealed again under the current key. */
    isStale(sealed: string): boolean {
      return sealed.split('.')[1] !== currentKeyId
    },
    /** The lookup hash of an ID number: upper-case, no spaces, so 51010…x and 51010…X match. */
    fingerprint(idNumber: string): string {
      return createHmac('sha256', hmacKey).update(idNumber.replace(/\s+/g, '').toUpperCase()).digest('hex')
    },
  }
}

export type PiiCipher = ReturnType<typeof createPiiCipher>

/**
 * Keys from configuration: PII_KEYS="k2:<base64 32 bytes>,k1:<…>" (the first is current unless
 * PII_KEY_ID names another) and PII_HMAC_KEY=<base64 ≥ 32 bytes>.
 */
export function piiKeysFromEnv(env: Record<string, string | undefined>): PiiKeys {
  const list = (env.PII_KEYS ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  if (list.length === 0) throw new PiiError('PII_KEYS is not set (e.g. k1:<base64 of 32 random bytes>)')
  const keys = new Map<string, Buffer>()
  for (const entry of list) {
    const [id, value] = entry.split(':')
    if (!id || !value) throw new PiiError(`PII_KEYS entry "${id ?? ''}:…" must be <key id>:<base64 key>`)
    keys.set(id, Buffer.from(value, 'base64'))
  }
  if (!env.PII_HMAC_KEY) throw new PiiError('PII_HMAC_KEY is not set (base64 of at least 32 random bytes)')
  return { keys, currentKeyId: env.PII_KEY_ID || list[0].split(':')[0], hmacKey: Buffer.from(env.PII_HMAC_KEY, 'base64') }
}
