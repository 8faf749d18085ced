/**
 * The books after a run of payment sessions, once the world has settled: the server's tables
 * (every row, as ./dump reads them) held against WeChat Pay's own (the simulator's ledger in
 * DATA_DIR/wechatpay-sim.json), per person-period of each session and over the whole books:
 *   - no person-period paid twice without an automatic refund (money kept at WeChat Pay = the
 *     orders paid, each with one paid attempt, one receipt, one booking),
 *   - money taken = receipts + refunds,
 *   - nothing stuck: no order 支付中 or 待冲正, no attempt open here or NOTPAY there, no refund unsettled,
 *     no payment WeChat Pay took that the server does not hold as paid or refunded.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LedgerSnapshot } from '../../server/src/wechatpay/simulator/ledger'
import type { Rows } from './dump'

interface OrderRow { order_id: string; state: string; amount_fen: number; period_key: string }
interface AttemptRow { attempt_id: string; order_id: string; out_trade_no: string; state: string }
interface RefundRow { order_id: string; attempt_id: string; amount_fen: number; state: string }

export interface Books {
  rows: Rows
  wechat: LedgerSnapshot
  /** The server's clock at the look: a refund has settled at WeChat Pay once this passed its time. */
  now: number
}

export const readLedger = (dataDir: string): LedgerSnapshot => (JSON.parse(readFileSync(join(dataDir, 'wechatpay-sim.json'), 'utf8')) as { ledger: LedgerSnapshot }).ledger

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0)
const countBy = (xs: string[]) => Object.fromEntries([...new Set(xs)].sort().map((x) => [x, xs.filter((y) => y === x).length]))

export function booksOf(books: Books) {
  const orders = books.rows.orders as unknown as OrderRow[]
  const attempts = books.rows.payment_attempts as unknown as AttemptRow[]
  const refunds = books.rows.refunds as unknown as RefundRow[]
  const receipted = new Map<string, number>()
  for (const r of books.rows.receipts) receipted.set(String(r.order_id), (receipted.get(String(r.order_id)) ?? 0) + 1)
  const booked = new Map<string, number>()
  for (const d of books.rows.taxsim_declarations) if (d.state === 'booked') booked.set(String(d.order_id), (booked.get(String(d.order_id)) ?? 0) + 1)
  const wechatByNo = new Map(books.wechat.attempts.map((a) => [a.outTradeNo, a]))
  const settledRefunds = books.wechat.refunds.filter((r) => r.settlesAt <= books.now)

  /** What is wrong with these orders' books (all of one person-period, or all there are). */
  function faults(of: OrderRow[], onePersonPeriod: boolean): string[] {
    const ids = new Set(of.map((o) => o.order_id))
    const mine = attempts.filter((a) => ids.has(a.order_id))
    const tradeNos = new Set(mine.map((a) => a.out_trade_no))
    const paidThere = mine.map((a) => wechatByNo.get(a.out_trade_no)).filter((w) => w && (w.state === 'SUCCESS' || w.state === 'REFUND'))
    const refundedThere = settledRefunds.filter((r) => tradeNos.has(r.outTradeNo))
    const paidOrders = of.filter((o) => o.state === 'paid' || o.state === 'settled')
    const found: string[] = []
    const kept = paidThere.length - refundedThere.length
    if (onePersonPeriod && kept !== paidOrders.length) found.push(`WeChat Pay kept ${kept} payments, ${paidOrders.length} orders paid`)
    if (onePersonPeriod && paidOrders.length > 1) found.push(`paid twice: ${paidOrders.map((o) => o.order_id).join(', ')}`)
    for (const o of paidOrders) {
      const paidAttempts = mine.filter((a) => a.order_id === o.order_id && a.state === 'paid').length
      if (paidAttempts !== 1 || receipted.get(o.order_id) !== 1 || booked.get(o.order_id) !== 1) found.push(`${o.order_id} ${o.state}: ${paidAttempts} paid attempts, ${receipted.get(o.order_id) ?? 0} receipts, ${booked.get(o.order_id) ?? 0} bookings`)
    }
    const taken = sum(paidThere.map((w) => w!.total))
    const receipts = sum(of.filter((o) => receipted.has(o.order_id)).map((o) => o.amount_fen))
    const returned = sum(refundedThere.map((r) => r.refund))
    if (taken !== receipts + returned) found.push(`money taken ${taken} ≠ receipts ${receipts} + refunds ${returned}`)
    for (const o of of) if (o.state === 'paying' || o.state === 'reversing') found.push(`${o.order_id} stuck ${o.state}`)
    for (const a of mine) {
      const there = wechatByNo.get(a.out_trade_no)
      if (a.state === 'open') found.push(`${a.attempt_id} still open`)
      if (there?.state === 'NOTPAY') found.push(`${a.attempt_id} NOTPAY at WeChat Pay`)
      if (there && (there.state === 'SUCCESS' || there.state === 'REFUND') && a.state !== 'paid' && a.state !== 'extra') found.push(`${a.attempt_id} paid at WeChat Pay, ${a.state} here`)
    }
    for (const r of refunds) if (ids.has(r.order_id) && r.state !== 'succeeded') found.push(`refund of ${r.attempt_id} ${r.state}`)
    return found
  }

  return {
    /** One session's faults: its people's orders, person-period by person-period. */
    session(orderIds: string[][]): string[] {
      return orderIds.flatMap((ofPerson) => {
        const rows = orders.filter((o) => ofPerson.includes(o.order_id))
        return [...new Set(rows.map((o) => o.period_key))].flatMap((period) => faults(rows.filter((o) => o.period_key === period), true))
      })
    },
    /** The whole books: every order there is, and nothing at WeChat Pay the server has never heard of. */
    whole(): string[] {
      const known = new Set(attempts.map((a) => a.out_trade_no))
      const unknown = books.wechat.attempts.filter((w) => !known.has(w.outTradeNo)).map((w) => `${w.outTradeNo} at WeChat Pay only`)
      return [...faults(orders, false), ...unknown]
    },
    stats: () => ({
      orders: countBy(orders.map((o) => o.state)),
      attempts: countBy(attempts.map((a) => a.state)),
      notifies: countBy(books.rows.wxpay_inbox.map((n) => String(n.outcome))),
      refunds: refunds.length,
    }),
  }
}
