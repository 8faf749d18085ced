// Tier 3 against the merchant server: the H5 build made with TARO_APP_BACKEND=http (dist/h5-server)
// in Chromium, its /v1/ and /sim/ calls forwarded to a real server process (embedded PostgreSQL in
// a fresh data folder, simulators on). 本人缴费 (the demo WeChat user 张建国) and 代他人缴费 reach
// 缴费成功 with a 电子税票号码 from the server, and the record is the server's; the family board shows
// each saved person's row from the server, and a row reaches 缴费成功 in 4 taps.
// 清除本机数据 ends the page’s session on the server.
/* global fetch */
import assert from 'node:assert/strict'
import { addFamilyByForm, lookUpOther, payFromItems, PEOPLE, selfToItems } from '../h5/helpers.mjs'
import { withOwnServer } from './ownServer.mjs'

const test = withOwnServer(import.meta.url)

/** The result page after the cashier: 缴费成功 and the server's 电子税票号码; then 缴费记录 lists it. */
async function expectPaid(app, amount) {
  await app.stationed('#outcome-title', { text: '缴费成功', timeout: 30_000 })
  assert.equal((await (await app.stationed('#paid-amount')).innerText()).trim(), amount)
  const voucher = (await (await app.stationed('#voucher-no')).innerText()).replace('电子税票号码', '').trim()
  assert.match(voucher, /^\d{8,}$/, 'a 电子税票号码 from the server')
  await app.shot('result')
  await app.tap('view-records', { to: '/packages/records/index' })
  const records = await app.stationed('#records', { text: amount })
  assert.match(await records.innerText(), /已缴费|已入库/)
  await app.shot('records')
  // The server itself holds the paid order, for the WeChat user the H5 preview logs in as.
  const fen = Math.round(Number(amount.replace(/[¥,]/g, '')) * 100)
  const { records: paid } = await rpcAsDemoUser('listRecords', {})
  const receipts = await Promise.all(paid.filter((r) => r.amountFen === fen && r.state !== 'pending').map((r) => rpcAsDemoUser('getReceipt', { orderId: r.orderId })))
  assert.ok(receipts.some((r) => r.taxVoucherNo === voucher), 'the server holds the paid order with that 电子税票号码')
}

/** One contract call to the server as the demo WeChat user (code `demo`, the one the H5 preview uses). */
async function rpcAsDemoUser(method, request) {
  const post = async (path, body, token) => {
    const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }
    const res = await fetch(`${process.env.H5_API}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
    return res.json()
  }
  const { token } = await post('/v1/session', { code: 'demo' })
  const answer = await post(`/v1/rpc/${method}`, request, token)
  assert.equal(answer.ok, true, JSON.stringify(answer))
  return answer.data
}

test('self', '本人缴费 against the server: 张*国 → ¥400.00 → demo cashier → 缴费成功', async (app) => {
  await selfToItems(app)
  await payFromItems(app, { amount: '¥400.00' })
  await expectPaid(app, '¥400.00')
})

test('proxy', '代他人缴费 against the server: 陈桂兰 (低保, 绵阳) pays her own part to 缴费成功', async (app) => {
  await lookUpOther(app, PEOPLE.p06)
  const total = (await (await app.stationed('#total')).innerText()).trim()
  await payFromItems(app, { amount: total })
  await expectPaid(app, total)
})

test('board', 'the family board against the server: saved family members, each row from the server, a row to 缴费成功 in 4 taps', async (app) => {
  // 常用缴费人: 李秀英 (paid), 何秀珍 (特困) and 张德明 (unpaid), verified by the server's lookup.
  await addFamilyByForm(app, [PEOPLE.p02, PEOPLE.p15, PEOPLE.p14])
  await app.open('/pages/home/index')
  // 本人 is paid when the journeys above ran first against this server.
  await app.stationed('#board-row-0', { text: '缴', timeout: 20_000 })
  assert.match(await (await app.stationed('#board-row-0')).innerText(), /本人[\s\S]*(未缴|已缴费)/)
  await app.stationed('#board-row-1', { text: '已', timeout: 20_000 })
  assert.match(await (await app.stationed('#board-row-1')).innerText(), /李\*英[\s\S]*(已缴费|已入库)/)
  await app.stationed('#board-row-2', { text: '无需个人缴费', timeout: 20_000 })
  await app.stationed('#board-row-3', { text: '未缴', timeout: 20_000 })
  await app.shot('board')

  app.resetTaps()
  await app.tap('board-row-3', { to: '/pages/items/index' })
  await app.stationed('#total', { text: '¥400.00' })
  await payFromItems(app, { amount: '¥400.00' })
  await app.stationed('#outcome-title', { text: '缴费成功', timeout: 30_000 })
  assert.equal(app.taps, 4, 'taps from the board row to 缴费成功')
  await app.stationed('#tracker-booked', { text: '税务入库' })
})

test('clear', '清除本机数据 against the server ends the page’s session there too', async (app) => {
  await app.open('/pages/home/index')
  // 本人缴费's lookup logs the page in (whatever it answers: 张建国 may have paid already above).
  const looked = app.page.waitForResponse((r) => r.url().endsWith('/v1/rpc/lookupPayer'))
  await app.tap('entry-self', { to: '/pages/payer/index' })
  assert.equal((await looked).status(), 200) // logged in: the token lives in the page's memory only
  // Back and on through the app (a page load would forget the token, not end it).
  await app.page.goBack()
  await app.tap('link-help', { to: '/packages/help/index' })
  await app.tap('link-privacy', { to: '/packages/help/privacy' })
  const ended = app.page.waitForResponse((r) => r.url().endsWith('/v1/session') && r.request().method() === 'DELETE')
  await app.tap('clear-local-data')
  await app.modal('清除本机数据')
  await app.tapModal('清除本机数据', '清除')
  await app.stationed('#clear-local-data[disabled]', { text: '本机数据已清除' })
  const response = await ended
  assert.equal(response.status(), 200)
  const token = response.request().headers().authorization?.replace(/^Bearer /, '')
  assert.ok(token, 'DELETE /v1/session carried the page’s token')
  const after = await fetch(`${process.env.H5_API}/v1/rpc/listRecords`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{}' })
  assert.equal(after.status, 401, 'the ended token opens nothing on the server')
})
