/**
 * The demo payment provider: WeChat Pay's states without WeChat. Its cashier (POST /sim/cashier)
 * plays the user at the payment sheet. A cancelled sheet closes the demo transaction, so the
 * server learns of it on its next query (the real provider only reports NOTPAY then).
 */
import { createHmac, randomBytes } from 'node:crypto'
import type { Clock } from '../../../src/domain/time'
import type { Db } from '../db/database'
import type { AttemptStatus, PaymentProvider } from './port'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS paysim_transactions (
  out_trade_no   text PRIMARY KEY,
  prepay_id      text NOT NULL UNIQUE,
  amount_fen     integer NOT NULL,
  openid         text NOT NULL,
  state          text NOT NULL,
  fail_reason    text,
  transaction_id text UNIQUE,
  paid_at        bigint,
  created_at     bigint NOT NULL
);`

export const PAY_SIM_TABLES = ['paysim_transactions']

export type CashierAction = 'pay' | 'cancel' | 'fail'
/** What requestPayment would report to the app. */
export interface CashierOutcome {
  result: 'ok' | 'cancel' | 'fail'
  errMsg: string
}

interface TransactionRow {
  out_trade_no: string
  state: AttemptStatus['state']
  fail_reason: string | null
  transaction_id: string | null
  paid_at: number | null
  amount_fen: number
}

const DEMO_APP_ID = 'wx_demo_app'

export async function createDemoPaymentProvider(pool: Db, clock: Clock) {
  await pool.query(SCHEMA)
  const signKey = randomBytes(32)

  const provider: PaymentProvider = {
    cashier: 'demo',

    async createAttempt({ outTradeNo, amountFen, openid }) {
      const prepayId = `demo_${outTradeNo}`
      await pool.query(
        "INSERT INTO paysim_transactions (out_trade_no, prepay_id, amount_fen, openid, state, created_at) VALUES ($1, $2, $3, $4, 'NOTPAY', $5) ON CONFLICT (out_trade_no) DO NOTHING",
        [outTradeNo, prepayId, amountFen, openid, clock()],
      )
      const timeStamp = String(Math.floor(clock() / 1000))
      const nonceStr = randomBytes(12).toString('hex')
      const pkg = `prepay_id=${prepayId}`
      // Shaped like WeChat's paySign (over appId, timeStamp, nonceStr, package); the demo cashier ignores it.
      const paySign = createHmac('sha256', signKey).update(`${DEMO_APP_ID}\n${timeStamp}\n${nonceStr}\n${pkg}\n`).digest('base64')
      return { prepayId, payParams: { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign } }
    },

    async query(outTradeNo) {
      const row = (await pool.query<TransactionRow>('SELECT * FROM paysim_transactions WHERE out_trade_no = $1', [outTradeNo])).rows[0]
      if (!row || row.state === 'NOTPAY') return { state: 'NOTPAY' }
      if (row.state === 'SUCCESS') return { state: 'SUCCESS', transactionId: row.transaction_id!, paidAt: row.paid_at!, amountFen: row.amount_fen }
      if (row.state === 'PAYERROR') return { state: 'PAYERROR', reason: row.fail_reason ?? '支付失败' }
      return { state: 'CLOSED' }
    },

    async close(outTradeNo) {
      await pool.query("UPDATE paysim_transactions SET state = 'CLOSED' WHERE out_trade_no = $1 AND state = 'NOTPAY'", [outTradeNo])
    },
  }

  /** The user at the payment sheet. `declined`: the bank refuses the debit (余额不足). */
  async function cashier(prepayId: string, action: CashierAction, declined: boolean): Promise<CashierOutcome> {
    const stale: CashierOutcome = { result: 'fail', errMsg: 'requestPayment:fail 订单已失效' }
    if (action === 'cancel') {
      const { rowCount } = await pool.query("UPDATE paysim_transactions SET state = 'CLOSED' WHERE prepay_id = $1 AND state = 'NOTPAY'", [prepayId])
      return rowCount ? { result: 'cancel', errMsg: 'requestPayment:fail cancel' } : stale
    }
    if (action === 'fail' || declined) {
      const { rowCount } = await pool.query("UPDATE paysim_transactions SET state = 'PAYERROR', fail_reason = '银行卡余额不足' WHERE prepay_id = $1 AND state = 'NOTPAY'", [prepayId])
      return rowCount ? { result: 'fail', errMsg: 'requestPayment:fail 余额不足' } : stale
    }
    const { rowCount } = await pool.query(
      "UPDATE paysim_transactions SET state = 'SUCCESS', transaction_id = $2, paid_at = $3 WHERE prepay_id = $1 AND state = 'NOTPAY'",
      [prepayId, `42${randomBytes(14).toString('hex')}`, clock()],
    )
    return rowCount ? { result: 'ok', errMsg: 'requestPayment:ok' } : stale
  }

  /** Which attempt a prepay id belongs to, so the simulator world can ask about its payer. */
  async function outTradeNoOf(prepayId: string): Promise<string | undefined> {
    return (await pool.query<{ out_trade_no: string }>('SELECT out_trade_no FROM paysim_transactions WHERE prepay_id = $1', [prepayId])).rows[0]?.out_trade_no
  }

  return { provider, cashier, outTradeNoOf }
}
