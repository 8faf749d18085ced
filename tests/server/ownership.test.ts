/**
 * Login, HTTP behaviour and ownership: each WeChat user sees only what they created; a share
 * token is the one way across, and it gives the opener the item, nothing else of the sharer.
 */
import { expectBackendError, newKey } from '../unit/contract/backendContract'
import { lookupOther, postJson, userClient } from './httpClient'
import { serverForThisFile } from './serverProcess'

const server = serverForThisFile({ resetEachTest: true })


/** 张建国 pays 2027 for 陈嘉欣 and shares her next item; returns what a stranger must not reach. */
async function sharerWithHistory() {
  const sharer = await userClient(server.url, 'demo')
  const payer = await lookupOther(sharer.backend)
  const due = await sharer.backend.listDueItems({ payerRef: payer.payerRef })
  const year = due.resident!.years[0].coverageYear
  const order = await sharer.backend.createOrder({ idempotencyKey: newKey(), payerRef: payer.payerRef, selection: { kind: 'resident', coverageYear: year } })
  const started = await sharer.backend.startPayment({ orderId: order.orderId })
  await sharer.pay(started.attemptId, 'pay')
  expect((await sharer.backend.queryOrder({ orderId: order.orderId })).state).toBe('paid')
  const self = await sharer.backend.lookupPayer({ mode: 'self' })
  const selfYear = (await sharer.backend.listDueItems({ payerRef: self.payerRef })).resident!.years[0].coverageYear
  const share = await sharer.backend.createShareToken({ payerRef: self.payerRef, selection: { kind: 'resident', coverageYear: selfYear } })
  return { sharer, payerRef: payer.payerRef, selfRef: self.payerRef, orderId: order.orderId, share }
}

