import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** One label–value row of a WeUI-style list. */
export default function Cell({ label, value, note, id }: { label: string; value: ReactNode; note?: string; id?: string }) {
  return (
    <View className="cell" id={id}>
      <Text className="cell__label">{label}</Text>
      <View className="cell__body">
        <Text className="cell__value">{value}</Text>
        {note ? <Text className="cell__note">{note}</Text> : null}
      </View>
    </View>
  )
}
