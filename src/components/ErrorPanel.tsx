import { Text, View } from '@tarojs/components'
import type { Advice } from '../view/advice'
import { go, goHome } from '../routes'
import { roleProps } from './a11yRole'
import ActionButton from './ActionButton'

export interface ErrorPanelProps {
  advice: Advice
  /** 重试: run the failed request again. */
  onRetry?: () => void
  /** 修改信息: back to the fields, which still hold what was typed. */
  onEdit?: () => void
  id?: string
}

/** A failed request explained: what happened, what to do, and the one button that does it. */
export default function ErrorPanel({ advice, onRetry, onEdit, id = 'error-panel' }: ErrorPanelProps) {
  const act = () => {
    switch (advice.action) {
      case 'retry':
        return onRetry?.()
      case 'edit':
        return onEdit?.()
      case 'records':
        return go('records')
      case 'home':
        return goHome()
      case 'proxy':
        return go('payer', { mode: 'other' })
    }
  }
  const hasButton = advice.action !== 'edit' || onEdit !== undefined
  return (
    <View className="error-panel" id={id} {...roleProps('alert')}>
      <Text className="error-panel__title">{advice.title}</Text>
      <Text className="error-panel__detail">{advice.detail}</Text>
      {hasButton ? <ActionButton id={`${id}-action`} kind="default" label={advice.actionLabel} onTap={act} /> : null}
    </View>
  )
}
