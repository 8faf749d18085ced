// How the simulator writes its records on the wire, in WeChat Pay's field names.
import type { Attempt, Ledger, RefundRecord } from './ledger'

const SHANGHAI_OFFSET_MS = 8 * 3600_000

/** RFC 3339 in Asia/Shanghai, as WeChat Pay writes times: 2026-12-01T20:00:00+08:00. */
export function shanghaiTime(ms: number): string {
  return `${new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`
}

const TRADE_STATE_DESC: Record<Attempt['state'], string> = {
  NOTPAY: '未支付',
  SUCCESS: '支付成功',
  CLOSED: '订单已关闭',
  REFUND: '转入退款',
}

/** A transaction (query answer or notify resource). `claimedTotal` lets a test plant a wrong amount. */
export function transactionJson(attempt: Attempt, claimedTotal = attempt.total): Record<string, unknown> {
  const ids = attempt.partner
    ? { sp_appid: attempt.appid, sp_mchid: attempt.mchid, sub_mchid: attempt.subMchid, ...(attempt.subAppid ? { sub_appid: attempt.subAppid } : {}) }
    : { appid: attempt.appid, mchid: attempt.mchid }
  const payer = !attempt.partner ? { openid: attempt.openid } : attempt.subAppid ? { sub_openid: attempt.openid } : { sp_openid: attempt.openid }
  const paid = attempt.state === 'SUCCESS' || attempt.state === 'REFUND'
  return {
    ...ids,
    out_trade_no: attempt.outTradeNo,
    trade_state: attempt.state,
    trade_state_desc: TRADE_STATE_DESC[attempt.state],
    ...(attempt.attach ? { attach: attempt.attach } : {}),
    payer,
    ...(paid
      ? {
          transaction_id: attempt.transactionId,
          trade_type: 'JSAPI',
          bank_type: 'OTHERS',
          success_time: shanghaiTime(attempt.successAt as number),
          amount: { total: claimedTotal, payer_total: claimedTotal, currency: 'CNY', payer_currency: 'CNY' },
        }
      : { amount: { total: attempt.total, currency: 'CNY' } }),
  }
}

export function refundJson(record: RefundRecord, ledger: Ledger): Record<string, unknown> {
  const status = ledger.refundStatus(record)
  return {
    refund_id: record.refundId,
    out_refund_no: record.outRefundNo,
    transaction_id: record.transactionId,
    out_trade_no: record.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    create_time: shanghaiTime(record.createdAt),
    ...(status === 'SUCCESS' ? { success_time: shanghaiTime(record.settlesAt) } : {}),
    status,
    funds_account: 'AVAILABLE',
    amount: { total: record.total, refund: record.refund, payer_total: record.total, payer_refund: record.refund, currency: 'CNY' },
  }
}