describe('login and HTTP', () => {
  it('answers health, refuses a missing or unknown token with 401, an unknown method with 404', async () => {
    expect((await fetch(`${server.url()}/healthz`)).status).toBe(200)
    const noToken = await postJson(`${server.url()}/v1/rpc/queryOrder`, { orderId: 'OD_abcdefgh' })
    expect(noToken.status).toBe(401)
    expect(noToken.body).toMatchObject({ ok: false, error: { code: 'SESSION_EXPIRED' } })
    const forged = await postJson(`${server.url()}/v1/rpc/queryOrder`, { orderId: 'OD_abcdefgh' }, { authorization: 'Bearer not-a-real-token' })
    expect(forged.status).toBe(401)
    const user = await userClient(server.url, 'demo')
    const unknown = await postJson(`${server.url()}/v1/rpc/deleteEverything`, {}, { authorization: `Bearer ${user.token()}` })
    expect(unknown.status).toBe(404)
  })

  it('lets a loopback page (the H5 preview) call across origins, and no other origin', async () => {
    const preflight = (origin: string) => fetch(`${server.url()}/v1/rpc/listRecords`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } })
    const local = await preflight('http://127.0.0.1:10086')
    expect(local.status).toBe(204)
    expect(local.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:10086')
    expect(local.headers.get('access-control-allow-headers')).toContain('authorization')
    const foreign = await preflight('https://evil.example.com')
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('expires a session with time, and a new login works again', async () => {
    const user = await userClient(server.url, 'wx-user-expiry')
    expect((await user.backend.listRecords({})).records).toEqual([])
    await postJson(`${server.url()}/sim/clock`, { advanceMs: 8 * 24 * 3_600_000 })
    const expired = await postJson(`${server.url()}/v1/rpc/listRecords`, {}, { authorization: `Bearer ${user.token()}` })
    expect(expired.status).toBe(401)
    await user.relogin()
    expect((await user.backend.listRecords({})).records).toEqual([])
  })

  it('rejects login codes outside 1–64 characters; the same code is the same user', async () => {
    expect((await postJson(`${server.url()}/v1/session`, { code: '' })).status).toBe(400)
    expect((await postJson(`${server.url()}/v1/session`, { code: 'x'.repeat(65) })).status).toBe(400)
    const first = await userClient(server.url, 'same-wechat-user')
    const payer = await lookupOther(first.backend)
    const again = await userClient(server.url, 'same-wechat-user')
    expect((await again.backend.lookupPayer({ mode: 'ref', payerRef: payer.payerRef })).payerRef).toBe(payer.payerRef)
  })

  it('gives 本人缴费 to the real-name demo user only; others are told to bind real name or pay for someone', async () => {
    const demo = await userClient(server.url, 'demo')
    expect((await demo.backend.lookupPayer({ mode: 'self' })).isSelf).toBe(true)
    const stranger = await userClient(server.url, 'wx-no-real-name')
    const e = await expectBackendError(stranger.backend.lookupPayer({ mode: 'self' }), ['REALNAME_REQUIRED'])
    expect(e.message).toContain('实名')
    expect(e.message).toContain('代他人缴费')
    expect((await lookupOther(stranger.backend)).isSelf).toBe(false)
  })

  it('tells the app which cashier to open', async () => {
    const user = await userClient(server.url, 'demo')
    const self = await user.backend.lookupPayer({ mode: 'self' })
    const year = (await user.backend.listDueItems({ payerRef: self.payerRef })).resident!.years[0].coverageYear
    const order = await user.backend.createOrder({ idempotencyKey: newKey(), payerRef: self.payerRef, selection: { kind: 'resident', coverageYear: year } })
    const raw = await postJson(`${server.url()}/v1/rpc/startPayment`, { orderId: order.orderId }, { authorization: `Bearer ${user.token()}` })
    expect(raw.body).toMatchObject({ ok: true, data: { cashier: 'demo' } })
  })
})

describe('ownership', () => {
  it("keeps another user's orders, records, receipts and payer refs out of reach", async () => {
    const { payerRef, orderId } = await sharerWithHistory()
    const stranger = await userClient(server.url, 'wx-stranger')
    await expectBackendError(stranger.backend.queryOrder({ orderId }), ['ORDER_NOT_FOUND'])
    await expectBackendError(stranger.backend.startPayment({ orderId }), ['ORDER_NOT_FOUND'])
    await expectBackendError(stranger.backend.getReceipt({ orderId }), ['ORDER_NOT_FOUND'])
    await expectBackendError(stranger.backend.lookupPayer({ mode: 'ref', payerRef }), ['NOT_REGISTERED'])
    await expectBackendError(stranger.backend.listDueItems({ payerRef }), ['NOT_REGISTERED'])
    await expectBackendError(stranger.backend.listRecords({ payerRef }), ['NOT_REGISTERED'])
    await expectBackendError(stranger.backend.createOrder({ idempotencyKey: newKey(), payerRef, selection: { kind: 'resident', coverageYear: 2027 } }), ['NOT_REGISTERED'])
    await expectBackendError(stranger.backend.createShareToken({ payerRef, selection: { kind: 'resident', coverageYear: 2027 } }), ['NOT_REGISTERED'])
    expect((await stranger.backend.listRecords({})).records).toEqual([])
    // Looking the same person up gives the stranger a ref of their own, with none of the sharer's history.
    const own = await lookupOther(stranger.backend)
    expect(own.payerRef).not.toBe(payerRef)
    expect((await stranger.backend.listRecords({ payerRef: own.payerRef })).records.map((r) => r.orderId)).not.toContain(orderId)
  })

  it("will not let another user close an attempt of someone else's order (cashierReturned)", async () => {
    const owner = await userClient(server.url, 'demo')
    const self = await owner.backend.lookupPayer({ mode: 'self' })
    const year = (await owner.backend.listDueItems({ payerRef: self.payerRef })).resident!.years[0].coverageYear
    const order = await owner.backend.createOrder({ idempotencyKey: newKey(), payerRef: self.payerRef, selection: { kind: 'resident', coverageYear: year } })
    const started = await owner.backend.startPayment({ orderId: order.orderId })
    const stranger = await userClient(server.url, 'wx-stranger')
    await expectBackendError(stranger.backend.cashierReturned({ orderId: order.orderId, result: 'cancel' }), ['ORDER_NOT_FOUND'])
    // The owner's attempt is still open: the same one is handed back.
    expect((await owner.backend.startPayment({ orderId: order.orderId })).attemptId).toBe(started.attemptId)
  })

  it("lets a share token's opener see and pay that item, and nothing else of the sharer", async () => {
    const { sharer, selfRef, orderId, share } = await sharerWithHistory()
    const family = await userClient(server.url, 'wx-family-member')
    const opened = await family.backend.openShareToken({ token: share.token })
    expect(opened.payer.payerRef).not.toBe(selfRef)
    expect(opened.payer.isSelf).toBe(false)
    expect(opened.due.openOrderId).toBeUndefined()
    expect((await family.backend.listRecords({})).records).toEqual([])
    await expectBackendError(family.backend.queryOrder({ orderId }), ['ORDER_NOT_FOUND'])
    const order = await family.backend.createOrder({ idempotencyKey: newKey(), payerRef: opened.payer.payerRef, selection: opened.selection })
    const started = await family.backend.startPayment({ orderId: order.orderId })
    await family.pay(started.attemptId, 'pay')
    expect((await family.backend.queryOrder({ orderId: order.orderId })).state).toBe('paid')
    // The family member's order is theirs: the sharer sees the period paid, not the order.
    await expectBackendError(sharer.backend.queryOrder({ orderId: order.orderId }), ['ORDER_NOT_FOUND'])
    await expectBackendError(sharer.backend.openShareToken({ token: share.token }), ['SHARE_USED'])
  })
})
