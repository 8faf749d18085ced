import type { TappableProps } from './Tappable'

/** The H5 twin: a native button, so rows and chips are reachable by keyboard and announced. */
export default function Tappable({ onTap, label, role = 'button', checked, disabled, className, id, children }: TappableProps) {
  const state = checked ? ' is-checked' : disabled ? ' is-disabled' : ''
  return (
    <button
      type="button"
      id={id}
      className={`tappable ${className ?? ''}${state}`}
      role={role === 'button' ? undefined : role}
      aria-label={label}
      aria-checked={role === 'radio' ? Boolean(checked) : undefined}
      disabled={disabled}
      onClick={disabled ? undefined : onTap}
    >
      {children}
    </button>
  )
}
