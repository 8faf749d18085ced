import { View } from '@tarojs/components'
import type { SpokenProps } from './Spoken'
import './Spoken.h5.css'

/** The H5 twin: the sentence for screen readers (visually hidden), the figures shown but not read. */
export default function Spoken({ sentence, className, id, children }: SpokenProps) {
  return (
    <View className={className} id={id}>
      <span className="spoken">{sentence}</span>
      <View aria-hidden="true">{children}</View>
    </View>
  )
}
