/**
 * Everything this app keeps on the device lives under the `yibao.` prefix. The embedded mock's
 * own store stands in for the tax system's servers, so clearing the device leaves it alone.
 */
import Taro from '@tarojs/taro'
import { MOCK_STORAGE_KEY } from '../services/storage'
import { forgetCareMode } from './careMode'
import { consentCleared } from './consent'
import { flowStore } from './index'

export const LOCAL_PREFIX = 'yibao.'

export function localDataKeys(): string[] {
  try {
    return Taro.getStorageInfoSync().keys.filter((key) => key.startsWith(LOCAL_PREFIX) && !key.startsWith(MOCK_STORAGE_KEY))
  } catch {
    return []
  }
}

export function clearLocalData(): void {
  for (const key of localDataKeys()) {
    try {
      Taro.removeStorageSync(key)
    } catch {
      // Already gone.
    }
  }
  flowStore.startJourney('self')
  forgetCareMode()
  consentCleared()
}
