import { Text } from '@tarojs/components'
import DemoMark from '../../components/DemoMark'

/** Where a figure comes from: the document or seed, and the 演示数据 mark when it is ours. */
export default function Source({ source, demo, id }: { source: string; demo?: boolean; id?: string }) {
  return (
    <Text className="policy__source" id={id}>
      来源：{source}
      <DemoMark show={demo} />
    </Text>
  )
}
