/**
 * Reconciliation finds each planted difference, and only those: a payment WeChat Pay took that
 * the server has not heard of, an attempt the server holds as paid that WeChat Pay never saw, and
 * an amount that differs. `npm run reconcile -- --date` prints them; the table keeps them.
 */
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { CONTRACT_DAY } from './serverProcess'
import { wechatPayOnPostgres } from './wechatpayWorld'

const ROOT = resolve(__dirname, '..', '..')
const BILL_DATE = '2026-11-23' // CONTRACT_DAY in Asia/Shanghai

const { on, world } = wechatPayOnPostgres()

function reconcile(): string {
  const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['server/src/reconcileMain.ts', '--date', BILL_DATE], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: on.pg.url, DATA_DIR: on.server.dataDir, SIMULATORS: '1', WECHATPAY_MCHID: '' },
  })
  if (run.status !== 0) throw new Error(`reconcile failed: ${run.stderr}`)
  return run.stdout
}

it('finds the payment only WeChat Pay has, the one only the server has, and the amount that differs', async () => {
  const matching = await world.orderFor('p08')
  const paid = await matching.start()
  await matching.sheet(paid.attemptId, 'pay')
  const refunded = await world.orderFor('p12') // paid, refused by the tax system, refunded: both sides agree
  await refunded.sheet((await refunded.start()).attemptId, 'pay')
  await world.advance(5_000)
  expect((await refunded.query()).state).toBe('refunded')

  const unheard = await world.orderFor('p09')
  const unheardAttempt = await unheard.start()
  await unheard.sheet(unheardAttempt.attemptId, 'pay', { notify: false }) // and nobody asks before the bill
  const differing = await world.orderFor('p06')
  const differingAttempt = await differing.start()
  await differing.sheet(differingAttempt.attemptId, 'pay')
  await on.db.rows('UPDATE payment_attempts SET amount_fen = amount_fen + 100 WHERE attempt_id = $1', [differingAttempt.attemptId])
  await on.db.rows(
    "INSERT INTO payment_attempts (attempt_id, order_id, out_trade_no, amount_fen, state, openid, created_at, updated_at, paid_at, transaction_id) VALUES ('PAplanted00000001', $1, 'PAplanted00000001', 12300, 'extra', 'oPlanted', $2, $2, $2, '4200planted')",
    [matching.order.orderId, Date.parse(CONTRACT_DAY)],
  )

  const printed = reconcile()
  expect(printed).toContain('对账差异 3 条')
  expect(printed).toMatch(new RegExp(`微信支付有、本系统无\\t${unheardAttempt.attemptId}\\t\\t${(unheardAttempt.amountFen / 100).toFixed(2)}\\t`))
  expect(printed).toContain('本系统有、微信支付无\tPAplanted00000001\t\t\t123.00')
  expect(printed).toContain(`支付金额不一致\t${differingAttempt.attemptId}\t\t${(differingAttempt.amountFen / 100).toFixed(2)}\t${(differingAttempt.amountFen / 100 + 1).toFixed(2)}`)
  const stored = await on.db.rows<{ kind: string; out_trade_no: string }>('SELECT kind, out_trade_no FROM reconcile_differences WHERE bill_date = $1 ORDER BY kind', [BILL_DATE])
  expect(stored).toEqual([
    { kind: 'paid-at-wechat-only', out_trade_no: unheardAttempt.attemptId },
    { kind: 'paid-here-only', out_trade_no: 'PAplanted00000001' },
    { kind: 'payment-amount-differs', out_trade_no: differingAttempt.attemptId },
  ])

  // Once the query job has heard of the unheard payment and the planted rows are gone, the day agrees.
  await on.db.rows("DELETE FROM payment_attempts WHERE attempt_id = 'PAplanted00000001'")
  await on.db.rows('UPDATE payment_attempts SET amount_fen = amount_fen - 100 WHERE attempt_id = $1', [differingAttempt.attemptId])
  await world.advance(31_000)
  expect((await unheard.query()).state).toBe('paid')
  expect(reconcile()).toContain(`${BILL_DATE} 对账一致`)
}, 60_000)
