/**
 * WeChat Pay v3 at the wire, end to end over loopback: the server process, its simulator (which
 * signs, encrypts and delivers notifies as WeChat Pay does) and a real PostgreSQL whose tables
 * the test reads directly.
 */
import { wechatPayOnPostgres } from './wechatpayWorld'

const { on, world } = wechatPayOnPostgres()
beforeEach(() => world.reset())

it('happy path: the notify (204) records the payment once, the booking job makes it 已缴费 with a receipt', async () => {
  const { start, sheet, query, order } = await world.orderFor('p08')
  const attempt = await start()
  const answer = await sheet(attempt.attemptId, 'pay')
  expect(answer).toMatchObject({ result: 'ok', deliveries: [204] })
  expect(await on.db.inbox(attempt.attemptId)).toEqual([expect.objectContaining({ notify_id: answer.notifyId, outcome: 'accepted', flagged: false })])
  expect(await on.db.attempt(attempt.attemptId)).toMatchObject({ state: 'paid', transaction_id: expect.stringMatching(/^4200\d{24}$/) })
  expect((await on.db.order(order.orderId)).state).toBe('paid')
  expect(await on.db.receipts(order.orderId)).toHaveLength(1)
  expect((await query()).state).toBe('paid')
})

it('cancel: WeChat Pay leaves the attempt NOTPAY; the server closes it, the order is payable again and a new attempt pays it', async () => {
  const { start, sheet, query, order } = await world.orderFor('p08')
  const first = await start()
  expect(await sheet(first.attemptId, 'cancel')).toMatchObject({ result: 'cancel', errMsg: 'requestPayment:fail cancel' })
  expect((await on.db.attempt(first.attemptId)).state).toBe('cancelled')
  expect((await on.db.order(order.orderId)).state).toBe('pending')
  // Closed at WeChat Pay too: the old sheet can no longer take money.
  expect(await sheet(first.attemptId, 'pay')).toMatchObject({ result: 'fail' })
  const second = await start()
  expect(second.attemptId).not.toBe(first.attemptId)
  await sheet(second.attemptId, 'pay')
  expect(await query()).toMatchObject({ state: 'paid', attempts: 2 })
})

it('fail: a refused debit closes the attempt; 缴费失败 with the reason, no money taken', async () => {
  const { start, sheet, order } = await world.orderFor('p10') // 孙丽: 余额不足
  const attempt = await start()
  expect(await sheet(attempt.attemptId, 'pay')).toMatchObject({ result: 'fail' })
  expect((await on.db.attempt(attempt.attemptId)).state).toBe('failed')
  expect(await on.db.order(order.orderId)).toMatchObject({ state: 'failed', fail_reason: '银行卡余额不足', money_taken: false })
})

it('no notify: the query job asks WeChat Pay once the notify is overdue, and settles the order without any request', async () => {
  const { start, sheet, order } = await world.orderFor('p08')
  const attempt = await start()
  expect(await sheet(attempt.attemptId, 'pay', { notify: false })).toMatchObject({ result: 'ok', deliveries: [] })
  await world.advance(10_000)
  expect((await on.db.attempt(attempt.attemptId)).state).toBe('open')
  await world.advance(25_000) // past the 30 s the notify had
  expect((await on.db.attempt(attempt.attemptId)).state).toBe('paid')
  expect((await on.db.order(order.orderId)).state).toBe('paid')
  expect(await on.db.inbox(attempt.attemptId)).toHaveLength(0)
})

it('three concurrent duplicates of one notify: all answered 204, one inbox row, one receipt', async () => {
  const { start, sheet, order } = await world.orderFor('p08')
  const attempt = await start()
  const answer = await sheet(attempt.attemptId, 'pay', { deliveries: 3, concurrent: true })
  expect(answer.deliveries).toEqual([204, 204, 204])
  expect(await on.db.inbox(attempt.attemptId)).toHaveLength(1)
  expect(await on.db.receipts(order.orderId)).toHaveLength(1)
  expect((await on.db.order(order.orderId)).state).toBe('paid')
})

