// The wiring the README gives for the server's notify route, on Fastify 5 itself: the body parsed
// as a Buffer (the exact signed bytes), openNotify, 204 or 4xx {code: FAIL}.
import Fastify from 'fastify'
import { createWechatPayClient } from '../../../server/src/wechatpay/client'
import { wechatPayConfig } from '../../../server/src/wechatpay/config'
import { notifyFailBody, openNotify, type OpenedNotify } from '../../../server/src/wechatpay/notify'
import { readSignatureHeaders } from '../../../server/src/wechatpay/verify'
import { startWechatPaySimulator } from '../../../server/src/wechatpay/simulator/server'
import { E2E_TIMEOUT_MS, ORDER, ok } from './harness'

jest.setTimeout(E2E_TIMEOUT_MS)

it('a Fastify route verifies the raw body: duplicates opened, a probe refused and retried', async () => {
  const simulator = await startWechatPaySimulator({ retryScheduleMs: [10] })
  const app = Fastify()
  const opened: OpenedNotify[] = []
  let config = wechatPayConfig(simulator.clientConfigInput({ notifyUrl: 'http://127.0.0.1:1/' }))
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))
  app.post('/v1/wxpay/notify', async (req, reply) => {
    const result = openNotify({
      headers: readSignatureHeaders((name) => req.headers[name] as string | undefined),
      rawBody: req.body as Buffer,
      verifier: config.verifier,
      apiV3Key: config.apiV3Key,
      nowSeconds: Math.floor(Date.now() / 1000),
    })
    if (!result.ok) return reply.code(result.status).type('application/json').send(notifyFailBody(result.reason))
    opened.push(result.notify)
    return reply.code(204).send()
  })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  try {
    config = wechatPayConfig(simulator.clientConfigInput({ notifyUrl: `${address}/v1/wxpay/notify` }))
    const client = createWechatPayClient(config)
    const pay = async (knobs: object) => {
      const { prepayId } = ok(await client.prepayJsapi({ ...ORDER, outTradeNo: `YBFASTIFY${Math.floor(Math.random() * 1e9)}` }))
      await fetch(`${simulator.baseUrl}/sim/cashier`, { method: 'POST', body: JSON.stringify({ prepayId, action: 'pay', ...knobs }) })
    }
    await pay({ deliveries: 2, concurrent: true })
    await pay({ spoil: 'probe' })
    await simulator.idle()
    expect(opened).toHaveLength(2)
    expect(opened[0].id).toBe(opened[1].id)
    expect(simulator.deliveries.map((d) => d.status).sort()).toEqual([204, 204, 401, 401])
  } finally {
    await app.close()
    await simulator.close()
  }
})
