import Taro from '@tarojs/taro'

/** WeChat's own 字体大小 setting: 17 px is standard; larger means the person asked for big type. */
export function systemPrefersLargeText(): boolean {
  try {
    // WeChat returns fontSizeSetting here; Taro's typings only list it on getSystemInfo.
    const size = (Taro.getAppBaseInfo?.() as { fontSizeSetting?: number } | undefined)?.fontSizeSetting
    return typeof size === 'number' && size > 17
  } catch {
    return false
  }
}
