/** 关怀模式 as the person set it on the switch; kept across launches, until 清除本机数据. */
import type { KeyValueStore } from '../services/storage'

export const CARE_KEY = 'yibao.care.v1'

/** The switch's choice if the person made one, else what WeChat's font setting asks for. */
export function careModeOn(storage: KeyValueStore, systemPrefersLargeText: () => boolean): boolean {
  const choice = storage.getItem(CARE_KEY)
  return choice === 'on' || (choice !== 'off' && systemPrefersLargeText())
}

export function saveCareChoice(storage: KeyValueStore, on: boolean): void {
  storage.setItem(CARE_KEY, on ? 'on' : 'off')
}
