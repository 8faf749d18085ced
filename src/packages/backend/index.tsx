import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import ActionButton from '../../components/ActionButton'
import Screen from '../../components/Screen'
import { flowStore, pendingOrders } from '../../flow'
import { adviceForError } from '../../view/advice'
import { goHome } from '../../routes'
import { loadAdapter } from '../../services'
import '../help/faq.css'

/**
 * The demo's stand-in for the tax system. Its code (the mock and the contract's checks) is this
 * subpackage's adapter chunk; this page lets a tester start over with the seeded demo data.
 */
export default function DemoBackend() {
  const [busy, setBusy] = useState(false)
  const reset = async () => {
    const { confirm } = await Taro.showModal({
      title: '重置演示数据',
      content: '演示订单和缴费记录将恢复为初始状态，未完成的缴费一并清除。常用缴费人和设置保留。',
      confirmText: '重置',
      cancelText: '取消',
    })
    if (!confirm) return
    setBusy(true)
    try {
      const { demo } = await loadAdapter()
      // Only a demo backend can be put back; a real one keeps its records.
      if (!demo) {
        void Taro.showToast({ title: '当前后台没有演示数据可重置', icon: 'none' })
        return
      }
      demo.reset()
      // Nothing on the device may point at an order the reset backend no longer has.
      pendingOrders.clear()
      flowStore.startJourney('self')
      void Taro.showToast({ title: '已恢复初始演示数据', icon: 'none' })
      goHome()
    } catch (error) {
      // The adapter could not be fetched (offline): said as any network error is.
      void Taro.showToast({ title: adviceForError(error).title, icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  return (
    <Screen className="demo-backend">
      <View className="card">
        <View className="faq">
          <Text className="faq__q">这是演示版本</Text>
          <Text className="faq__a">
            参保信息、订单、缴费记录和电子缴费凭证都来自内置的模拟后台，只保存在本机；支付使用演示收银台，不会真实扣款。
          </Text>
        </View>
      </View>
      <View className="actions">
        <ActionButton id="demo-reset" kind="warn" label="重置演示数据" busy={busy} onTap={() => void reset()} />
      </View>
    </Screen>
  )
}
