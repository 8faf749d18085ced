// Our client against the simulator over real HTTP on loopback: 下单 rules, query, close, refund,
// trade bill, a wrong Authorization, answers that do not verify.
import { createWechatPayClient } from '../../../server/src/wechatpay/client'
import { wechatPayConfig } from '../../../server/src/wechatpay/config'
import { E2E_TIMEOUT_MS, ORDER, ok, shanghaiToday, startHarness, type Harness } from './harness'

jest.setTimeout(E2E_TIMEOUT_MS)

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

describe('JSAPI 下单 and the out_trade_no rules', () => {
  it('returns the same prepay_id for the same parameters and 403 OUT_TRADE_NO_USED for changed ones', async () => {
    const outTradeNo = h.outTradeNo()
    const first = ok(await h.client.prepayJsapi({ ...ORDER, outTradeNo }))
    expect(first.prepayId).toMatch(/^wx\d{14}/)
    expect(ok(await h.client.prepayJsapi({ ...ORDER, outTradeNo }))).toEqual(first)
    expect(await h.client.prepayJsapi({ ...ORDER, outTradeNo, total: 38001 })).toEqual({ kind: 'rejected', status: 403, code: 'OUT_TRADE_NO_USED', message: '商户订单号重复' })
    expect(await h.client.prepayJsapi({ ...ORDER, outTradeNo, description: '灵活就业医保' })).toMatchObject({ kind: 'rejected', code: 'OUT_TRADE_NO_USED' })
  })

  it('refuses bad parameters with 400 PARAM_ERROR', async () => {
    expect(await h.client.prepayJsapi({ ...ORDER, outTradeNo: h.outTradeNo(), total: 0 })).toMatchObject({ kind: 'rejected', status: 400, code: 'PARAM_ERROR' })
    expect(await h.client.prepayJsapi({ ...ORDER, outTradeNo: h.outTradeNo(), description: '医'.repeat(128) })).toMatchObject({ kind: 'rejected', code: 'PARAM_ERROR' })
    await expect(h.client.prepayJsapi({ ...ORDER, outTradeNo: 'short' })).rejects.toThrow(/6–32/)
  })

  it('signs client pay parameters the merchant public key verifies', async () => {
    const { prepayId } = ok(await h.client.prepayJsapi({ ...ORDER, outTradeNo: h.outTradeNo() }))
    const params = h.client.payParams(prepayId)
    expect(params).toMatchObject({ appId: 'wx8888888888888888', package: `prepay_id=${prepayId}`, signType: 'RSA' })
    const { verify } = await import('node:crypto')
    const text = `${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`
    expect(verify('sha256', Buffer.from(text), h.simulator.keys.merchantPublicKey, Buffer.from(params.paySign, 'base64'))).toBe(true)
  })
})

describe('query, close, cancel, fail', () => {
  it('moves NOTPAY → SUCCESS on pay, and leaves NOTPAY on cancel and fail', async () => {
    const outTradeNo = h.outTradeNo()
    const { prepayId } = ok(await h.client.prepayJsapi({ ...ORDER, outTradeNo, attach: 'P-2027' }))
    expect(ok(await h.client.queryByOutTradeNo(outTradeNo))).toMatchObject({ tradeState: 'NOTPAY', total: 38000, transactionId: undefined })
    expect((await h.cashier({ prepayId, action: 'cancel' })).json.errMsg).toBe('requestPayment:fail cancel')
    expect((await h.cashier({ prepayId, action: 'fail' })).json.errMsg).toMatch(/^requestPayment:fail /)
    expect(ok(await h.client.queryByOutTradeNo(outTradeNo)).tradeState).toBe('NOTPAY')
    expect((await h.cashier({ prepayId, action: 'pay', notify: false })).json.errMsg).toBe('requestPayment:ok')
    const paid = ok(await h.client.queryByOutTradeNo(outTradeNo))
    expect(paid).toMatchObject({ tradeState: 'SUCCESS', total: 38000, payerTotal: 38000, openid: ORDER.openid, attach: 'P-2027', mchid: h.simulator.keys.mchid })
    expect(paid.transactionId).toMatch(/^4200\d{24}$/)
    expect(paid.successTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/)
    expect(await h.client.close(outTradeNo)).toMatchObject({ kind: 'rejected', code: 'ORDERPAID' })
  })

  it('closes an unpaid attempt: 204, CLOSED, no payment, no second 下单', async () => {
    const outTradeNo = h.outTradeNo()
    const { prepayId } = ok(await h.client.prepayJsapi({ ...ORDER, outTradeNo }))
    expect(await h.client.close(outTradeNo)).toEqual({ kind: 'ok', value: null })
    expect(ok(await h.client.queryByOutTradeNo(outTradeNo)).tradeState).toBe('CLOSED')
    expect((await h.cashier({ prepayId, action: 'pay' })).status).toBe(400)
    expect(await h.client.prepayJsapi({ ...ORDER, outTradeNo })).toMatchObject({ kind: 'rejected', code: 'ORDER_CLOSED' })
    expect(await h.client.queryByOutTradeNo(h.outTradeNo())).toMatchObject({ kind: 'rejected', status: 404, code: 'ORDER_NOT_EXIST' })
  })
})

