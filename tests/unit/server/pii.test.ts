import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { createPiiCipher, piiKeysFromEnv, PiiError } from '../../../server/src/pii/cipher'

const ID = '510104198506150012'
const k1 = randomBytes(32)
const k2 = randomBytes(32)
const hmacKey = randomBytes(32)
const cipher = (current: string, keys: Record<string, Buffer> = { k1, k2 }) => createPiiCipher({ keys: new Map(Object.entries(keys)), currentKeyId: current, hmacKey })

test('a sealed ID number opens to itself and shows nothing of it, nor any part of it', () => {
  const c = cipher('k1')
  const sealed = c.seal(ID)
  expect(c.open(sealed)).toBe(ID)
  for (const part of [ID, '510104', '19850615']) expect(sealed).not.toContain(part)
  // Two seals of one value differ (fresh IV), so equal ciphertexts reveal no equal people.
  expect(c.seal(ID)).not.toBe(sealed)
})

test('any text round-trips', () => {
  const c = cipher('k2')
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => c.open(c.seal(s)) === s))
})

test('a changed byte, a swapped key id or a cut value is refused, never opened wrong', () => {
  const c = cipher('k1')
  const [v, kid, iv, body] = c.seal(ID).split('.')
  const flipped = Buffer.from(body, 'base64url')
  flipped[0] ^= 1
  expect(() => c.open([v, kid, iv, flipped.toString('base64url')].join('.'))).toThrow(PiiError)
  expect(() => c.open([v, 'k2', iv, body].join('.'))).toThrow(/does not authenticate/)
  expect(() => c.open([v, kid, iv].join('.'))).toThrow(PiiError)
  expect(() => c.open(ID)).toThrow(PiiError)
})

test('rotation: old rows open while their key is kept, new rows use the current key', () => {
  const old = cipher('k1').seal(ID)
  const rotated = cipher('k2')
  expect(rotated.open(old)).toBe(ID)
  expect(rotated.isStale(old)).toBe(true)
  expect(rotated.isStale(rotated.seal(ID))).toBe(false)
  expect(() => cipher('k2', { k2 }).open(old)).toThrow(/"k1", which is not configured/)
})

test('the lookup hash matches the same number however it was typed, and depends on the key', () => {
  const c = cipher('k1')
  expect(c.fingerprint('51010619881212005x')).toBe(c.fingerprint(' 51010619881212005X'))
  expect(c.fingerprint(ID)).not.toBe(c.fingerprint('510104195803120027'))
  const other = createPiiCipher({ keys: new Map([['k1', k1]]), currentKeyId: 'k1', hmacKey: randomBytes(32) })
  expect(other.fingerprint(ID)).not.toBe(c.fingerprint(ID))
})

test('configuration: keys from the environment, with a clear word for what is wrong', () => {
  const env = { PII_KEYS: `k2:${k2.toString('base64')},k1:${k1.toString('base64')}`, PII_HMAC_KEY: hmacKey.toString('base64') }
  const keys = piiKeysFromEnv(env)
  expect(keys.currentKeyId).toBe('k2')
  expect(createPiiCipher(keys).open(cipher('k1').seal(ID))).toBe(ID)
  expect(() => piiKeysFromEnv({})).toThrow(/PII_KEYS is not set/)
  expect(() => piiKeysFromEnv({ PII_KEYS: env.PII_KEYS })).toThrow(/PII_HMAC_KEY is not set/)
  expect(() => createPiiCipher({ ...keys, keys: new Map([['k2', randomBytes(16)]]) })).toThrow(/32 bytes/)
})
