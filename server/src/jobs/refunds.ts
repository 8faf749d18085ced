/** Sends the refunds the server owes and asks after them until WeChat Pay says they settled. */
import { FAIL_REASONS } from '../../../src/domain/backendMessages'
import { inTransaction } from '../db/database'
import type { Services } from '../rpc/context'
import { casState } from '../rpc/orderStore'
import { backoffMs } from './backoff'
import type { Worker } from './queue'

interface RefundRow {
  out_refund_no: string
  /** NULL for a second paid family attempt (refunded whole; no item of it is reversing). */
  order_id: string | null
  amount_fen: number
  reason: string
  state: 'requested' | 'processing'
  tries: number
  next_check_at: number
  out_trade_no: string
  /** The transaction's amount: more than the refund's for one item of a family attempt. */
  total_fen: number
}

export function refundWorker(services: Services): Worker<void> {
  return {
    queue: 'wxpay-refund',
    due: async () =>
      (await services.pool.query<{ out_refund_no: string }>("SELECT out_refund_no FROM refunds WHERE state IN ('requested', 'processing') AND next_check_at <= $1 ORDER BY next_check_at LIMIT 100", [services.clock()])).rows.map((r) => r.out_refund_no),
    async run(outRefundNo) {
      const r = (
        await services.pool.query<RefundRow>(
          "SELECT r.*, a.out_trade_no, a.amount_fen AS total_fen FROM refunds r JOIN payment_attempts a ON a.attempt_id = r.attempt_id WHERE r.out_refund_no = $1 AND r.state IN ('requested', 'processing')",
          [outRefundNo],
        )
      ).rows[0]
      if (!r || r.next_check_at > services.clock()) return
      // Sending again is safe (idempotent on out_refund_no) while we do not know it was received.
      const status = r.state === 'requested'
        ? await services.pay.refund({ outTradeNo: r.out_trade_no, outRefundNo, amountFen: r.amount_fen, totalFen: r.total_fen, reason: r.reason.slice(0, 80) })
        : await services.pay.queryRefund(outRefundNo)
      const now = services.clock()
      if (status.state === 'SUCCESS') {
        await inTransaction(services.pool, async (tx) => {
          const { rowCount } = await tx.query("UPDATE refunds SET state = 'succeeded', refund_id = $2, succeeded_at = $3, updated_at = $4 WHERE out_refund_no = $1 AND state IN ('requested', 'processing')", [outRefundNo, status.refundId, status.succeededAt, now])
          const order = (await tx.query<{ state: string }>('SELECT state FROM orders WHERE order_id = $1', [r.order_id])).rows[0]
          if (rowCount && order?.state === 'reversing') await casState(tx, r.order_id!, 'reversing', 'refunded', now, { fail_reason: FAIL_REASONS.refunded })
        })
        return
      }
      if (status.state === 'ABNORMAL' || status.state === 'CLOSED') {
        services.log.error({ outRefundNo, state: status.state }, 'refund needs an operator')
        await services.pool.query("UPDATE refunds SET state = 'abnormal', updated_at = $2 WHERE out_refund_no = $1", [outRefundNo, now])
        return
      }
      const state = status.state === 'PROCESSING' ? 'processing' : r.state
      await services.pool.query('UPDATE refunds SET state = $2, tries = tries + 1, next_check_at = $3, updated_at = $4 WHERE out_refund_no = $1', [outRefundNo, state, now + backoffMs(r.tries), now])
    },
  }
}
