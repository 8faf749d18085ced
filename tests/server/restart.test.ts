/** The embedded database keeps everything in DATA_DIR: a restart between any two calls loses nothing. */
import { newKey } from '../unit/contract/backendContract'
import { lookupOther, userClient } from './httpClient'
import { startServerProcess, type ServerProcess } from './serverProcess'

let server: ServerProcess
beforeAll(async () => {
  server = await startServerProcess()
}, 60_000)
afterAll(() => server?.stop())

it('keeps sessions, payers, orders, attempts, receipts and share tokens across restarts', async () => {
  const user = await userClient(server.url, 'demo')
  const api = user.backend
  const self = await api.lookupPayer({ mode: 'self' })
  const other = await lookupOther(api)
  const year = (await api.listDueItems({ payerRef: self.payerRef })).resident!.years[0].coverageYear
  const request = { idempotencyKey: newKey(), payerRef: self.payerRef, selection: { kind: 'resident' as const, coverageYear: year } }
  const order = await api.createOrder(request)
  const share = await api.createShareToken({ payerRef: other.payerRef, selection: { kind: 'resident', coverageYear: year } })

  await server.restart()
  // The same token, the same refs, the same order for the same key.
  expect(await api.lookupPayer({ mode: 'ref', payerRef: self.payerRef })).toEqual(self)
  expect((await api.createOrder(request)).orderId).toBe(order.orderId)
  expect((await api.listDueItems({ payerRef: self.payerRef })).openOrderId).toBe(order.orderId)
  const started = await api.startPayment({ orderId: order.orderId })

  await server.restart()
  expect((await api.startPayment({ orderId: order.orderId })).attemptId).toBe(started.attemptId)
  await user.pay(started.attemptId, 'pay')

  await server.restart()
  const paid = await api.queryOrder({ orderId: order.orderId })
  expect(paid.state).toBe('paid')
  expect(paid.attempts).toBe(1)
  const receipt = await api.getReceipt({ orderId: order.orderId })

  await server.restart()
  expect(await api.getReceipt({ orderId: order.orderId })).toEqual(receipt)
  expect((await api.listRecords({ payerRef: self.payerRef })).records.map((r) => r.orderId)).toContain(order.orderId)
  expect((await api.openShareToken({ token: share.token })).payer.payerRef).toBe(other.payerRef)
  expect(server.startTimes).toHaveLength(5)
}, 90_000)
