import { Text, View } from '@tarojs/components'
import CareModeSwitch from '../../components/CareModeSwitch'
import Hotlines from '../../components/Hotlines'
import Screen from '../../components/Screen'
import Tappable from '../../components/Tappable'
import { usePublicShare } from '../../flow/publicShare'
import { go } from '../../routes'
import './faq.css'

const QUESTIONS = [
  { q: '缴费后多久能查到？', a: '缴费成功即可在“缴费记录查询”看到“已缴费”；1–3 个工作日后变为“已入库”。从哪天起享受医保待遇，缴费前的确认页和缴费成功页都写明了日期。' },
  { q: '支付失败但被扣款了怎么办？', a: '未成功的扣款会在 1–2 天内原路退回，无需任何操作，请勿重复缴费。' },
  { q: '交错了险种或替错了人缴费？', a: '已入库的费款只能由税务或医保经办机构办理退费，请携带缴费人证件和缴费凭证到当地办税服务厅或医保经办机构；可拨打 12393（医保）或 12366（税务）咨询。' },
  { q: '提示“未查询到参保信息”？', a: '请核对姓名、证件类型和号码。如未办理参保登记或参保地不在本地区，请到参保地医保经办窗口办理。' },
  { q: '错过了集中缴费期还能缴吗？', a: '可以缴费，但有等待期：固定 3 个月，断保的每断 1 年再加 1 个月；补缴断保年度可减少变动等待期，断保 4 年及以上的等待期不少于 6 个月。缴费前页面会写明从哪天起享受待遇。新生儿在出生 90 天内（部分城市更长）参保，自出生之日起享受待遇。' },
  { q: '低保、特困等困难人员怎么缴费？', a: '特困人员由政府全额资助，无需个人缴费；低保对象、低收入人口等按当地标准资助，页面会分别写明个人缴费和政府资助金额。资助问题可拨打 12393 医保服务热线。' },
]


export default function Help() {
  usePublicShare()
  return (
    <Screen className="help">
      {/* The hotlines first: calling is what most people come here for, so 12393 is in view on arrival. */}
      <Text className="section-title">服务热线</Text>
      <Hotlines />
      <Text className="hint">也可携带证件到当地办税服务厅、社保（医保）经办服务大厅或自助终端办理缴费和查询。</Text>
      <Text className="section-title">常见问题</Text>
      <View className="card">
        {QUESTIONS.map(({ q, a }) => (
          <View key={q} className="faq">
            <Text className="faq__q">{q}</Text>
            <Text className="faq__a">{a}</Text>
          </View>
        ))}
      </View>
      <Text className="section-title">设置与隐私</Text>
      <View className="card">
        <CareModeSwitch />
        <Tappable id="link-privacy" className="cell cell--link" role="link" label="隐私保护指引与清除本机数据" onTap={() => go('privacy')}>
          <Text className="cell__label">隐私保护指引</Text>
          <View className="cell__body">
            <Text className="cell__note">查看与清除本机数据</Text>
          </View>
        </Tappable>
      </View>
    </Screen>
  )
}
