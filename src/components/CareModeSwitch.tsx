import { Text, View } from '@tarojs/components'
import { setCareMode, useCareMode } from '../flow/careMode'
import Tappable from './Tappable'

/** The 关怀模式 switch: one large row, its state said in words as well as shown. */
export default function CareModeSwitch() {
  const care = useCareMode()
  return (
    <Tappable id="care-mode" className="cell cell--link" role="radio" checked={care} label={`关怀模式（大字），当前${care ? '已开启' : '未开启'}`} onTap={() => setCareMode(!care)}>
      <Text className="cell__label">关怀模式（大字）</Text>
      <View className="cell__body">
        <Text className={`switch${care ? ' switch--on' : ''}`}>{care ? '已开启' : '未开启'}</Text>
      </View>
    </Tappable>
  )
}
