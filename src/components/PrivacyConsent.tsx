import { Text, View } from '@tarojs/components'
import { giveConsent } from '../flow/consent'
import { go, goHome } from '../routes'
import ActionButton from './ActionButton'
import AgreeButton from './AgreeButton'
import Tappable from './Tappable'

/** Shown in place of an ID form until the person agrees to the privacy notice. */
export default function PrivacyConsent() {
  return (
    <View className="card consent" id="privacy-consent">
      <Text className="consent__title">个人信息保护提示</Text>
      <Text className="consent__body">
        为查询应缴信息，需要您填写缴费人的姓名和证件号码。证件号码仅用于向税务部门查询并完成缴费，本机不保存完整号码，页面只显示部分号码。
      </Text>
      <Tappable id="privacy-notice-link" className="link" role="link" label="阅读《隐私保护指引》" onTap={() => go('privacy')}>
        <Text>阅读《隐私保护指引》</Text>
      </Tappable>
      <View className="consent__actions">
        <AgreeButton onAgree={giveConsent} />
        <ActionButton id="privacy-decline" kind="default" label="不同意，返回首页" onTap={goHome} />
      </View>
    </View>
  )
}
