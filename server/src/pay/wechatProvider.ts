/**
 * The payment port over WeChat Pay API v3 (server/src/wechatpay). The same code talks to the
 * loopback simulator in development and to api.mch.weixin.qq.com with a real 商户号: only the
 * configuration differs. An answer we cannot trust is UNKNOWN (ask again), never a failure.
 */
import { inShanghai } from '../../../src/domain/time'
import { BACKEND_MESSAGES } from '../../../src/domain/backendMessages'
import { fail } from '../errors'
import { openNotify, type Refund, type WechatPayClient, type WechatPayConfig } from '../wechatpay'
import type { CashierKind, PaymentProvider, RefundStatus } from './port'

/** WeChat Pay's description limit, in characters. */
const DESCRIPTION_MAX = 127

/** The client and its configuration; in development they are made once the server knows its own URL. */
export interface WechatPayLink {
  client(): WechatPayClient
  config(): WechatPayConfig
}

const refundStatus = (refund: Refund): RefundStatus =>
  refund.status === 'SUCCESS' ? { state: 'SUCCESS', succeededAt: refund.successTime ? Date.parse(refund.successTime) : Date.now(), refundId: refund.refundId } : { state: refund.status }

export function createWechatPayProvider(link: WechatPayLink, cashier: CashierKind): PaymentProvider {
  return {
    cashier,

    async createAttempt({ outTradeNo, amountFen, description, openid, expiresAt }) {
      const answer = await link.client().prepayJsapi({
        description: [...description].slice(0, DESCRIPTION_MAX).join(''),
        outTradeNo,
        total: amountFen,
        openid,
        timeExpire: inShanghai(expiresAt).format('YYYY-MM-DDTHH:mm:ssZ'),
      })
      // 下单 is safe to repeat (same parameters → same prepay_id): the app's next tap asks again.
      if (answer.kind !== 'ok') return fail('SERVER', BACKEND_MESSAGES.server)
      // The contract's pay parameters: a mini-program's requestPayment takes its own appId.
      const { timeStamp, nonceStr, package: pkg, signType, paySign } = link.client().payParams(answer.value.prepayId)
      return { prepayId: answer.value.prepayId, payParams: { timeStamp, nonceStr, package: pkg, signType, paySign } }
    },

    async query(outTradeNo) {
      const answer = await link.client().queryByOutTradeNo(outTradeNo)
      if (answer.kind === 'rejected' && answer.code === 'ORDER_NOT_EXIST') return { state: 'NOTPAY' }
      if (answer.kind !== 'ok') return { state: 'UNKNOWN', reason: answer.kind === 'rejected' ? answer.code : answer.reason }
      const t = answer.value
      switch (t.tradeState) {
        case 'SUCCESS':
        case 'REFUND':
          if (!t.transactionId || !t.successTime) return { state: 'UNKNOWN', reason: 'paid without transaction_id or success_time' }
          return { state: 'SUCCESS', payment: { outTradeNo, transactionId: t.transactionId, paidAt: Date.parse(t.successTime), amountFen: t.total, openid: t.openid } }
        case 'CLOSED':
        case 'REVOKED':
          return { state: 'CLOSED' }
        default:
          // NOTPAY, USERPAYING; PAYERROR does not occur for JSAPI and ends as CLOSED.
          return { state: 'NOTPAY' }
      }
    },

    async close(outTradeNo) {
      // Whatever close answers (ORDERPAID, a timeout), the query after it says what the attempt is.
      await link.client().close(outTradeNo)
    },

    async refund({ outTradeNo, outRefundNo, amountFen, totalFen, reason }) {
      const answer = await link.client().refund({ outTradeNo, outRefundNo, refund: amountFen, total: totalFen, reason })
      return answer.kind === 'ok' ? refundStatus(answer.value) : { state: 'UNKNOWN' }
    },

    async queryRefund(outRefundNo) {
      const answer = await link.client().queryRefund(outRefundNo)
      return answer.kind === 'ok' ? refundStatus(answer.value) : { state: 'UNKNOWN' }
    },

    async tradeBill(billDate) {
      const client = link.client()
      const bill = await client.tradeBillLink(billDate)
      if (bill.kind === 'rejected' && bill.code === 'NO_STATEMENT_EXIST') return undefined
      if (bill.kind !== 'ok') throw new Error(`trade bill ${billDate}: ${bill.kind === 'rejected' ? bill.code : bill.detail}`)
      const file = await client.downloadTradeBill(bill.value)
      if (file.kind !== 'ok') throw new Error(`trade bill ${billDate} download: ${file.kind === 'rejected' ? file.code : file.detail}`)
      return file.value
    },

    openNotify(headers, rawBody, nowMs) {
      const config = link.config()
      return openNotify({ headers, rawBody, verifier: config.verifier, apiV3Key: config.apiV3Key, nowSeconds: Math.floor(nowMs / 1000) })
    },
  }
}
