import { Text, View } from '@tarojs/components'
import { goHome } from '../routes'
import ActionButton from './ActionButton'
import Loading from './Loading'

/**
 * Reached a flow step with nothing to show (a reload, an old link): a way back, not a blank page.
 * While a saved journey is still being read back, it waits instead.
 */
export default function StaleFlow({ resuming }: { resuming?: boolean }) {
  if (resuming) return <Loading text="正在恢复缴费信息…" />
  return (
    <View className="empty" id="stale-flow">
      <Text className="empty__title">页面信息已失效</Text>
      <Text className="empty__detail">为保护您的信息，缴费信息不会长期保留。请返回首页重新查询，不会重复扣款。</Text>
      <ActionButton id="stale-home" label="返回首页" onTap={goHome} />
    </View>
  )
}
