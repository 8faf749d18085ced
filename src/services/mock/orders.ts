/**
 * Orders and their payment attempts over time: the view the app is given, every state change
 * (checked against the domain's transitions), and the backend's own clock moving orders along
 * (late results, booking, refunds, expiry) between calls.
 */
import type { OrderSelection, OrderView, PayParams } from '../../contract'
import { FAIL_REASONS } from '../../domain/backendMessages'
import { maskIdNumber, maskName } from '../../domain/mask'
import { assertTransition, type OrderState } from '../../domain/orderState'
import { coverageYearLabel, coverageYearRange } from '../../domain/periods'
import { FLEXIBLE_ITEM, regionOfPerson, RESIDENT_ITEM } from '../../domain/personBooks'
import { residentAmount } from '../../domain/policy'
import { type Clock, inShanghai } from '../../domain/time'
import { opaqueHash, payerRefOf, personOf, type People } from './people'
import type { PriceSelection } from './pricing'
import { DEMO_PEOPLE, SELF_PERSON_ID, type DemoPerson } from './registry'
import type { MockState, MockStore, StoredAttempt, StoredOrder } from './state'

export interface MockDelays {
  /** 'late' people: how long after WeChat says ok the tax side confirms. */
  lateConfirmMs: number
  /** 已缴费 → 已入库 (2–3 working days in reality; short so the demo shows both). */
  settleMs: number
  /** 待冲正 → 已退款 (1–2 days in reality). */
  refundMs: number
  /** An attempt nobody finished at the cashier lapses and the order is payable again. */
  attemptExpiryMs: number
  /** An unpaid order is closed after this. */
  pendingExpiryMs: number
  /** A 请家人代缴 link opens its item for this long. */
  shareExpiryMs: number
}

export const DEFAULT_DELAYS: MockDelays = {
  lateConfirmMs: 6_000,
  settleMs: 120_000,
  refundMs: 60_000,
  attemptExpiryMs: 15 * 60_000,
  pendingExpiryMs: 24 * 3_600_000,
  shareExpiryMs: 24 * 3_600_000,
}

export function sameSelection(a: OrderSelection, b: OrderSelection): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

export function overlaps(a: OrderSelection, b: OrderSelection): boolean {
  if (a.kind === 'resident' && b.kind === 'resident') return a.coverageYear === b.coverageYear
  if (a.kind === 'flexible' && b.kind === 'flexible') return a.months.some((m) => b.months.includes(m))
  return false
}

/** What the demo cashier is handed for an attempt, shaped as WeChat Pay's (signed by nobody). */
export function demoPayParams(attempt: StoredAttempt): PayParams {
  return {
    timeStamp: String(Math.floor(attempt.startedAt / 1000)),
    nonceStr: opaqueHash(`nonce:${attempt.attemptId}`),
    package: `prepay_id=mock_${attempt.attemptId}`,
    signType: 'RSA',
    paySign: `MOCKSIGN${opaqueHash(attempt.attemptId)}`,
  }
}

/** 电子税票号码: region, date and a running number: unique within the mock. */
const voucherNo = (person: DemoPerson, at: number, seq: number) => `3${person.regionCode}${inShanghai(at).format('YYMMDD')}${String(seq).padStart(5, '0')}`

/** The demo's paid history: each person's seeded years as settled orders with receipts. */
export function seedReceipts(s: MockState, people: People): void {
  for (const person of DEMO_PEOPLE) {
    for (const offset of person.seededReceipts ?? []) {
      const year = people.referenceYear(person) + offset
      const amount = residentAmount(year, person.subsidy)
      if (!amount) continue
      // Paid early in the year's window, long since booked.
      const paidAt = Date.UTC(year - 1, 9, 12, 2, 30)
      const range = coverageYearRange(year)
      const orderId = `OD${inShanghai(paidAt).format('YYMMDD')}${String((s.seq += 1)).padStart(6, '0')}`
      const order: StoredOrder = {
        orderId, personId: person.id, idempotencyKey: `seed_${orderId}`, selection: { kind: 'resident', coverageYear: year },
        state: 'settled', amountFen: amount.payableFen, subsidyFen: amount.subsidyFen, periodLabel: coverageYearLabel(year),
        periodStart: range.start, periodEnd: range.end, coverStart: range.start, createdAt: paidAt, updatedAt: paidAt, paidAt,
        moneyTaken: false, attempts: 1,
        voucherNo: voucherNo(person, paidAt, (s.seq += 1)),
      }
      s.orders.push(order)
    }
  }
}

