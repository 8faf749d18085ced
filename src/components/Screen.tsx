import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useCareMode } from '../flow/careMode'

/** A page's root: the shared page styles, and the .care class that scales type in 关怀模式. */
export default function Screen({ className, children, id }: { className?: string; children: ReactNode; id?: string }) {
  const care = useCareMode()
  return (
    <View id={id} className={`page${className ? ` ${className}` : ''}${care ? ' care' : ''}`}>
      {children}
    </View>
  )
}
