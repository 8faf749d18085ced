import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useCareMode } from '../flow/careMode'
import { mainLandmark } from './a11yRole'
import PageTitle from './PageTitle'

/**
 * A page's root: the shared page styles, the .care class that scales type in 关怀模式, the page's
 * main landmark and its title (H5; `titled={false}` when the page shows its own level-one heading).
 */
export default function Screen({ className, children, id, titled = true }: { className?: string; children: ReactNode; id?: string; titled?: boolean }) {
  const care = useCareMode()
  return (
    <View id={id} className={`page${className ? ` ${className}` : ''}${care ? ' care' : ''}`} {...mainLandmark}>
      {titled ? <PageTitle /> : null}
      {children}
    </View>
  )
}
