import { View } from '@tarojs/components'
import type { ReactNode } from 'react'

export interface TappableProps {
  onTap: () => void
  /** What a screen reader announces. */
  label: string
  role?: 'button' | 'radio' | 'checkbox' | 'link'
  checked?: boolean
  disabled?: boolean
  className?: string
  id?: string
  children: ReactNode
}

/** A tappable row or chip (mini-program twin): a view with the accessibility attributes WeChat reads. */
export default function Tappable({ onTap, label, role = 'button', checked, disabled, className, id, children }: TappableProps) {
  const state = checked ? ' is-checked' : disabled ? ' is-disabled' : ''
  return (
    <View
      id={id}
      className={`tappable ${className ?? ''}${state}`}
      aria-role={role}
      aria-label={label}
      aria-checked={role === 'radio' || role === 'checkbox' ? Boolean(checked) : undefined}
      aria-disabled={disabled || undefined}
      hoverClass={disabled ? 'none' : 'is-pressed'}
      onClick={disabled ? undefined : onTap}
    >
      {children}
    </View>
  )
}
