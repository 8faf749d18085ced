/**
 * Everything this app keeps on the device lives under the `yibao.` prefix. The embedded mock's
 * own store stands in for the tax system's servers, so clearing the device leaves it alone.
 * Clearing also ends the device's session with the server (its token was only ever in memory).
 */
import Taro from '@tarojs/taro'
import { endSession } from '../services'
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

export async function clearLocalData(): Promise<void> {
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
  // Offline, the token is forgotten all the same and the server's session runs out by itself.
  await endSession().catch(() => undefined)
}
