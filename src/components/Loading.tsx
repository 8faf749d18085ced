import { Text, View } from '@tarojs/components'
import { roleProps } from './a11yRole'

/** A spinner with words; keeps its height so the page does not jump when content arrives. */
export default function Loading({ text, id = 'loading' }: { text: string; id?: string }) {
  return (
    <View className="loading" id={id} {...roleProps('status')}>
      <View className="loading__spinner" />
      <Text className="loading__text">{text}</Text>
    </View>
  )
}
