import { View } from '@tarojs/components'
import type { ReactNode } from 'react'

export interface SpokenProps {
  /** The one sentence a screen reader says for everything inside. */
  sentence: string
  className?: string
  id?: string
  children: ReactNode
}

/** A block read aloud as one sentence: WeChat's screen reader says a view's aria-label instead of its texts. */
export default function Spoken({ sentence, className, id, children }: SpokenProps) {
  return (
    <View className={className} id={id} aria-label={sentence}>
      {children}
    </View>
  )
}
