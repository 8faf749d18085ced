// openNotify on its own: what the notify route gets back for each kind of body.
import { generateKeyPairSync } from 'node:crypto'
import { encryptResource } from '../../../server/src/wechatpay/aead'
import { yuanToFen, fenToYuan, billFields } from '../../../server/src/wechatpay/bill'
import { openNotify } from '../../../server/src/wechatpay/notify'
import { signSha256Rsa } from '../../../server/src/wechatpay/sign'
import { createVerifier } from '../../../server/src/wechatpay/verify'

const now = 1764590400
const apiV3Key = 'M8nQ2vX5pL0kR7sT4wY9zA3bC6dE1fG2'
const wechatpay = generateKeyPairSync('rsa', { modulusLength: 2048 })
const verifier = createVerifier({ publicKeys: [{ id: 'PUB_KEY_ID_01', pem: wechatpay.publicKey.export({ type: 'spki', format: 'pem' }) as string }] })
const signed = (rawBody: string) => ({
  headers: { timestamp: String(now), nonce: 'N1', serial: 'PUB_KEY_ID_01', signature: signSha256Rsa(`${now}\nN1\n${rawBody}\n`, wechatpay.privateKey) },
  rawBody,
  verifier,
  apiV3Key,
  nowSeconds: now,
})
const envelope = (eventType: string, resource: object, key = apiV3Key) =>
  JSON.stringify({ id: 'EV-1', create_time: '2025-12-01T20:00:00+08:00', event_type: eventType, summary: '退款成功', resource_type: 'encrypt-resource', resource: encryptResource(JSON.stringify(resource), key, 'abcdefghijkl', 'refund', 'refund') })
const refund = { mchid: '1900000109', out_trade_no: 'YB2026120100000001', transaction_id: '4200000001', out_refund_no: 'R1', refund_id: '50001', refund_status: 'SUCCESS', success_time: '2025-12-01T20:00:00+08:00', amount: { total: 38000, refund: 38000, payer_total: 38000, payer_refund: 38000 } }

describe('openNotify', () => {
  it('opens a REFUND.SUCCESS notify into a refund in 分', () => {
    const result = openNotify(signed(envelope('REFUND.SUCCESS', refund)))
    expect(result).toEqual({ ok: true, notify: { id: 'EV-1', createTime: '2025-12-01T20:00:00+08:00', summary: '退款成功', eventType: 'REFUND.SUCCESS', refund: { outRefundNo: 'R1', refundId: '50001', outTradeNo: 'YB2026120100000001', transactionId: '4200000001', status: 'SUCCESS', successTime: '2025-12-01T20:00:00+08:00', refund: 38000, total: 38000 } } })
  })

  it('answers 401 to what does not verify and 400 to what verifies but cannot be used', () => {
    expect(openNotify({ ...signed(envelope('REFUND.SUCCESS', refund)), nowSeconds: now + 3600 })).toEqual({ ok: false, reason: 'stale-timestamp', status: 401 })
    expect(openNotify(signed('not json'))).toEqual({ ok: false, reason: 'not-json', status: 400 })
    expect(openNotify(signed(envelope('REFUND.SUCCESS', refund, 'X8nQ2vX5pL0kR7sT4wY9zA3bC6dE1fG2')))).toEqual({ ok: false, reason: 'undecryptable', status: 400 })
    expect(openNotify(signed(envelope('REFUND.SUCCESS', { ...refund, amount: {} })))).toEqual({ ok: false, reason: 'undecryptable', status: 400 })
    expect(openNotify(signed(envelope('MCHTRANSFER.BILL.FINISHED', refund)))).toEqual({ ok: false, reason: 'unknown-event', status: 400 })
  })
})

describe('bill amounts', () => {
  it('turns 元 into integer 分 without floating point, and back', () => {
    expect([yuanToFen('0.10'), yuanToFen('0.1'), yuanToFen('380.00'), yuanToFen('1234567.89'), yuanToFen('-0.05'), yuanToFen('7')]).toEqual([10, 10, 38000, 123456789, -5, 700])
    expect(() => yuanToFen('0.105')).toThrow(/金额格式/)
    expect(() => yuanToFen('')).toThrow(/金额格式/)
    expect([fenToYuan(10), fenToYuan(38000), fenToYuan(-5), fenToYuan(0)]).toEqual(['0.10', '380.00', '-0.05', '0.00'])
    expect(billFields('`2026-12-01 10:00:00,`wx1,`a,b')).toEqual(['2026-12-01 10:00:00', 'wx1', 'a,b'])
  })
})