describe('refunds', () => {
  it('refunds a paid attempt: PROCESSING, then SUCCESS; the trade turns REFUND; no refund beyond the total', async () => {
    const outTradeNo = h.outTradeNo()
    const { prepayId } = ok(await h.client.prepayJsapi({ ...ORDER, outTradeNo }))
    await h.cashier({ prepayId, action: 'pay', notify: false })
    expect(await h.client.refund({ outTradeNo, outRefundNo: `R${outTradeNo}`, refund: 38001, total: 38000 })).toMatchObject({ kind: 'rejected', code: 'INVALID_REQUEST' })
    const refund = ok(await h.client.refund({ outTradeNo, outRefundNo: `R${outTradeNo}`, refund: 38000, total: 38000, reason: '重复缴费' }))
    expect(refund).toMatchObject({ status: 'PROCESSING', refund: 38000, total: 38000, outTradeNo })
    expect(ok(await h.client.refund({ outTradeNo, outRefundNo: `R${outTradeNo}`, refund: 38000, total: 38000 })).refundId).toBe(refund.refundId)
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(ok(await h.client.queryRefund(`R${outTradeNo}`))).toMatchObject({ status: 'SUCCESS', refundId: refund.refundId })
    expect(ok(await h.client.queryByOutTradeNo(outTradeNo)).tradeState).toBe('REFUND')
    await h.simulator.idle()
    const refundNotifies = h.receiver.accepted().filter((n) => n.eventType === 'REFUND.SUCCESS' && n.refund.outRefundNo === `R${outTradeNo}`)
    expect(refundNotifies).toEqual([expect.objectContaining({ refund: expect.objectContaining({ status: 'SUCCESS', refund: 38000 }) })])
    expect(await h.client.queryRefund('R-none-000')).toMatchObject({ kind: 'rejected', status: 404 })
  })

  it('refunds one transaction in parts (全部缴纳: one refused person each), never beyond its total, and only against its real total', async () => {
    const outTradeNo = h.outTradeNo()
    const { prepayId } = ok(await h.client.prepayJsapi({ ...ORDER, outTradeNo }))
    await h.cashier({ prepayId, action: 'pay', notify: false })
    expect(await h.client.refund({ outTradeNo, outRefundNo: `R${outTradeNo}a`, refund: 10000, total: 10000 })).toMatchObject({ kind: 'rejected', code: 'INVALID_REQUEST' })
    expect(ok(await h.client.refund({ outTradeNo, outRefundNo: `R${outTradeNo}a`, refund: 10000, total: 38000 }))).toMatchObject({ refund: 10000, total: 38000 })
    expect(ok(await h.client.refund({ outTradeNo, outRefundNo: `R${outTradeNo}b`, refund: 28000, total: 38000 }))).toMatchObject({ refund: 28000, total: 38000 })
    expect(await h.client.refund({ outTradeNo, outRefundNo: `R${outTradeNo}c`, refund: 1, total: 38000 })).toMatchObject({ kind: 'rejected', code: 'INVALID_REQUEST' })
    await new Promise((resolve) => setTimeout(resolve, 80))
    for (const part of ['a', 'b']) expect(ok(await h.client.queryRefund(`R${outTradeNo}${part}`))).toMatchObject({ status: 'SUCCESS' })
  })

  it('refuses a refund of an unpaid attempt', async () => {
    const outTradeNo = h.outTradeNo()
    ok(await h.client.prepayJsapi({ ...ORDER, outTradeNo }))
    expect(await h.client.refund({ outTradeNo, outRefundNo: `R${outTradeNo}`, refund: 100, total: 38000 })).toMatchObject({ kind: 'rejected', code: 'INVALID_REQUEST' })
  })
})

