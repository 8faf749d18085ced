import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import ActionButton from '../../components/ActionButton'
import Screen from '../../components/Screen'
import { clearLocalData } from '../../flow/localData'
import { usePublicShare } from '../../flow/publicShare'
import './faq.css'

const SECTIONS = [
  {
    title: '我们收集什么',
    body: '代他人缴费时，您填写的缴费人姓名、证件类型和证件号码；本人缴费时，微信已实名认证的身份信息。',
  },
  {
    title: '用于什么',
    body: '仅用于向税务部门查询应缴信息并完成缴费。不用于营销，不提供给其他任何机构。',
  },
  {
    title: '保存在哪里',
    body: '证件号码只在查询时发送一次，本机不保存完整号码；服务端只以加密形式保存缴费人的姓名和证件号码，用于向税务部门查询和缴费。本机只保存：所选地区、关怀模式设置、未完成订单的编号、常用缴费人的脱敏姓名和号码及税务系统发放的查询凭据。页面、分享卡片和小程序码中不会出现完整证件号码。',
  },
  {
    title: '如何清除',
    body: '点按下方“清除本机数据”，即可删除以上保存在本机的全部信息。已完成的缴费记录保存在税务系统，不受影响。',
  },
]

export default function Privacy() {
  usePublicShare()
  const [cleared, setCleared] = useState(false)
  const [clearing, setClearing] = useState(false)
  const clear = async () => {
    const { confirm } = await Taro.showModal({
      title: '清除本机数据',
      content: '将删除本机保存的地区、常用缴费人、设置和未完成订单编号。已缴费记录不受影响。',
      confirmText: '清除',
      cancelText: '取消',
    })
    if (!confirm) return
    setClearing(true)
    await clearLocalData()
    setClearing(false)
    setCleared(true)
  }
  return (
    <Screen className="privacy">
      <View className="card">
        {SECTIONS.map((s) => (
          <View key={s.title} className="faq">
            <Text className="faq__q">{s.title}</Text>
            <Text className="faq__a">{s.body}</Text>
          </View>
        ))}
      </View>
      <View className="actions">
        <ActionButton id="clear-local-data" kind="warn" label={cleared ? '本机数据已清除' : '清除本机数据'} disabled={cleared} busy={clearing} busyLabel="正在清除" onTap={() => void clear()} />
      </View>
    </Screen>
  )
}
