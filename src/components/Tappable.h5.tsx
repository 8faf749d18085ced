import type { TappableProps } from './Tappable'

/**
 * The H5 twin: a native button, so rows and chips are reachable by keyboard and announced. Its
 * name is its visible text (voice control says what it sees); `label` is for WeChat's reader.
 */
export default function Tappable({ onTap, role = 'button', checked, disabled, className, id, children }: TappableProps) {
  const state = checked ? ' is-checked' : disabled ? ' is-disabled' : ''
  return (
    <button
      type="button"
      id={id}
      className={`tappable ${className ?? ''}${state}`}
      role={role === 'button' ? undefined : role}
      aria-checked={role === 'radio' || role === 'checkbox' ? Boolean(checked) : undefined}
      disabled={disabled}
      onClick={disabled ? undefined : onTap}
    >
      {children}
    </button>
  )
}