describe('trade bill', () => {
  it('downloads the day’s bill, checks its SHA1, and reads payments and refunds in 分', async () => {
    const outTradeNo = h.outTradeNo()
    const { prepayId } = ok(await h.client.prepayJsapi({ ...ORDER, outTradeNo, total: 12345 }))
    await h.cashier({ prepayId, action: 'pay', notify: false })
    ok(await h.client.refund({ outTradeNo, outRefundNo: `R${outTradeNo}`, refund: 45, total: 12345 }))
    await new Promise((resolve) => setTimeout(resolve, 80))
    const today = shanghaiToday()
    const link = ok(await h.client.tradeBillLink(today))
    expect(link.hashType).toBe('SHA1')
    const bill = ok(await h.client.downloadTradeBill(link))
    expect(bill.rows.find((r) => r.outTradeNo === outTradeNo && r.tradeState === 'SUCCESS')).toMatchObject({ settlementTotal: 12345, total: 12345, openid: ORDER.openid })
    expect(bill.rows.find((r) => r.outTradeNo === outTradeNo && r.tradeState === 'REFUND')).toMatchObject({ refund: 45, outRefundNo: `R${outTradeNo}` })
    expect(bill.count).toBe(bill.rows.length)
    expect(bill.settlementTotal).toBe(bill.rows.reduce((sum, r) => sum + r.settlementTotal, 0))
    expect(await h.client.downloadTradeBill({ ...link, hashValue: '0'.repeat(40) })).toMatchObject({ kind: 'unknown', reason: 'unverified' })
    expect(await h.client.tradeBillLink('2001-01-01')).toMatchObject({ kind: 'rejected', code: 'NO_STATEMENT_EXIST' })
  })
})

describe('signatures at the wire', () => {
  it('answers 401 SIGN_ERROR to a request signed with another key, or not signed at all', async () => {
    // Any key but the merchant's: the simulator's own 平台证书 key will do.
    const stranger = h.simulator.keys.signers['platform-certificate'].privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
    const impostor = createWechatPayClient(wechatPayConfig({ ...h.input, merchantPrivateKeyPem: stranger }))
    expect(await impostor.queryByOutTradeNo(h.outTradeNo())).toMatchObject({ kind: 'rejected', status: 401, code: 'SIGN_ERROR' })
    const wrongSerial = createWechatPayClient(wechatPayConfig({ ...h.input, merchantSerial: 'ABCDEF' }))
    expect(await wrongSerial.queryByOutTradeNo(h.outTradeNo())).toMatchObject({ kind: 'rejected', status: 401 })
    // A clock 400 s behind: the simulator refuses the request's timestamp, and the same skew makes
    // its answer look stale to us, so the 401 is seen but not trusted.
    const late = createWechatPayClient(wechatPayConfig(h.input), { now: () => Date.now() - 400_000 })
    expect(await late.queryByOutTradeNo(h.outTradeNo())).toMatchObject({ kind: 'unknown', reason: 'unverified', status: 401 })
    const bare = await fetch(`${h.simulator.baseUrl}/v3/pay/transactions/out-trade-no/ABCDEFG?mchid=1900000109`)
    expect(bare.status).toBe(401)
  })

  it('treats an answer it cannot verify as unknown, never as failed', async () => {
    // The right id with the wrong key (here the merchant's own public key).
    const otherWechatpay = h.simulator.keys.merchantPublicKey.export({ type: 'spki', format: 'pem' }) as string
    const blind = createWechatPayClient(wechatPayConfig({ ...h.input, keys: { publicKeys: [{ id: h.simulator.keys.publicKeyId, pem: otherWechatpay }] } }))
    expect(await blind.prepayJsapi({ ...ORDER, outTradeNo: h.outTradeNo() })).toMatchObject({ kind: 'unknown', reason: 'unverified' })
    const unreachable = createWechatPayClient(wechatPayConfig({ ...h.input, baseUrl: 'http://127.0.0.1:9' }))
    expect(await unreachable.queryByOutTradeNo(h.outTradeNo())).toMatchObject({ kind: 'unknown', reason: 'network' })
  })

  it('verifies answers signed by the 平台证书 as well as by the 微信支付公钥', async () => {
    const outTradeNo = h.outTradeNo()
    h.simulator.useSigner('platform-certificate')
    try {
      expect(ok(await h.client.prepayJsapi({ ...ORDER, outTradeNo })).prepayId).toMatch(/^wx/)
      const onlyPublicKey = createWechatPayClient(wechatPayConfig({ ...h.input, keys: { publicKeys: h.input.keys.publicKeys } }))
      expect(await onlyPublicKey.queryByOutTradeNo(outTradeNo)).toMatchObject({ kind: 'unknown', reason: 'unverified' })
    } finally {
      h.simulator.useSigner('public-key')
    }
    expect(ok(await h.client.queryByOutTradeNo(outTradeNo)).tradeState).toBe('NOTPAY')
  })
})
