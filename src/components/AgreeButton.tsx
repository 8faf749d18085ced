import { Button } from '@tarojs/components'

/**
 * The mini-program twin: WeChat's own privacy-agreement button, so the platform records the
 * authorization (base library ≥ 2.32.3) at the same tap.
 */
export default function AgreeButton({ onAgree }: { onAgree: () => void }) {
  return (
    <Button id="privacy-agree" className="btn btn--primary" openType="agreePrivacyAuthorization" aria-label="同意并继续" onAgreePrivacyAuthorization={onAgree}>
      同意并继续
    </Button>
  )
}
