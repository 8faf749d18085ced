/**
 * Consent to the privacy notice before the first ID number is typed. Versioned, so a changed
 * notice asks again; cleared with 清除本机数据 like everything else the app keeps.
 */
import { useSyncExternalStore } from 'react'
import { taroStore } from '../services/taroStore'

const CONSENT_KEY = 'yibao.consent.v1'
export const PRIVACY_NOTICE_VERSION = '2026-11'

const listeners = new Set<() => void>()

export function hasConsented(): boolean {
  return taroStore.getItem(CONSENT_KEY) === PRIVACY_NOTICE_VERSION
}

export function giveConsent(): void {
  taroStore.setItem(CONSENT_KEY, PRIVACY_NOTICE_VERSION)
  listeners.forEach((listener) => listener())
}

/** After 清除本机数据: the next ID entry asks again. */
export function consentCleared(): void {
  listeners.forEach((listener) => listener())
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useConsent(): boolean {
  return useSyncExternalStore(subscribe, hasConsented, hasConsented)
}
