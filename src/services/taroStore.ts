import Taro from '@tarojs/taro'
import type { KeyValueStore } from './storage'

/** Taro's synchronous storage behind our KeyValueStore; a failing read is treated as empty. */
export const taroStore: KeyValueStore = {
  getItem(key) {
    try {
      const value: unknown = Taro.getStorageSync(key)
      return typeof value === 'string' && value !== '' ? value : null
    } catch {
      return null
    }
  },
  setItem(key, value) {
    try {
      Taro.setStorageSync(key, value)
    } catch {
      // Storage full or unavailable: the app keeps working for this session.
    }
  },
  removeItem(key) {
    try {
      Taro.removeStorageSync(key)
    } catch {
      // Nothing to remove.
    }
  },
}
