import { Button } from '@tarojs/components'

export interface ActionButtonProps {
  label: string
  onTap: () => void
  kind?: 'primary' | 'default' | 'warn'
  disabled?: boolean
  /** A request is running: the button shows busyLabel and cannot fire again. */
  busy?: boolean
  busyLabel?: string
  id?: string
}

/** The mini-program twin: WeChat's own button (announced as a button by the screen reader). */
export default function ActionButton({ label, onTap, kind = 'primary', disabled, busy, busyLabel, id }: ActionButtonProps) {
  const inactive = Boolean(disabled || busy)
  return (
    <Button
      id={id}
      className={`btn btn--${kind}`}
      disabled={inactive}
      loading={busy}
      aria-label={busy ? busyLabel ?? label : label}
      onClick={inactive ? undefined : onTap}
    >
      {busy ? busyLabel ?? label : label}
    </Button>
  )
}
