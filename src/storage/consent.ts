/**
 * Consent to the privacy notice, kept with the notice's version: a changed notice asks again.
 */
import type { KeyValueStore } from '../services/storage'

export const CONSENT_KEY = 'yibao.consent.v1'
export const PRIVACY_NOTICE_VERSION = '2026-11'

export function hasConsented(storage: KeyValueStore): boolean {
  return storage.getItem(CONSENT_KEY) === PRIVACY_NOTICE_VERSION
}

export function saveConsent(storage: KeyValueStore): void {
  storage.setItem(CONSENT_KEY, PRIVACY_NOTICE_VERSION)
}
