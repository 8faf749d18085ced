// Notifies over real HTTP: the simulator's cashier pays and delivers; a tiny receiver verifies the
// raw body and decrypts, as the server's notify route will. Duplicates, retries, late and missing
// notifies, forged / replayed / probe ones, the other key kind, a wrong amount.
import { E2E_TIMEOUT_MS, ORDER, ok, startHarness, type Harness } from './harness'

jest.setTimeout(E2E_TIMEOUT_MS)

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

async function paid(knobs: Record<string, unknown> = {}, total = ORDER.total) {
  const outTradeNo = h.outTradeNo()
  const { prepayId } = ok(await h.client.prepayJsapi({ ...ORDER, total, outTradeNo }))
  const answer = await h.cashier({ prepayId, action: 'pay', ...knobs })
  expect(answer.json.errMsg).toBe('requestPayment:ok')
  return { outTradeNo, notifyId: answer.json.notifyId }
}
const receiptsFor = (notifyId: string) => h.receiver.receipts.filter((r) => r.result.ok && r.result.notify.id === notifyId)
const deliveriesOf = (notifyId: string) => h.simulator.deliveries.filter((d) => d.notifyId === notifyId)

describe('the payment notify', () => {
  it('arrives once, verifies, decrypts to the paid transaction', async () => {
    const { outTradeNo, notifyId } = await paid()
    await h.simulator.idle()
    const [receipt] = receiptsFor(notifyId)
    expect(receiptsFor(notifyId)).toHaveLength(1)
    expect(receipt.status).toBe(204)
    if (!receipt.result.ok || receipt.result.notify.eventType !== 'TRANSACTION.SUCCESS') throw new Error('not a payment notify')
    const { transaction } = receipt.result.notify
    expect(transaction).toMatchObject({ outTradeNo, tradeState: 'SUCCESS', total: ORDER.total, openid: ORDER.openid, appid: 'wx8888888888888888' })
    expect(transaction).toEqual(ok(await h.client.queryByOutTradeNo(outTradeNo)))
    expect(receipt.result.notify.summary).toBe('支付成功')
  })

  it('delivers 3 concurrent duplicates with one id, and 2 sequential ones', async () => {
    const concurrent = await paid({ deliveries: 3, concurrent: true })
    const sequential = await paid({ deliveries: 2 })
    await h.simulator.idle()
    expect(receiptsFor(concurrent.notifyId)).toHaveLength(3)
    expect(receiptsFor(sequential.notifyId)).toHaveLength(2)
    expect(deliveriesOf(concurrent.notifyId).every((d) => d.status === 204 && d.attempt === 1)).toBe(true)
  })

  it('sends it again on a non-2xx answer, on the compressed schedule, until received', async () => {
    h.receiver.failNextNotifies(2)
    const { notifyId } = await paid()
    await h.simulator.idle()
    expect(deliveriesOf(notifyId).map((d) => [d.attempt, d.status])).toEqual([[1, 500], [2, 500], [3, 204]])
    const [first, , third] = deliveriesOf(notifyId)
    expect(third.at - first.at).toBeGreaterThanOrEqual(40)
  })

  it('can stay silent (the merchant must query) or come late, out of order', async () => {
    const silent = await paid({ notify: false })
    const late = await paid({ delayMs: 400 })
    const early = await paid({ delayMs: 0 })
    await h.simulator.idle()
    expect(deliveriesOf(silent.notifyId)).toHaveLength(0)
    expect(ok(await h.client.queryByOutTradeNo(silent.outTradeNo)).tradeState).toBe('SUCCESS')
    const order = h.simulator.deliveries.map((d) => d.notifyId)
    expect(order.indexOf(early.notifyId)).toBeLessThan(order.indexOf(late.notifyId))
  })

  it('carries a wrong amount when told, which the receiver can see against the attempt', async () => {
    const { outTradeNo, notifyId } = await paid({ amount: 1 })
    await h.simulator.idle()
    const [receipt] = receiptsFor(notifyId)
    if (!receipt.result.ok || receipt.result.notify.eventType !== 'TRANSACTION.SUCCESS') throw new Error('not a payment notify')
    expect(receipt.result.notify.transaction.total).toBe(1)
    expect(ok(await h.client.queryByOutTradeNo(outTradeNo)).total).toBe(ORDER.total)
  })
})

describe('notifies that must fail verification, harmlessly', () => {
  it.each([
    ['forged', 'bad-signature'],
    ['stale', 'stale-timestamp'],
    ['probe', 'probe'],
  ])('%s: refused with 401 every time, retried by the simulator, never opened', async (spoil, reason) => {
    const before = h.receiver.receipts.length
    const { notifyId } = await paid({ spoil })
    await h.simulator.idle()
    const mine = h.receiver.receipts.slice(before)
    expect(mine.map((r) => [r.status, r.result.ok ? 'opened' : r.result.reason])).toEqual(Array(4).fill([401, reason]))
    expect(deliveriesOf(notifyId).map((d) => d.status)).toEqual([401, 401, 401, 401])
  })
})

describe('both kinds of WeChat Pay key', () => {
  it('verifies a notify signed by the 平台证书 and one signed by the 微信支付公钥', async () => {
    const byCertificate = await paid({ signWith: 'platform-certificate' })
    h.simulator.useSigner('platform-certificate')
    const byPublicKey = await paid({ signWith: 'public-key' })
    const byCurrent = await paid()
    h.simulator.useSigner('public-key')
    await h.simulator.idle()
    for (const { notifyId } of [byCertificate, byPublicKey, byCurrent]) expect(receiptsFor(notifyId).map((r) => r.status)).toEqual([204])
  })
})
