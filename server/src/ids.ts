import { createHash, createHmac, randomBytes } from 'node:crypto'

/** A random opaque handle: says nothing of who or what it names. */
export function newId(prefix: string, bytes = 12): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url')
}

export function hmac(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64url')
}
