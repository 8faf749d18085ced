// The simulator checked by an implementation that is not ours: wechatpay-axios-plugin signs its
// requests and verifies its answers; its bill parser reads the simulator's bill. Plus the rules
// that need a movable clock (time_expire, 7 days) and the 服务商 deployment.
import Wechatpay, { Formatter } from 'wechatpay-axios-plugin'
import { parseTradeBill } from '../../../server/src/wechatpay/bill'
import { E2E_TIMEOUT_MS, ORDER, ok, shanghaiToday, startHarness, type Harness } from './harness'

jest.setTimeout(E2E_TIMEOUT_MS)

describe('wechatpay-axios-plugin against the simulator', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  const plugin = (kind: 'public-key' | 'platform-certificate') => {
    const { keys } = h.simulator
    const certs = kind === 'public-key' ? { [keys.publicKeyId]: keys.publicKeyPem } : { [keys.signers['platform-certificate'].serial]: keys.platformCertificatePem }
    return new Wechatpay({ mchid: keys.mchid, serial: keys.merchantSerial, privateKey: keys.merchantPrivateKeyPem, certs, baseURL: h.simulator.baseUrl })
  }

  it.each(['public-key', 'platform-certificate'] as const)('its signed 下单 and query pass the simulator, whose %s answers it verifies', async (kind) => {
    h.simulator.useSigner(kind)
    try {
      const wxpay = plugin(kind)
      const outTradeNo = h.outTradeNo()
      const body = { appid: 'wx8888888888888888', mchid: h.simulator.keys.mchid, description: ORDER.description, out_trade_no: outTradeNo, notify_url: h.receiver.url, amount: { total: 100, currency: 'CNY' }, payer: { openid: ORDER.openid } }
      const prepay = (await wxpay.v3.pay.transactions.jsapi.post(body)).data as unknown as { prepay_id: string }
      expect(prepay.prepay_id).toMatch(/^wx/)
      const query = await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.get({ params: { mchid: h.simulator.keys.mchid }, out_trade_no: outTradeNo })
      expect(query.data).toMatchObject({ out_trade_no: outTradeNo, trade_state: 'NOTPAY' })
      expect(ok(await h.client.prepayJsapi({ description: ORDER.description, outTradeNo, total: 100, openid: ORDER.openid })).prepayId).toBe(prepay.prepay_id)
    } finally {
      h.simulator.useSigner('public-key')
    }
  })

  it('reads the simulator’s trade bill with its own CSV parser to the same totals as ours', async () => {
    const outTradeNo = h.outTradeNo()
    const { prepayId } = ok(await h.client.prepayJsapi({ ...ORDER, outTradeNo, total: 1001 }))
    await h.cashier({ prepayId, action: 'pay', notify: false })
    const link = ok(await h.client.tradeBillLink(shanghaiToday()))
    const token = new URL(link.downloadUrl).searchParams.get('token')
    const text: string = (await plugin('public-key').v3.billdownload.file.get({ params: { token }, responseType: 'text' })).data
    const theirs = Formatter.castCsvBill(Buffer.from(text)) as { rows: Record<string, string>[]; summary: Record<string, string> }
    const ours = parseTradeBill(text)
    expect(theirs.rows).toHaveLength(ours.rows.length)
    const row = theirs.rows.find((r) => r['商户订单号'] === outTradeNo)
    expect(row).toMatchObject({ 交易状态: 'SUCCESS', 应结订单金额: '10.01', 订单金额: '10.01' })
    expect(theirs.summary['总交易单数']).toBe(String(ours.count))
  })
})

describe('time_expire and the 7-day default, on a movable clock', () => {
  let clock = Date.parse('2026-12-01T12:00:00+08:00')
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ now: () => clock })
  })
  afterAll(() => h.close())

  it('cannot pay after time_expire, and the same out_trade_no then answers 商户订单号重复', async () => {
    const outTradeNo = h.outTradeNo()
    const order = { ...ORDER, outTradeNo, timeExpire: '2026-12-01T12:15:00+08:00' }
    const { prepayId } = ok(await h.client.prepayJsapi(order))
    clock += 16 * 60_000
    expect((await h.cashier({ prepayId, action: 'pay' })).status).toBe(400)
    expect(ok(await h.client.queryByOutTradeNo(outTradeNo)).tradeState).toBe('NOTPAY')
    expect(await h.client.prepayJsapi(order)).toMatchObject({ kind: 'rejected', code: 'OUT_TRADE_NO_USED' })
  })

  it('keeps an order without time_expire payable for 7 days, not longer', async () => {
    const a = h.outTradeNo()
    const b = h.outTradeNo()
    const first = ok(await h.client.prepayJsapi({ ...ORDER, outTradeNo: a }))
    const second = ok(await h.client.prepayJsapi({ ...ORDER, outTradeNo: b }))
    clock += 7 * 24 * 3600_000 - 60_000
    expect((await h.cashier({ prepayId: first.prepayId, action: 'pay', notify: false })).status).toBe(200)
    clock += 120_000
    expect((await h.cashier({ prepayId: second.prepayId, action: 'pay', notify: false })).status).toBe(400)
  })
})

describe('a 服务商 deployment (sp_mchid + sub_mchid)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({}, { subMchid: '1900000209' })
  })
  afterAll(() => h.close())

  it('pays through the partner endpoints and reads the sub-merchant back', async () => {
    const outTradeNo = h.outTradeNo()
    const { prepayId } = ok(await h.client.prepayJsapi({ ...ORDER, outTradeNo }))
    const { notifyId } = (await h.cashier({ prepayId, action: 'pay' })).json
    await h.simulator.idle()
    expect(ok(await h.client.queryByOutTradeNo(outTradeNo))).toMatchObject({ tradeState: 'SUCCESS', mchid: h.simulator.keys.mchid, subMchid: '1900000209', openid: ORDER.openid })
    const notify = h.receiver.accepted().find((n) => n.id === notifyId)
    expect(notify).toMatchObject({ eventType: 'TRANSACTION.SUCCESS', transaction: { outTradeNo, subMchid: '1900000209' } })
    expect(await h.client.close(outTradeNo)).toMatchObject({ kind: 'rejected', code: 'ORDERPAID' })
  })
})
