import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { go } from '../routes'
import Tappable from './Tappable'

/** A coloured strip: info (neutral), warn (read before paying), demo (no real money moves). */
export default function Notice({ kind = 'info', children, id }: { kind?: 'info' | 'warn' | 'demo'; children: ReactNode; id?: string }) {
  return (
    <View className={`notice notice--${kind}`} id={id}>
      <Text className="notice__text">{children}</Text>
    </View>
  )
}

/** Leads to the demo backend's page (what is simulated, and a reset). */
export function DemoNotice() {
  return (
    <Tappable id="demo-notice" role="link" label="演示环境：使用演示数据，不会真实扣款。查看演示说明" onTap={() => go('demoBackend')}>
      <Notice kind="demo">演示环境：使用演示数据，不会真实扣款 ›</Notice>
    </Tappable>
  )
}

export function ProxyPayWarning() {
  return (
    <Notice kind="warn" id="proxy-warning">
      代他人缴费：款项将从您本人的微信支付账户扣除，缴费成功后不能退回给您，请确认缴费人信息无误。
    </Notice>
  )
}
