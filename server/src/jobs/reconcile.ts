/**
 * Daily reconciliation: the day's trade bill from WeChat Pay against the attempts and refunds the
 * server holds for that Asia/Shanghai day; every difference is stored for an operator
 * (reconcile_differences) and printed by `npm run reconcile -- --date YYYY-MM-DD`.
 */
import dayjs from 'dayjs'
import { inShanghai } from '../../../src/domain/time'
import { inTransaction, type Db } from '../db/database'
import type { PaymentProvider } from '../pay/port'
import { compareTradeBill, fenToYuan, type BillDifference } from '../wechatpay'
import type { Worker } from './queue'

const DAY_MS = 86_400_000

/** Midnight of an Asia/Shanghai date, in epoch ms. */
export const shanghaiMidnight = (billDate: string) => Date.parse(`${billDate}T00:00:00+08:00`)

export async function reconcileDay(pool: Db, pay: PaymentProvider, billDate: string, now: number): Promise<BillDifference[]> {
  const from = shanghaiMidnight(billDate)
  const bill = (await pay.tradeBill(billDate)) ?? { rows: [], count: 0, settlementTotal: 0, refundTotal: 0 }
  const payments = (
    await pool.query<{ outTradeNo: string; total: number }>(
      "SELECT out_trade_no AS \"outTradeNo\", amount_fen AS total FROM payment_attempts WHERE state IN ('paid', 'extra') AND paid_at >= $1 AND paid_at < $2",
      [from, from + DAY_MS],
    )
  ).rows
  const refunds = (
    await pool.query<{ outRefundNo: string; outTradeNo: string; refund: number }>(
      "SELECT r.out_refund_no AS \"outRefundNo\", a.out_trade_no AS \"outTradeNo\", r.amount_fen AS refund FROM refunds r JOIN payment_attempts a ON a.attempt_id = r.attempt_id WHERE r.state = 'succeeded' AND r.succeeded_at >= $1 AND r.succeeded_at < $2",
      [from, from + DAY_MS],
    )
  ).rows
  const differences = compareTradeBill(bill, payments, refunds)
  await inTransaction(pool, async (tx) => {
    // Run again, the day's table is replaced: it always says what the latest run found.
    await tx.query('DELETE FROM reconcile_differences WHERE bill_date = $1', [billDate])
    await tx.query(
      'INSERT INTO reconcile_runs (bill_date, ran_at, bill_rows, differences) VALUES ($1, $2, $3, $4) ON CONFLICT (bill_date) DO UPDATE SET ran_at = $2, bill_rows = $3, differences = $4',
      [billDate, now, bill.rows.length, differences.length],
    )
    for (const d of differences) {
      await tx.query('INSERT INTO reconcile_differences (bill_date, kind, out_trade_no, out_refund_no, wechat_fen, here_fen) VALUES ($1, $2, $3, $4, $5, $6)', [
        billDate, d.kind, d.outTradeNo, 'outRefundNo' in d ? d.outRefundNo : '', 'wechat' in d ? d.wechat : null, 'here' in d ? d.here : null,
      ])
    }
  })
  return differences
}

/** The daily run (scheduled in the morning, Asia/Shanghai): yesterday's bill, which WeChat Pay has ready by then. */
export function reconcileWorker(pool: Db, pay: PaymentProvider, clock: () => number): Worker<void> {
  return {
    queue: 'wxpay-reconcile',
    due: async () => [],
    async run() {
      const yesterday = dayjs(inShanghai(clock()).format('YYYY-MM-DD')).subtract(1, 'day').format('YYYY-MM-DD')
      await reconcileDay(pool, pay, yesterday, clock())
    },
  }
}

/** The schedule: 10:30 every day, Asia/Shanghai. */
export const RECONCILE_CRON = '30 10 * * *'

const KIND_LABEL: Record<BillDifference['kind'], string> = {
  'paid-at-wechat-only': '微信支付有、本系统无',
  'paid-here-only': '本系统有、微信支付无',
  'payment-amount-differs': '支付金额不一致',
  'refunded-at-wechat-only': '退款：微信支付有、本系统无',
  'refunded-here-only': '退款：本系统有、微信支付无',
  'refund-amount-differs': '退款金额不一致',
}

const yuan = (fen: number | undefined) => (fen === undefined ? '' : fenToYuan(fen))

/** The differences as the operator reads them (tab-separated, amounts in 元). */
export function differencesTable(billDate: string, differences: BillDifference[]): string {
  if (differences.length === 0) return `${billDate} 对账一致：没有差异`
  const rows = differences.map((d) => [KIND_LABEL[d.kind], d.outTradeNo, 'outRefundNo' in d ? d.outRefundNo : '', yuan('wechat' in d ? d.wechat : undefined), yuan('here' in d ? d.here : undefined)])
  const header = ['差异', '商户订单号', '商户退款单号', '微信支付（元）', '本系统（元）']
  const lines = [header, ...rows].map((r) => r.join('\t'))
  return `${billDate} 对账差异 ${differences.length} 条：\n${lines.join('\n')}`
}

