/**
 * The books after a run of payment sessions, once the world has settled: the server's tables
 * (every row, as ./dump reads them) held against WeChat Pay's own (the simulator's ledger in
 * DATA_DIR/wechatpay-sim.json). Per person-period (of each session, and over the whole books),
 * across their own orders and family orders' items alike:
 *   - no person-period paid twice, none held by two live orders, and the money WeChat Pay kept for
 *     it (an attempt's total, or an item's part of a family attempt, less what went back) is what
 *     its paid order costs;
 * per session and over the whole books:
 *   - money taken = receipts + refunds,
 *   - each paid order with one receipt, one booking and one paid attempt (its own, or its family's),
 *   - a refund of a refused item is that item's amount only, a second paid attempt's its whole total,
 *   - a family order and its items agree (paid: every item booked, or its part refunded; closed: all closed),
 *   - nothing stuck: no order 支付中 or 待冲正, no family order 支付中, no attempt open here or NOTPAY
 *     there, no refund unsettled, no payment WeChat Pay took that the server does not hold as paid
 *     or refunded.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { holdsPeriod, isPaidState, type OrderState } from '@/domain/orderState'
import type { LedgerSnapshot } from '../../server/src/wechatpay/simulator/ledger'
import type { Rows } from './dump'

interface OrderRow { order_id: string; state: OrderState; amount_fen: number; person_key: string; period_key: string; family_order_id: string | null }
interface FamilyRow { family_order_id: string; state: OrderState }
interface AttemptRow { attempt_id: string; order_id: string | null; family_order_id: string | null; out_trade_no: string; state: string; amount_fen: number }
interface RefundRow { out_refund_no: string; order_id: string | null; attempt_id: string; amount_fen: number; state: string }

export interface Books {
  rows: Rows
  wechat: LedgerSnapshot
  /** The server's clock at the look: a refund has settled at WeChat Pay once this passed its time. */
  now: number
}

export const readLedger = (dataDir: string): LedgerSnapshot => (JSON.parse(readFileSync(join(dataDir, 'wechatpay-sim.json'), 'utf8')) as { ledger: LedgerSnapshot }).ledger

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0)
const countBy = (xs: string[]) => Object.fromEntries([...new Set(xs)].sort().map((x) => [x, xs.filter((y) => y === x).length]))
const groupBy = <T,>(xs: T[], key: (x: T) => string): T[][] => {
  const groups = new Map<string, T[]>()
  for (const x of xs) groups.set(key(x), [...(groups.get(key(x)) ?? []), x])
  return [...groups.values()]
}
const tally = (keys: unknown[]) => {
  const counts = new Map<string, number>()
  for (const k of keys) counts.set(String(k), (counts.get(String(k)) ?? 0) + 1)
  return counts
}

