import { Button } from '@tarojs/components'

export interface ShareToFamilyProps {
  /** The card's path (`/packages/share/index?t=…`): the H5 twin copies it as a link. */
  path: string
  id?: string
}

/**
 * The mini-program twin: WeChat's own share button. What the card says and where it leads come
 * from the page's `useShareAppMessage`, which builds the same path.
 */
export default function ShareToFamily({ id = 'share-family' }: ShareToFamilyProps) {
  return (
    <Button id={id} className="btn btn--default" openType="share" aria-label="发送给家人">
      发送给家人
    </Button>
  )
}
