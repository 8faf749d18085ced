/**
 * 关怀模式: larger type and touch targets. Follows WeChat's font-size setting unless the person
 * chose on the switch, and that choice is kept across launches.
 */
import { useSyncExternalStore } from 'react'
import { systemPrefersLargeText } from '../services/systemFont'
import { taroStore } from '../services/taroStore'
import { createChanges } from './changes'

const CARE_KEY = 'yibao.care.v1'

type Choice = 'on' | 'off'

const changes = createChanges()
let cached: boolean | undefined

function storedChoice(): Choice | undefined {
  const value = taroStore.getItem(CARE_KEY)
  return value === 'on' || value === 'off' ? value : undefined
}

export function isCareMode(): boolean {
  if (cached === undefined) {
    const choice = storedChoice()
    cached = choice ? choice === 'on' : systemPrefersLargeText()
  }
  return cached
}

export function setCareMode(on: boolean): void {
  taroStore.setItem(CARE_KEY, on ? 'on' : 'off')
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