export function booksOf(books: Books) {
  const orders = books.rows.orders as unknown as OrderRow[]
  const families = new Map((books.rows.family_orders as unknown as FamilyRow[]).map((f) => [f.family_order_id, f]))
  const attempts = books.rows.payment_attempts as unknown as AttemptRow[]
  const refunds = books.rows.refunds as unknown as RefundRow[]
  const receipted = tally(books.rows.receipts.map((r) => r.order_id))
  const booked = tally(books.rows.taxsim_declarations.filter((d) => d.state === 'booked').map((d) => d.order_id))
  const wechatByNo = new Map(books.wechat.attempts.map((a) => [a.outTradeNo, a]))
  const refundByNo = new Map(refunds.map((r) => [r.out_refund_no, r]))
  const settledRefunds = books.wechat.refunds.filter((r) => r.settlesAt <= books.now)
  const paidThere = (a: AttemptRow) => ['SUCCESS', 'REFUND'].includes(wechatByNo.get(a.out_trade_no)?.state ?? '')
  /** The attempts that pay an order: its own, or its family order's. */
  const payersOf = (o: OrderRow) => attempts.filter((a) => (o.family_order_id ? a.family_order_id === o.family_order_id : a.order_id === o.order_id))

  /** What WeChat Pay kept of an attempt's money for one order: the total (a family attempt: the item's part), less what went back for it. */
  function keptFor(a: AttemptRow, o: OrderRow): number {
    if (!paidThere(a)) return 0
    const returned = settledRefunds.filter((r) => r.outTradeNo === a.out_trade_no).map((r) => {
      const item = refundByNo.get(r.outRefundNo)?.order_id
      // A family attempt refunded whole (order_id NULL) gives each item its part back.
      return !a.family_order_id ? r.refund : item === o.order_id ? r.refund : item === null ? o.amount_fen : 0
    })
    return (a.family_order_id ? o.amount_fen : wechatByNo.get(a.out_trade_no)!.total) - sum(returned)
  }

  /** One person-period, over every order that held it. */
  function periodFaults(of: OrderRow[]): string[] {
    const found: string[] = []
    const paid = of.filter((o) => isPaidState(o.state))
    const live = of.filter((o) => holdsPeriod(o.state))
    if (paid.length > 1) found.push(`paid twice: ${paid.map((o) => o.order_id).join(', ')}`)
    if (live.length > 1) found.push(`${of[0].period_key} held by ${live.length} live orders: ${live.map((o) => `${o.order_id} ${o.state}`).join(', ')}`)
    const kept = sum(of.flatMap((o) => payersOf(o).map((a) => keptFor(a, o))))
    if (kept !== sum(paid.map((o) => o.amount_fen))) found.push(`WeChat Pay kept ${kept} fen for ${of[0].period_key}, ${sum(paid.map((o) => o.amount_fen))} fen paid`)
    return found
  }

  /** What is wrong with these orders' books (a session's, or all there are) and their attempts'. */
  function faults(of: OrderRow[]): string[] {
    const ids = new Set(of.map((o) => o.order_id))
    const familyIds = new Set(of.flatMap((o) => (o.family_order_id ? [o.family_order_id] : [])))
    const mine = attempts.filter((a) => ids.has(a.order_id ?? '') || familyIds.has(a.family_order_id ?? ''))
    const tradeNos = new Set(mine.map((a) => a.out_trade_no))
    const found: string[] = []
    const taken = sum(mine.filter(paidThere).map((a) => wechatByNo.get(a.out_trade_no)!.total))
    const receipts = sum(of.filter((o) => receipted.has(o.order_id)).map((o) => o.amount_fen))
    const returned = sum(settledRefunds.filter((r) => tradeNos.has(r.outTradeNo)).map((r) => r.refund))
    if (taken !== receipts + returned) found.push(`money taken ${taken} ≠ receipts ${receipts} + refunds ${returned}`)
    for (const o of of.filter((x) => isPaidState(x.state))) {
      const paidAttempts = payersOf(o).filter((a) => a.state === 'paid').length
      if (paidAttempts !== 1 || receipted.get(o.order_id) !== 1 || booked.get(o.order_id) !== 1) found.push(`${o.order_id} ${o.state}: ${paidAttempts} paid attempts, ${receipted.get(o.order_id) ?? 0} receipts, ${booked.get(o.order_id) ?? 0} bookings`)
    }
    for (const familyId of familyIds) found.push(...familyFaults(families.get(familyId)!, of.filter((o) => o.family_order_id === familyId)))
    for (const o of of) if (o.state === 'paying' || o.state === 'reversing') found.push(`${o.order_id} stuck ${o.state}`)
    for (const a of mine) {
      const there = wechatByNo.get(a.out_trade_no)
      if (a.state === 'open') found.push(`${a.attempt_id} still open`)
      if (there?.state === 'NOTPAY') found.push(`${a.attempt_id} NOTPAY at WeChat Pay`)
      if (paidThere(a) && a.state !== 'paid' && a.state !== 'extra') found.push(`${a.attempt_id} paid at WeChat Pay, ${a.state} here`)
      for (const r of refunds.filter((x) => x.attempt_id === a.attempt_id)) found.push(...refundFaults(r, a))
    }
    return found
  }

  /** A refund is an item's amount (its booking refused) or the attempt's whole total (paid twice), and WeChat Pay returned just that. */
  function refundFaults(r: RefundRow, a: AttemptRow): string[] {
    const found: string[] = []
    const item = a.family_order_id && r.order_id ? orders.find((o) => o.order_id === r.order_id)! : undefined
    const due = item ? item.amount_fen : a.amount_fen
    if (r.state !== 'succeeded') found.push(`refund of ${a.attempt_id} ${r.state}`)
    if (r.amount_fen !== due) found.push(`refund ${r.out_refund_no}: ${r.amount_fen} fen, ${due} due`)
    if (item && receipted.has(item.order_id)) found.push(`${item.order_id} refunded and receipted`)
    const there = books.wechat.refunds.find((x) => x.outRefundNo === r.out_refund_no)
    if (there && there.refund !== r.amount_fen) found.push(`refund ${r.out_refund_no}: ${there.refund} fen at WeChat Pay, ${r.amount_fen} here`)
    return found
  }

  /** A family order moves with its items until the money is in; after that, each item has its own answer. */
  function familyFaults(f: FamilyRow, items: OrderRow[]): string[] {
    const paidAttempts = attempts.filter((a) => a.family_order_id === f.family_order_id && a.state === 'paid').length
    const expected: readonly OrderState[] = f.state === 'paid' ? ['paid', 'settled', 'refunded', 'closed'] : f.state === 'closed' ? ['closed'] : [f.state]
    const found = items.filter((o) => !expected.includes(o.state)).map((o) => `${o.order_id} ${o.state} in family order ${f.family_order_id} ${f.state}`)
    if (f.state === 'paying') found.push(`family order ${f.family_order_id} stuck paying`)
    if ((f.state === 'paid') !== (paidAttempts === 1)) found.push(`family order ${f.family_order_id} ${f.state} with ${paidAttempts} paid attempts`)
    return found
  }

  const periodsOf = (of: OrderRow[]) => groupBy(of, (o) => `${o.person_key} ${o.period_key}`).flatMap(periodFaults)

  return {
    /** One session's faults: its people's orders (their own and family orders' items). */
    session(orderIds: string[][]): string[] {
      const ids = new Set(orderIds.flat())
      const rows = orders.filter((o) => ids.has(o.order_id))
      return [...periodsOf(rows), ...faults(rows)]
    },
    /** The whole books: every order there is, and nothing at WeChat Pay the server has never heard of. */
    whole(): string[] {
      const known = new Set(attempts.map((a) => a.out_trade_no))
      const unknown = books.wechat.attempts.filter((w) => !known.has(w.outTradeNo)).map((w) => `${w.outTradeNo} at WeChat Pay only`)
      return [...periodsOf(orders), ...faults(orders), ...unknown]
    },
    stats: () => ({
      orders: countBy(orders.map((o) => o.state)),
      familyOrders: countBy([...families.values()].map((f) => f.state)),
      familyItems: countBy(orders.filter((o) => o.family_order_id).map((o) => o.state)),
      attempts: countBy(attempts.map((a) => a.state)),
      notifies: countBy(books.rows.wxpay_inbox.map((n) => String(n.outcome))),
      refunds: refunds.length,
      itemRefunds: refunds.filter((r) => r.order_id && attempts.find((a) => a.attempt_id === r.attempt_id)?.family_order_id).length,
    }),
  }
}
