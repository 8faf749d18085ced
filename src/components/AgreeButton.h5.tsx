import ActionButton from './ActionButton'

/** The H5 twin: no platform authorization to record, only the app's own consent. */
export default function AgreeButton({ onAgree }: { onAgree: () => void }) {
  return <ActionButton id="privacy-agree" label="同意并继续" onTap={onAgree} />
}
