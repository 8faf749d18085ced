import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import ErrorPanel from '../../components/ErrorPanel'
import Loading from '../../components/Loading'
import ReceiptCard from '../../components/ReceiptCard'
import { adviceFor, type Advice } from '../../flow/advice'
import { toFlowError } from '../../flow/payment'
import { backend } from '../../services'
import type { ReceiptView } from '../../services/contract'

export default function Receipt() {
  const { params } = useRouter()
  const [receipt, setReceipt] = useState<ReceiptView>()
  const [failure, setFailure] = useState<Advice>()
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    setFailure(undefined)
    backend
      .getReceipt({ orderId: params.orderId ?? '' })
      .then(setReceipt)
      .catch((error) => setFailure(adviceFor(toFlowError(error).code)))
  }, [params.orderId, attempt])

  if (failure) return <ErrorPanel advice={failure} onRetry={() => setAttempt(attempt + 1)} />
  if (!receipt) return <Loading text="正在获取缴费凭证…" />
  return (
    <View className="page">
      <ReceiptCard receipt={receipt} />
      <Text className="hint">本凭证由征收机关出具，可截图保存。如需纸质完税证明，可到办税服务厅或电子税务局开具。</Text>
    </View>
  )
}