it.each([['forged'], ['stale'], ['probe']] as const)('a %s notify is refused with 401 and changes nothing', async (spoil) => {
  const { start, sheet, order } = await world.orderFor('p08')
  const attempt = await start()
  const answer = await sheet(attempt.attemptId, 'pay', { spoil })
  expect(answer.deliveries).toEqual([401])
  expect(await on.db.inbox(attempt.attemptId)).toHaveLength(0)
  expect((await on.db.attempt(attempt.attemptId)).state).toBe('open')
  expect((await on.db.order(order.orderId)).state).toBe('paying')
})

it('a notify claiming another amount is refused (400) and flagged; the attempt is not paid by it', async () => {
  const { start, sheet, order } = await world.orderFor('p08')
  const attempt = await start()
  const answer = await sheet(attempt.attemptId, 'pay', { amount: attempt.amountFen - 1 })
  expect(answer.deliveries).toEqual([400])
  expect(await on.db.inbox(attempt.attemptId)).toEqual([expect.objectContaining({ outcome: 'refused-amount', flagged: true })])
  expect((await on.db.attempt(attempt.attemptId)).state).toBe('open')
  expect((await on.db.order(order.orderId)).state).toBe('paying')
})

it('a notify naming another payer is refused (400) and flagged', async () => {
  const { start, sheet, order } = await world.orderFor('p08')
  const attempt = await start()
  const answer = await sheet(attempt.attemptId, 'pay', { openid: 'oSomebodyElse000000000000000' })
  expect(answer.deliveries).toEqual([400])
  expect(await on.db.inbox(attempt.attemptId)).toEqual([expect.objectContaining({ outcome: 'refused-openid', flagged: true })])
  expect((await on.db.attempt(attempt.attemptId)).state).toBe('open')
  expect((await on.db.order(order.orderId)).state).toBe('paying')
})

it('a second paid attempt of a paid order is refunded automatically; the order stays paid', async () => {
  const { start, sheet, query, order } = await world.orderFor('p08')
  const first = await start()
  await sheet(first.attemptId, 'cancel')
  const second = await start()
  await sheet(second.attemptId, 'pay')
  expect((await query()).state).toBe('paid')
  // The first sheet was already paying when the server closed it: WeChat Pay takes that money too.
  expect(await sheet(first.attemptId, 'pay', { evenIfClosed: true })).toMatchObject({ result: 'ok', deliveries: [204] })
  expect((await on.db.attempt(first.attemptId)).state).toBe('extra')
  await world.advance(5_000) // the simulator settles refunds after 1 s
  expect(await on.db.refunds(order.orderId)).toEqual([expect.objectContaining({ attempt_id: first.attemptId, state: 'succeeded', amount_fen: first.amountFen })])
  expect(await query()).toMatchObject({ state: 'paid', attempts: 2 })
})

it('a booking the tax system refuses: 待冲正, the refund sent and queried until it settles, then 已退款', async () => {
  const { start, sheet, query, order } = await world.orderFor('p12') // 欧阳娜娜: booking fails
  const attempt = await start()
  await sheet(attempt.attemptId, 'pay')
  expect(await query()).toMatchObject({ state: 'reversing', moneyTaken: true })
  expect(await on.db.refunds(order.orderId)).toEqual([expect.objectContaining({ state: 'processing' })])
  await world.advance(5_000)
  expect(await on.db.refunds(order.orderId)).toEqual([expect.objectContaining({ state: 'succeeded' })])
  expect((await query()).state).toBe('refunded')
})

it('a closed attempt paid after all while a newer one is open: the newer one ending leaves the order to that payment', async () => {
  const { start, sheet, order } = await world.orderFor('p11') // 周涛: the tax system confirms seconds later
  const first = await start()
  await sheet(first.attemptId, 'cancel')
  const second = await start()
  // The first sheet was already paying when the server closed it; its booking waits for the tax system.
  expect(await sheet(first.attemptId, 'pay', { evenIfClosed: true })).toMatchObject({ result: 'ok', deliveries: [204] })
  await sheet(second.attemptId, 'cancel')
  expect(await on.db.attempt(second.attemptId)).toMatchObject({ state: 'cancelled' })
  expect(await on.db.order(order.orderId)).toMatchObject({ state: 'paying' })
  await world.advance(10_000)
  expect(await on.db.order(order.orderId)).toMatchObject({ state: 'paid' })
  expect(await on.db.receipts(order.orderId)).toHaveLength(1)
  expect(await on.db.refunds(order.orderId)).toEqual([])
})
