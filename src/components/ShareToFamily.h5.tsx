import { useState } from 'react'
import type { ShareToFamilyProps } from './ShareToFamily'

/** The page's address as a full link (the H5 build uses the hash router). */
function linkTo(path: string): string {
  const { origin, pathname } = window.location
  return `${origin}${pathname}#${path}`
}

/**
 * The H5 twin: there is no WeChat share sheet in a browser, so the link is copied; where the
 * clipboard is out of reach it is shown for the person to copy by hand.
 */
export default function ShareToFamily({ path, id = 'share-family' }: ShareToFamilyProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle')
  const link = linkTo(path)
  const copy = () => {
    const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined
    if (!clipboard?.writeText) {
      setState('manual')
      return
    }
    clipboard.writeText(link).then(
      () => setState('copied'),
      () => setState('manual'),
    )
  }
  return (
    <div className="share-family">
      <button type="button" id={id} className="btn btn--default" aria-label="发送给家人" onClick={copy}>
        发送给家人
      </button>
      {state === 'copied' ? (
        <p className="hint" id={`${id}-copied`} role="status">
          链接已复制，发给家人即可
        </p>
      ) : null}
      {state === 'manual' ? (
        <div className="share-family__manual" role="status">
          <p className="hint">无法自动复制，请长按或选中下面的链接复制，发给家人即可</p>
          <input
            id={`${id}-link`}
            className="share-family__link"
            style={{ boxSizing: 'border-box', width: '100%', padding: '8px', fontSize: '14px' }}
            readOnly
            value={link}
            aria-label="缴费链接"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      ) : null}
    </div>
  )
}
