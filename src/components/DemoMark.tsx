import { Text } from '@tarojs/components'

/** Next to a figure that is ours, not published policy, so nobody mistakes it for policy. */
export default function DemoMark({ show }: { show: boolean | undefined }) {
  return show ? <Text className="demo-mark">演示数据</Text> : null
}
