import type { ActionButtonProps } from './ActionButton'

/**
 * The H5 twin: Taro's <Button> renders a custom element with no role and no keyboard focus, so
 * the browser gets a native <button> instead.
 */
export default function ActionButton({ label, onTap, kind = 'primary', disabled, busy, busyLabel, id }: ActionButtonProps) {
  const inactive = Boolean(disabled || busy)
  const text = busy ? busyLabel ?? label : label
  return (
    <button
      type="button"
      id={id}
      className={`btn btn--${kind}${inactive ? ' btn--disabled' : ''}`}
      disabled={inactive}
      aria-busy={busy || undefined}
      aria-label={text}
      onClick={inactive ? undefined : onTap}
    >
      {busy ? <span className="btn__spinner" aria-hidden="true" /> : null}
      {text}
    </button>
  )
}
