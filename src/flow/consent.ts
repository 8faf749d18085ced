/**
 * Consent to the privacy notice before the first ID number is typed. Versioned, so a changed
 * notice asks again; cleared with 清除本机数据 like everything else the app keeps.
 */
import { useSyncExternalStore } from 'react'
import { taroStore } from '../services/taroStore'
import { createChanges } from './changes'

const CONSENT_KEY = 'yibao.consent.v1'
export const PRIVACY_NOTICE_VERSION = '2026-11'

const changes = createChanges()

export function hasConsented(): boolean {
  return taroStore.getItem(CONSENT_KEY) === PRIVACY_NOTICE_VERSION
}

export function giveConsent(): void {
  taroStore.setItem(CONSENT_KEY, PRIVACY_NOTICE_VERSION)
  changes.notify()
}

/** After 清除本机数据: the next ID entry asks again. */
export function consentCleared(): void {
  changes.notify()
}

export function useConsent(): boolean {
  return useSyncExternalStore(changes.subscribe, hasConsented, hasConsented)
}
