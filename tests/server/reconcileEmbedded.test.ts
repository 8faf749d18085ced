/**
 * `npm run reconcile -- --date` as production runs it on the embedded database: a server with a
 * 商户号 (WECHATPAY_* pointing at a standalone WeChat Pay simulator in this test process, real
 * time) on PGlite in DATA_DIR takes payments and is stopped; differences are planted in its data
 * folder; the real command, run on that folder with the same WECHATPAY_*, prints each of them,
 * stores them and exits 0. Without --date it exits 1 with its usage line.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { findPersonById } from '@/services/mock/registry'
import { inShanghai } from '@/domain/time'
import { simulatorEnv } from '../../server/src/wechatpay/simulator/devEnv'
import { startWechatPaySimulator, type WechatPaySimulator } from '../../server/src/wechatpay/simulator/server'
import { newKey } from '../unit/contract/backendContract'
import { dumpPglite } from './dump'
import { userClient } from './httpClient'
import { freePort } from './postgres'
import { startServerProcess, type ServerProcess } from './serverProcess'

const ROOT = resolve(__dirname, '..', '..')
let simulator: WechatPaySimulator
let server: ServerProcess
let env: Record<string, string>
const keyDir = mkdtempSync(join(tmpdir(), 'yibao-wxpay-'))

beforeAll(async () => {
  simulator = await startWechatPaySimulator({ retryScheduleMs: [200] })
  const port = await freePort()
  env = { ...simulatorEnv(simulator, keyDir, `http://127.0.0.1:${port}/v1/wxpay/notify`), PORT: String(port), SIM_CLOCK_START: '' }
  server = await startServerProcess({ env })
}, 90_000)
afterAll(async () => {
  await server?.stop()
  await simulator?.close()
  rmSync(keyDir, { recursive: true, force: true })
}, 30_000)

/** An order for a demo person, started, and paid at WeChat Pay's sheet (its notify sent or not). */
async function paidAtWechat(personId: string, notify: boolean) {
  const user = await userClient(() => server.url(), 'demo')
  const p = findPersonById(personId)!
  const payer = await user.backend.lookupPayer({ mode: 'other', name: p.name, idType: p.idType, idNumber: p.idNumber })
  const year = (await user.backend.listDueItems({ payerRef: payer.payerRef })).resident!.years[0].coverageYear
  const order = await user.backend.createOrder({ idempotencyKey: newKey(), payerRef: payer.payerRef, selection: { kind: 'resident', coverageYear: year } })
  const start = await user.backend.startPayment({ orderId: order.orderId })
  const sheet = await fetch(`${simulator.baseUrl}/sim/cashier`, { method: 'POST', body: JSON.stringify({ prepayId: start.payParams.package.replace(/^prepay_id=/, ''), action: 'pay', notify }) })
  expect(((await sheet.json()) as { errMsg: string }).errMsg).toBe('requestPayment:ok')
  await simulator.idle()
  return { user, order, attempt: start }
}

/** The real command, in a process of its own, on the stopped server's data folder. */
async function reconcileCommand(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const commandEnv: NodeJS.ProcessEnv = { ...process.env, ...env, DATA_DIR: server.dataDir }
  delete commandEnv.DATABASE_URL
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'reconcile', '--', ...args], { cwd: ROOT, encoding: 'utf8', env: commandEnv })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

it('reconciles the embedded database of a stopped server and prints each planted difference', async () => {
  const matching = await paidAtWechat('p08', true)
  let state = ''
  for (let i = 0; i < 50 && state !== 'paid' && state !== 'settled'; i++) {
    state = (await matching.user.backend.queryOrder({ orderId: matching.order.orderId })).state
    await new Promise((r) => setTimeout(r, 100))
  }
  expect(['paid', 'settled']).toContain(state)
  // Paid at WeChat Pay, its notify never sent, and the server stopped before its query job looks.
  const unheard = await paidAtWechat('p09', false)
  await server.halt()

  const now = Date.now()
  const billDate = inShanghai(now).format('YYYY-MM-DD')
  const { attemptId, amountFen } = matching.attempt
  dumpPglite(server.dataDir, `
    UPDATE payment_attempts SET amount_fen = amount_fen + 100 WHERE attempt_id = '${attemptId}';
    INSERT INTO payment_attempts (attempt_id, order_id, out_trade_no, amount_fen, state, openid, created_at, updated_at, paid_at, transaction_id)
      VALUES ('PAplanted00000001', '${matching.order.orderId}', 'PAplanted00000001', 12300, 'extra', 'oPlanted', ${now}, ${now}, ${now}, '4200planted');`)

  const run = await reconcileCommand(['--date', billDate])
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  const yuan = (fen: number) => (fen / 100).toFixed(2)
  expect(run.stdout).toContain(`${billDate} 对账差异 3 条`)
  expect(run.stdout).toContain(`微信支付有、本系统无\t${unheard.attempt.attemptId}\t\t${yuan(unheard.attempt.amountFen)}\t`)
  expect(run.stdout).toContain('本系统有、微信支付无\tPAplanted00000001\t\t\t123.00')
  expect(run.stdout).toContain(`支付金额不一致\t${attemptId}\t\t${yuan(amountFen)}\t${yuan(amountFen + 100)}`)
  const stored = dumpPglite(server.dataDir).reconcile_differences.map((d) => [d.kind, d.out_trade_no]).sort()
  expect(stored).toEqual([
    ['paid-at-wechat-only', unheard.attempt.attemptId],
    ['paid-here-only', 'PAplanted00000001'],
    ['payment-amount-differs', attemptId],
  ])
}, 90_000)

it('exits 1 with its usage line when the date is missing', async () => {
  const run = await reconcileCommand([])
  expect(run.code).toBe(1)
  expect(run.stderr).toContain('用法：npm run reconcile -- --date YYYY-MM-DD')
  expect(run.stdout).toBe('')
}, 60_000)
