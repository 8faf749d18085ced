import Taro from '@tarojs/taro'

export function callHotline(phoneNumber: string): void {
  // Cancelling the system call sheet rejects; nothing to report.
  void Taro.makePhoneCall({ phoneNumber }).catch(() => undefined)
}
