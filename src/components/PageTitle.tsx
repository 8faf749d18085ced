import type { ReactElement } from 'react'

/** In the mini-program the native navigation bar shows the page's title: nothing to render. */
export default function PageTitle(): ReactElement | null {
  return null
}
