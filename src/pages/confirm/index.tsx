import { Text, View } from '@tarojs/components'
import ActionButton from '../../components/ActionButton'
import Cell from '../../components/Cell'
import DemoMark from '../../components/DemoMark'
import { ProxyPayWarning } from '../../components/Notice'
import StaleFlow from '../../components/StaleFlow'
import Screen from '../../components/Screen'
import Spoken from '../../components/Spoken'
import { idDocLabel } from '../../domain/idDocument'
import { formatFen, toChineseCapital } from '../../domain/money'
import { isPaymentBusy } from '../../domain/payFlow'
import { spokenPayment } from '../../domain/spoken'
import { formatChineseDate } from '../../domain/time'
import { payment, useFlow } from '../../flow'
import { summarise } from '../../view/selection'
import { go } from '../../routes'
import './index.css'

export default function Confirm() {
  const { payer, due, flow, resuming } = useFlow()
  const summary = due ? summarise(due, flow.selection) : undefined
  if (!payer || !due || !summary) return <Screen><StaleFlow resuming={resuming} /></Screen>

  const session = flow.payment
  const paid = session.step === 'done' && session.outcome === 'success'
  // Only a tap that really started (or resumed) a payment moves on; a repeated tap does nothing.
  const onConfirm = () => {
    if (payment.confirm()) go('pay')
  }

  return (
    <Screen className="confirm">
      <Spoken
        className="confirm__amount"
        id="spoken-summary"
        sentence={spokenPayment({ maskedName: payer.maskedName, periodLabel: summary.periodLabel, itemName: due.itemName, amountFen: summary.totalFen })}
      >
        <Text className="confirm__amount-label">应缴金额</Text>
        <Text className="confirm__amount-figure" id="amount">{formatFen(summary.totalFen)}</Text>
        <DemoMark show={summary.demo} />
        <Text className="confirm__amount-capital" id="amount-capital">大写：{toChineseCapital(summary.totalFen)}</Text>
      </Spoken>
      <View className="card">
        <Cell label="缴费人" value={payer.maskedName} id="confirm-name" />
        <Cell label="证件类型" value={idDocLabel(payer.idType)} />
        <Cell label="证件号码" value={payer.maskedIdNumber} id="confirm-id" />
        <Cell label="险种" value={due.itemName} />
        <Cell label="费款所属期" value={summary.periodLabel} id="confirm-period" />
        {summary.tierLabel ? <Cell label="缴费档次" value={summary.tierLabel} /> : null}
        {summary.subsidyFen > 0 ? (
          <Cell label="政府资助" value={formatFen(summary.subsidyFen)} note={`缴费标准 ${formatFen(summary.standardFen)}`} />
        ) : null}
        <Cell label="征收机关" value={payer.region.taxAuthority} />
        <Cell label="缴费渠道" value="微信支付" />
        <Cell label="待遇开始" value={formatChineseDate(summary.coverStart)} />
      </View>
      {payer.isSelf ? null : <ProxyPayWarning />}
      <View className="actions">
        <ActionButton
          id="confirm-pay"
          label={paid ? '已缴费' : '确认缴费'}
          disabled={paid}
          busy={isPaymentBusy(session)}
          busyLabel="正在支付…"
          onTap={onConfirm}
        />
      </View>
      <Text className="hint">请核对以上信息。缴费成功后如需退费，须到税务或医保经办机构办理。</Text>
    </Screen>
  )
}
