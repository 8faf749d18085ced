/**
 * The whole journey with each kind of WeChat Pay key alone (the 2024–2025 migration): the server's
 * client loads only that kind and the simulator signs its answers and notifies with it, on the
 * embedded PGlite. A payment to its receipt and a refused booking to 已退款. Then the jobs across a
 * restart: a payment whose notify never came is settled by the query job of the restarted server.
 */
import { startServerProcess, type ServerProcess } from './serverProcess'
import { wechatPayWorld } from './wechatpayWorld'

describe.each([['public-key'], ['platform-certificate']])('WeChat Pay signing with the %s kind only', (kind) => {
  let server: ServerProcess
  const world = wechatPayWorld(() => server.url())
  beforeAll(async () => {
    server = await startServerProcess({ env: { WECHATPAY_SIM_SIGNER: kind } })
  }, 90_000)
  afterAll(() => server?.stop())

  it('pays to a receipt through a verified notify, and refunds a refused booking', async () => {
    const self = await world.orderFor('p08')
    const attempt = await self.start()
    expect(attempt.cashier).toBe('demo')
    expect(attempt.payParams).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=wx/) })
    expect(await self.sheet(attempt.attemptId, 'pay')).toMatchObject({ result: 'ok', deliveries: [204] })
    expect((await self.query()).state).toBe('paid')
    expect((await self.user.backend.getReceipt({ orderId: self.order.orderId })).taxVoucherNo).toMatch(/^\d{18,20}$/)

    const reversed = await world.orderFor('p12')
    await reversed.sheet((await reversed.start()).attemptId, 'pay')
    expect((await reversed.query()).state).toBe('reversing')
    await world.advance(5_000)
    expect((await reversed.query()).state).toBe('refunded')
  })
})

describe('jobs across a restart', () => {
  let server: ServerProcess
  const world = wechatPayWorld(() => server.url())
  beforeAll(async () => {
    server = await startServerProcess()
  }, 90_000)
  afterAll(() => server?.stop())

  it('settles a payment whose notify never came after the server restarts', async () => {
    const { start, sheet, query } = await world.orderFor('p08')
    const attempt = await start()
    await sheet(attempt.attemptId, 'pay', { notify: false })
    await server.restart()
    await world.advance(31_000) // the clock restarts too: 31 s past the start of the day
    expect((await query()).state).toBe('paid')
  }, 60_000)
})
