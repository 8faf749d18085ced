/**
 * 全部缴纳: who of a family goes into one order (every unpaid person, each can be unticked, at
 * most FAMILY_ORDER_MAX_PEOPLE), who is left out and why, and what the paid order means for each
 * person (covered, or their money coming back). Pure: the backend's answers are passed in.
 */
import { FAMILY_ORDER_MAX_PEOPLE, type FamilyOrderView, type OrderSelection, type OrderView } from '../contract'
import { formatFen } from './money'
import { isPaidState } from './orderState'
import { spokenAmount } from './spoken'
import { formatChineseDate } from './time'

/** One person the confirm page may put into the order, as the backend quoted them. */
export interface FamilyItem {
  /** Stable per person: 'self' or the saved payerRef. */
  key: string
  /** How the page names them, e.g. 父母 陈*兰. */
  who: string
  payerRef: string
  maskedName: string
  maskedIdNumber: string
  isSelf: boolean
  itemName: string
  periodLabel: string
  amountFen: number
  selection: OrderSelection
}

/** A person not in the order: nothing to pay, or already in another order, with what the page says. */
export interface LeftOut {
  key: string
  who: string
  reason: string
}

export const CAP_MESSAGE = `一次最多为${FAMILY_ORDER_MAX_PEOPLE}人合并缴费，其余的人请在本次缴费成功后再缴`

export interface Ticks {
  ticked: readonly string[]
  /** The last tick was refused (or some were left unticked) because of the cap. */
  capped: boolean
}

/** Every payable person ticked, up to the cap (in board order); the cap said when it bites. */
export function firstTicks(items: readonly FamilyItem[]): Ticks {
  return { ticked: items.slice(0, FAMILY_ORDER_MAX_PEOPLE).map((i) => i.key), capped: items.length > FAMILY_ORDER_MAX_PEOPLE }
}

/** A saved payment found again (after a reload): its people ticked, those still payable, so the same key pays them. */
export function savedTicks(items: readonly FamilyItem[], payerRefs: readonly string[]): Ticks {
  return { ticked: items.filter((i) => payerRefs.includes(i.payerRef)).map((i) => i.key), capped: false }
}

/** Untick, or tick unless the order is full. */
export function toggleTick(ticks: Ticks, key: string): Ticks {
  if (ticks.ticked.includes(key)) return { ticked: ticks.ticked.filter((k) => k !== key), capped: false }
  if (ticks.ticked.length >= FAMILY_ORDER_MAX_PEOPLE) return { ...ticks, capped: true }
  return { ticked: [...ticks.ticked, key], capped: false }
}

/** The ticked people in board order (the order's item order), and what they cost together. */
export function tickedItems(items: readonly FamilyItem[], ticks: Ticks): { items: FamilyItem[]; totalFen: number } {
  const chosen = items.filter((i) => ticks.ticked.includes(i.key))
  return { items: chosen, totalFen: chosen.reduce((sum, i) => sum + i.amountFen, 0) }
}

/** A person the backend refused in the order (IN_OTHER_ORDER, ALREADY_PAID, PAYMENT_LOCKED): out, with its title. */
export function leaveOut(items: readonly FamilyItem[], ticks: Ticks, payerRef: string, reason: string): { ticks: Ticks; leftOut?: LeftOut } {
  const item = items.find((i) => i.payerRef === payerRef)
  if (!item) return { ticks }
  return { ticks: { ticked: ticks.ticked.filter((k) => k !== item.key), capped: false }, leftOut: { key: item.key, who: item.who, reason } }
}

export type ItemOutcome = 'covered' | 'refunding' | 'refunded' | 'booking'

export interface ItemResult {
  item: OrderView
  outcome: ItemOutcome
  /** What the result page says about this person. */
  detail: string
}

function itemOutcome(item: OrderView): ItemOutcome {
  if (isPaidState(item.state)) return 'covered'
  if (item.state === 'reversing') return 'refunding'
  if (item.state === 'refunded') return 'refunded'
  return 'booking'
}

const DETAIL: Record<ItemOutcome, (item: OrderView) => string> = {
  covered: (i) => `${i.periodLabel}已缴费，医保待遇自${formatChineseDate(i.coverStart)}起享受`,
  refunding: (i) => `税务入库未成功（待冲正），${formatFen(i.amountFen)}将在1–2天内原路退回，无需任何操作`,
  refunded: (i) => `税务入库未成功，${formatFen(i.amountFen)}已原路退回`,
  booking: (i) => `${i.periodLabel}正在税务入库，结果稍后更新`,
}

/** Each person's part of a paid family order: who is covered, whose booking is still awaited, whose money comes back. */
export function familyResult(order: FamilyOrderView): { covered: ItemResult[]; booking: ItemResult[]; returned: ItemResult[] } {
  const results = order.items.map((item) => {
    const outcome = itemOutcome(item)
    return { item, outcome, detail: DETAIL[outcome](item) }
  })
  return {
    covered: results.filter((r) => r.outcome === 'covered'),
    booking: results.filter((r) => r.outcome === 'booking'),
    returned: results.filter((r) => r.outcome === 'refunding' || r.outcome === 'refunded'),
  }
}

/** The result page's heading: how many are covered, and whose money comes back, how much. */
export function familySummary(order: FamilyOrderView): { title: string; detail: string; spoken: string; coveredFen: number } {
  const { covered, booking, returned } = familyResult(order)
  const paid = covered.length + booking.length
  const title = returned.length === 0 ? '缴费成功' : paid === 0 ? '入库未成功，款项原路退回' : `${paid}人缴费成功`
  const back = (amount: string) => (returned.length === 0 ? '' : `；${returned.map((r) => r.item.payer.maskedName).join('、')}入库未成功，${amount}原路退回`)
  return {
    title,
    coveredFen: order.amountFen - order.refundFen,
    detail: `一次支付${formatFen(order.amountFen)}，已为${paid}人缴费${back(formatFen(order.refundFen))}`,
    spoken: `${title}，一次支付${spokenAmount(order.amountFen)}，已为${paid}人缴费${back(spokenAmount(order.refundFen))}`,
  }
}
