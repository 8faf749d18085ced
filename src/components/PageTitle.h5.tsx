import { getCurrentInstance } from '@tarojs/taro'
import { useState, type ReactElement } from 'react'
import './PageTitle.h5.css'

/**
 * The H5 twin: a browser on a phone has no navigation bar, so the page's own title (its
 * `navigationBarTitleText`, the one source of truth) is shown at the top as its one <h1>.
 */
export default function PageTitle(): ReactElement | null {
  // Read once: the page being mounted is the current one only while it loads.
  const [title] = useState(() => getCurrentInstance().page?.config?.navigationBarTitleText ?? '')
  return <h1 className="page-title">{title}</h1>
}
