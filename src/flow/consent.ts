/**
 * Consent to the privacy notice before the first ID number is typed (kept in storage/consent.ts);
 * cleared with 清除本机数据 like everything else the app keeps.
 */
import { useSyncExternalStore } from 'react'
import { hasConsented, saveConsent } from '../storage/consent'
import { taroStore } from '../services/taroStore'
import { createChanges } from './changes'

const changes = createChanges()
const consented = () => hasConsented(taroStore)

export function giveConsent(): void {
  saveConsent(taroStore)
  changes.notify()
}

/** After 清除本机数据: the next ID entry asks again. */
export function consentCleared(): void {
  changes.notify()
}

export function useConsent(): boolean {
  return useSyncExternalStore(changes.subscribe, consented, consented)
}
