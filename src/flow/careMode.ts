/**
 * 关怀模式: larger type and touch targets. Follows WeChat's font-size setting unless the person
 * chose on the switch (kept in storage/careChoice.ts); read once, then held for the launch.
 */
import { useSyncExternalStore } from 'react'
import { careModeOn, saveCareChoice } from '../storage/careChoice'
import { systemPrefersLargeText } from '../services/systemFont'
import { taroStore } from '../services/taroStore'
import { createChanges } from './changes'

const changes = createChanges()
let cached: boolean | undefined

export function isCareMode(): boolean {
  if (cached === undefined) cached = careModeOn(taroStore, systemPrefersLargeText)
  return cached
}

export function setCareMode(on: boolean): void {
  saveCareChoice(taroStore, on)
  cached = on
  changes.notify()
}

/** After 清除本机数据: back to following the system setting. */
export function forgetCareMode(): void {
  cached = undefined
  changes.notify()
}

export function useCareMode(): boolean {
  return useSyncExternalStore(changes.subscribe, isCareMode, isCareMode)
}
