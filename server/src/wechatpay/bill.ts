// The trade bill (交易账单): CSV with a header line, one line per trade or refund, then a summary
// caption and line. Every data field starts with a backtick (so spreadsheets keep long numbers as
// text) and amounts are in 元 with two decimals; we turn them into integer 分 without floats.

export interface TradeBillRow {
  tradeTime: string
  appid: string
  mchid: string
  subMchid: string
  transactionId: string
  outTradeNo: string
  openid: string
  tradeType: string
  /** SUCCESS, REFUND (a refund line), REVOKED… */
  tradeState: string
  /** 分: 应结订单金额 */
  settlementTotal: number
  refundId: string
  outRefundNo: string
  /** 分: 退款金额 */
  refund: number
  refundStatus: string
  description: string
  attach: string
  /** 分: 手续费 */
  fee: number
  /** 分: 订单金额 */
  total: number
}

export interface TradeBill {
  rows: TradeBillRow[]
  count: number
  /** 分 */
  settlementTotal: number
  /** 分 */
  refundTotal: number
}

export const TRADE_BILL_HEADER = '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注'
export const TRADE_BILL_SUMMARY_HEADER = '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额'

/** '12.30' → 1230; throws on anything that is not a 元 amount with at most two decimals. */
export function yuanToFen(yuan: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim())
  if (!match) throw new Error(`账单金额格式不对：${yuan}`)
  const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'))
  return match[1] === '-' ? -fen : fen
}

export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** Splits a bill line: fields are separated by ",`" after the leading backtick. */
export function billFields(line: string): string[] {
  if (!line.startsWith('`')) throw new Error(`账单行应以反引号开头：${line.slice(0, 40)}`)
  return line.slice(1).split(',`')
}

export function parseTradeBill(text: string): TradeBill {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '')
  if (lines.length < 3 || lines[0] !== TRADE_BILL_HEADER) throw new Error('不是交易账单（表头不符）')
  const summaryAt = lines.indexOf(TRADE_BILL_SUMMARY_HEADER)
  if (summaryAt < 0 || summaryAt + 1 >= lines.length) throw new Error('交易账单缺少汇总行')
  const rows = lines.slice(1, summaryAt).map((line): TradeBillRow => {
    const f = billFields(line)
    if (f.length !== 27) throw new Error(`账单行应有 27 列，这一行有 ${f.length} 列`)
    return {
      tradeTime: f[0], appid: f[1], mchid: f[2], subMchid: f[3], transactionId: f[5], outTradeNo: f[6], openid: f[7],
      tradeType: f[8], tradeState: f[9], settlementTotal: yuanToFen(f[12]), refundId: f[14], outRefundNo: f[15],
      refund: yuanToFen(f[16]), refundStatus: f[19], description: f[20], attach: f[21], fee: yuanToFen(f[22]), total: yuanToFen(f[24]),
    }
  })
  const summary = billFields(lines[summaryAt + 1])
  return { rows, count: Number(summary[0]), settlementTotal: yuanToFen(summary[1]), refundTotal: yuanToFen(summary[2]) }
}
