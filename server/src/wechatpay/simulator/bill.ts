// The simulator's trade bill for one Asia/Shanghai day: a line per payment (by its success time)
// and per settled refund (by its settle time), in the layout parseTradeBill reads.
import { fenToYuan, TRADE_BILL_HEADER, TRADE_BILL_SUMMARY_HEADER } from '../bill'
import type { Ledger } from './ledger'
import { shanghaiTime } from './wire'

const billTime = (ms: number) => shanghaiTime(ms).slice(0, 19).replace('T', ' ')
const line = (fields: (string | number)[]) => fields.map((f) => `\`${f}`).join(',')

/** The bill's text, or undefined for a day without trades (WeChat Pay: NO_STATEMENT_EXIST). */
export function tradeBill(ledger: Ledger, billDate: string): string | undefined {
  const lines: string[] = []
  let settlement = 0
  let refunded = 0
  for (const a of ledger.attempts()) {
    if (a.successAt === undefined || billTime(a.successAt).slice(0, 10) !== billDate) continue
    settlement += a.total
    const yuan = fenToYuan(a.total)
    lines.push(line([billTime(a.successAt), a.appid, a.mchid, a.subMchid ?? '0', '', a.transactionId as string, a.outTradeNo, a.openid, 'JSAPI', 'SUCCESS', 'OTHERS', 'CNY', yuan, '0.00', '0', '0', '0.00', '0.00', '', '', a.description, a.attach ?? '', '0.00', '0.60%', yuan, '0.00', '']))
  }
  for (const r of ledger.refunds()) {
    if (ledger.refundStatus(r) !== 'SUCCESS' || billTime(r.settlesAt).slice(0, 10) !== billDate) continue
    const a = ledger.attemptOf(r)
    refunded += r.refund
    lines.push(line([billTime(r.settlesAt), a.appid, a.mchid, a.subMchid ?? '0', '', r.transactionId, r.outTradeNo, a.openid, 'JSAPI', 'REFUND', 'OTHERS', 'CNY', '0.00', '0.00', r.refundId, r.outRefundNo, fenToYuan(r.refund), '0.00', 'ORIGINAL', 'SUCCESS', a.description, a.attach ?? '', '0.00', '0.60%', fenToYuan(a.total), fenToYuan(r.refund), '']))
  }
  if (lines.length === 0) return undefined
  const summary = line([lines.length, fenToYuan(settlement), fenToYuan(refunded), '0.00', '0.00', fenToYuan(settlement), fenToYuan(refunded)])
  return `\uFEFF${TRADE_BILL_HEADER}\r\n${lines.join('\r\n')}\r\n${TRADE_BILL_SUMMARY_HEADER}\r\n${summary}\r\n`
}
