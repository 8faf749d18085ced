/** 请家人代缴 tokens: minted at random, each opening one person-period until it expires or is paid. */
import { SHARE_TOKEN_PATTERN, type OrderSelection } from '../../contract'
import { BACKEND_MESSAGES } from '../../domain/backendMessages'
import { fail } from './errors'
import { isKnownPerson, type People } from './people'
import type { DemoPerson } from './registry'
import type { MockStore, StoredShare } from './state'

/** Expired share tokens are kept this long (to say 已过期 rather than 无效), then forgotten. */
export const SHARE_RETENTION_MS = 30 * 24 * 3_600_000

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const TOKEN_LENGTH = 22 // 132 random bits

export function defaultRandomBytes(bytes: Uint8Array): void {
  const webCrypto = (globalThis as { crypto?: { getRandomValues?: (b: Uint8Array) => Uint8Array } }).crypto
  if (webCrypto?.getRandomValues) {
    webCrypto.getRandomValues(bytes)
    return
  }
  // Mini-programs have no Web Crypto; this is a demo backend, a real one mints tokens server-side.
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
}

export function createShares(deps: { store: MockStore; people: People; randomBytes: (bytes: Uint8Array) => void }) {
  const { store, people, randomBytes } = deps

  /** Random, so it says nothing of the person, the period or when it was made. */
  function newToken(): string {
    for (;;) {
      const bytes = new Uint8Array(TOKEN_LENGTH)
      randomBytes(bytes)
      const token = Array.from(bytes, (b) => TOKEN_ALPHABET[b & 63]).join('')
      if (!store.state.shares.some((s) => s.token === token)) return token
    }
  }

  /** The person-period the token opens has been paid (by anyone, through any channel). */
  function isPaid(person: DemoPerson, selection: OrderSelection): boolean {
    return people.books(person).isPaid(selection)
  }

  function find(token: unknown): StoredShare {
    if (typeof token !== 'string' || !SHARE_TOKEN_PATTERN.test(token)) return fail('SHARE_INVALID', BACKEND_MESSAGES.shareInvalid)
    const share = store.state.shares.find((s) => s.token === token)
    if (!share || !isKnownPerson(share.personId)) return fail('SHARE_INVALID', BACKEND_MESSAGES.shareInvalid)
    return share
  }

  return { newToken, isPaid, find }
}

export type Shares = ReturnType<typeof createShares>