export function createOrders(deps: { clock: Clock; delays: MockDelays; store: MockStore; priceSelection: PriceSelection }) {
  const { clock, delays, store, priceSelection } = deps
  const nextSeq = () => (store.state.seq += 1)
  const newId = (prefix: string) => `${prefix}${inShanghai(clock()).format('YYMMDD')}${String(nextSeq()).padStart(6, '0')}`
  const find = (orderId: string) => store.state.orders.find((o) => o.orderId === orderId)
  const attemptOf = (o: StoredOrder) => store.state.attempts.find((a) => a.attemptId === o.currentAttemptId)

  function view(o: StoredOrder): OrderView {
    const person = personOf(o.personId)
    const region = regionOfPerson(person)
    return {
      orderId: o.orderId,
      state: o.state,
      payer: { maskedName: maskName(person.name), maskedIdNumber: maskIdNumber(person.idNumber), idType: person.idType, isSelf: person.id === SELF_PERSON_ID },
      payerRef: payerRefOf(person),
      kind: o.selection.kind,
      itemName: o.selection.kind === 'resident' ? RESIDENT_ITEM : FLEXIBLE_ITEM,
      periodLabel: o.periodLabel,
      periodStart: o.periodStart,
      periodEnd: o.periodEnd,
      amountFen: o.amountFen,
      subsidyFen: o.subsidyFen,
      tierLabel: o.tierLabel,
      taxAuthority: region.taxAuthority,
      regionName: region.name,
      coverStart: o.coverStart,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
      paidAt: o.paidAt,
      failReason: o.failReason,
      moneyTaken: o.moneyTaken,
      attempts: o.attempts,
      familyOrderId: o.familyOrderId,
    }
  }

  function setState(o: StoredOrder, to: OrderState, at: number): void {
    assertTransition(o.state, to)
    o.state = to
    o.updatedAt = at
  }

  function markPaid(o: StoredOrder, at: number): void {
    setState(o, 'paid', at)
    o.paidAt = at
    o.failReason = undefined
    o.lateConfirmAt = undefined
    o.voucherNo = voucherNo(personOf(o.personId), at, nextSeq())
    const attempt = attemptOf(o)
    if (attempt) attempt.state = 'paid'
  }

  /** Lets the backend's own clock move orders along, as the real system would between calls. */
  function advance(): boolean {
    const now = clock()
    let changed = false
    for (const o of store.state.orders) {
      const attempt = attemptOf(o)
      if (o.state === 'paying' && o.lateConfirmAt !== undefined && o.lateConfirmAt <= now) {
        markPaid(o, o.lateConfirmAt)
        changed = true
      }
      if (o.state === 'paying' && o.lateConfirmAt === undefined && attempt?.state === 'open' && attempt.startedAt + delays.attemptExpiryMs <= now) {
        attempt.state = 'expired'
        setState(o, 'pending', now)
        changed = true
      }
      if (o.state === 'paid' && o.paidAt !== undefined && o.paidAt + delays.settleMs <= now) {
        setState(o, 'settled', now)
        changed = true
      }
      if (o.state === 'reversing' && o.reversingSince !== undefined && o.reversingSince + delays.refundMs <= now) {
        setState(o, 'refunded', now)
        o.failReason = FAIL_REASONS.refunded
        changed = true
      }
      // A family order's item expires with its family order (familyOrders.advance).
      if ((o.state === 'pending' || o.state === 'failed') && o.familyOrderId === undefined && o.updatedAt + delays.pendingExpiryMs <= now) {
        setState(o, 'closed', now)
        changed = true
      }
    }
    return changed
  }

  /** A new pending order for the selection, priced now (not yet stored). */
  function build(person: DemoPerson, selection: OrderSelection, idempotencyKey: string): StoredOrder {
    const now = clock()
    const priced = priceSelection(person, selection)
    return {
      personId: person.id,
      idempotencyKey,
      state: 'pending',
      createdAt: now,
      updatedAt: now,
      moneyTaken: false,
      attempts: 0,
      ...priced,
      orderId: newId('OD'),
    }
  }

  return { newId, find, attemptOf, view, setState, markPaid, advance, build }
}

export type Orders = ReturnType<typeof createOrders>
