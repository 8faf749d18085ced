import { Text, View } from '@tarojs/components'
import { HOTLINES } from '../domain/hotlines'
import { callHotline } from '../services/phone'
import ActionButton from './ActionButton'

/** 12393, 12366 and 12333, each saying what it is for. */
export default function Hotlines() {
  return (
    <View className="actions">
      {HOTLINES.map((h, i) => (
        <View key={h.number}>
          <ActionButton id={`call-${h.number}`} kind={i === 0 ? 'primary' : 'default'} label={h.label} onTap={() => callHotline(h.number)} />
          <Text className="hint" id={`hotline-${h.number}`}>{h.what}</Text>
        </View>
      ))}
    </View>
  )
}
