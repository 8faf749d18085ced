/**
 * A 商户号 is configuration only: the server started with WECHATPAY_* pointing at a standalone
 * WeChat Pay simulator (in this test process, real time) answers `cashier: 'wechat'` with signed
 * pay parameters, learns of the payment through its notify URL, and `npm run reconcile` runs in
 * the command itself against that WeChat Pay and the server's PostgreSQL. A cancel at that sheet
 * tells the server nothing; the app's cashierReturned makes it close the attempt there.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { findPersonById } from '@/services/mock/registry'
import { inShanghai } from '@/domain/time'
import { simulatorEnv } from '../../server/src/wechatpay/simulator/devEnv'
import { startWechatPaySimulator, type WechatPaySimulator } from '../../server/src/wechatpay/simulator/server'
import { newKey } from '../unit/contract/backendContract'
import { userClient } from './httpClient'
import { freePort, startPostgres, type Postgres } from './postgres'
import { startServerProcess, type ServerProcess } from './serverProcess'

const ROOT = resolve(__dirname, '..', '..')
let pg: Postgres
let simulator: WechatPaySimulator
let server: ServerProcess
let env: Record<string, string>
const keyDir = mkdtempSync(join(tmpdir(), 'yibao-wxpay-'))

beforeAll(async () => {
  pg = await startPostgres()
  simulator = await startWechatPaySimulator({ retryScheduleMs: [200] })
  const port = await freePort()
  env = { ...simulatorEnv(simulator, keyDir, `http://127.0.0.1:${port}/v1/wxpay/notify`), PORT: String(port), SIM_CLOCK_START: '' }
  server = await startServerProcess({ databaseUrl: pg.url, env })
}, 90_000)
afterAll(async () => {
  await server?.stop()
  await simulator?.close()
  await pg?.stop()
  rmSync(keyDir, { recursive: true, force: true })
}, 30_000)

it('pays through the configured WeChat Pay and reconciles the day from the command line', async () => {
  const user = await userClient(() => server.url(), 'demo')
  const p = findPersonById('p08')!
  const payer = await user.backend.lookupPayer({ mode: 'other', name: p.name, idType: p.idType, idNumber: p.idNumber })
  const year = (await user.backend.listDueItems({ payerRef: payer.payerRef })).resident!.years[0].coverageYear
  const order = await user.backend.createOrder({ idempotencyKey: newKey(), payerRef: payer.payerRef, selection: { kind: 'resident', coverageYear: year } })
  const start = await user.backend.startPayment({ orderId: order.orderId })
  expect(start.cashier).toBe('wechat')
  const prepayId = start.payParams.package.replace(/^prepay_id=/, '')
  // The payer at WeChat Pay's own sheet; the notify goes to the configured URL.
  const sheet = await fetch(`${simulator.baseUrl}/sim/cashier`, { method: 'POST', body: JSON.stringify({ prepayId, action: 'pay' }) })
  expect(((await sheet.json()) as { errMsg: string }).errMsg).toBe('requestPayment:ok')
  await simulator.idle()
  expect(simulator.deliveries.map((d) => d.status)).toEqual([204])
  let state = ''
  for (let i = 0; i < 50 && state !== 'paid' && state !== 'settled'; i++) {
    state = (await user.backend.queryOrder({ orderId: order.orderId })).state
    await new Promise((r) => setTimeout(r, 100))
  }
  expect(['paid', 'settled']).toContain(state)

  const date = inShanghai(Date.now()).format('YYYY-MM-DD')
  // Not spawnSync: the simulator answering the command lives in this process.
  const run = await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'tsx'), ['server/src/reconcileMain.ts', '--date', date], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env, DATABASE_URL: pg.url, DATA_DIR: keyDir, SIMULATORS: '1' },
  })
  expect(run.stderr).toBe('')
  expect(run.stdout).toContain(`${date} 对账一致`)
}, 60_000)

it("a cancel at WeChat Pay's sheet leaves the order paying until the app's cashierReturned; then it is payable again", async () => {
  const user = await userClient(() => server.url(), 'demo')
  const p = findPersonById('p06')!
  const payer = await user.backend.lookupPayer({ mode: 'other', name: p.name, idType: p.idType, idNumber: p.idNumber })
  const year = (await user.backend.listDueItems({ payerRef: payer.payerRef })).resident!.years[0].coverageYear
  const order = await user.backend.createOrder({ idempotencyKey: newKey(), payerRef: payer.payerRef, selection: { kind: 'resident', coverageYear: year } })
  const sheet = async (prepayId: string, action: 'pay' | 'cancel') => {
    const answer = await fetch(`${simulator.baseUrl}/sim/cashier`, { method: 'POST', body: JSON.stringify({ prepayId, action }) })
    return ((await answer.json()) as { errMsg: string }).errMsg
  }
  const prepayOf = (start: { payParams: { package: string } }) => start.payParams.package.replace(/^prepay_id=/, '')
  const first = await user.backend.startPayment({ orderId: order.orderId })
  expect(await sheet(prepayOf(first), 'cancel')).toBe('requestPayment:fail cancel')
  // WeChat Pay keeps the attempt NOTPAY: the server's own query cannot tell a cancel from a payer still at the sheet.
  expect((await user.backend.queryOrder({ orderId: order.orderId })).state).toBe('paying')

  const returned = await user.backend.cashierReturned({ orderId: order.orderId, result: 'cancel' })
  expect(returned).toMatchObject({ state: 'pending', attempts: 1, moneyTaken: false })
  expect(await user.backend.cashierReturned({ orderId: order.orderId, result: 'cancel' })).toEqual(returned)

  const second = await user.backend.startPayment({ orderId: order.orderId })
  expect(second).toMatchObject({ cashier: 'wechat', order: { state: 'paying', attempts: 2 } })
  expect(second.attemptId).not.toBe(first.attemptId)
  expect(prepayOf(second)).not.toBe(prepayOf(first))
  // The closed attempt cannot be paid any more; the new one can.
  expect(await sheet(prepayOf(first), 'pay')).not.toBe('requestPayment:ok')
  expect(await sheet(prepayOf(second), 'pay')).toBe('requestPayment:ok')
  let state = ''
  for (let i = 0; i < 50 && state !== 'paid' && state !== 'settled'; i++) {
    state = (await user.backend.queryOrder({ orderId: order.orderId })).state
    await new Promise((r) => setTimeout(r, 100))
  }
  expect(['paid', 'settled']).toContain(state)
}, 60_000)
