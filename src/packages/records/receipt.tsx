import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import ActionButton from '../../components/ActionButton'
import ErrorPanel from '../../components/ErrorPanel'
import Loading from '../../components/Loading'
import ReceiptCard from '../../components/ReceiptCard'
import Screen from '../../components/Screen'
import { receiptFields } from '../../view/receiptFields'
import { useRequest } from '../../view/useRequest'
import { backend } from '../../services'
import type { ReceiptView } from '../../contract'
import type { SaveImageResult } from '../../services/receiptDrawing'
import { openAlbumSettings, saveReceiptImage } from '../../services/receiptImage'

function SaveImage({ receipt }: { receipt: ReceiptView }) {
  const [saving, setSaving] = useState(false)
  const [result, setResult] = useState<SaveImageResult>()
  const save = async () => {
    setSaving(true)
    setResult(await saveReceiptImage(receiptFields(receipt)))
    setSaving(false)
  }
  return (
    <View className="actions">
      {result ? (
        <Text className={`save-result${result.ok ? '' : ' save-result--error'}`} id="save-result">
          {result.message}
        </Text>
      ) : null}
      {result && !result.ok && result.reason === 'denied' ? (
        <ActionButton
          id="open-settings"
          label="去设置允许保存到相册"
          onTap={() => {
            openAlbumSettings()
            // Back from settings with the permission granted, the save button is there again.
            setResult(undefined)
          }}
        />
      ) : (
        <ActionButton id="save-image" label="保存凭证图片" busy={saving} busyLabel="正在生成图片…" onTap={() => void save()} />
      )}
    </View>
  )
}

export default function Receipt() {
  const { params } = useRouter()
  const orderId = params.orderId ?? ''
  const { data: receipt, failure, run } = useRequest<ReceiptView>()
  const load = useCallback(() => void run(() => backend.getReceipt({ orderId })), [run, orderId])
  useEffect(load, [load])

  let content
  if (failure) content = <ErrorPanel advice={failure} onRetry={load} />
  else if (!receipt) content = <Loading text="正在获取缴费凭证…" />
  else {
    content = (
      <View>
        <ReceiptCard receipt={receipt} />
        <SaveImage receipt={receipt} />
        <Text className="hint">本凭证由征收机关出具，可保存图片或截图留存。如需纸质完税证明，可到办税服务厅或电子税务局开具。</Text>
      </View>
    )
  }
  return <Screen className="receipt-page">{content}</Screen>
}
