/**
 * The embedded mock of the tax/insurance backend: the default, so the app is fully usable with
 * nothing else running. It speaks the same JSON envelope a real adapter would, keeps orders
 * and payment attempts apart, is idempotent on the client's key, moves orders through their
 * states on its own clock (late results, booking, refunds) and persists through injected
 * storage so orders survive a restart.
 */
import * as z from 'zod/mini'
import { type Clock, type IsoMonth, addMonthsToMonth, inShanghai, monthsBetween, shanghaiDate, shanghaiMonth } from '../../domain/time'
import { assertTransition, canStartPayment, holdsPeriod, isPaidState, ORDER_STATES, type OrderState } from '../../domain/orderState'
import { maskIdNumber, maskName } from '../../domain/mask'
import { parseIdDocument } from '../../domain/idDocument'
import { parsePersonName } from '../../domain/personName'
import { findRegion, flexiblePolicy, residentAmount, SUBSIDY_RULES, type Region } from '../../domain/policy'
import { coverageYearLabel, coverageYearRange, isContiguousFromStart, monthLabel, monthRange, openResidentWindow, payableFlexibleMonths, payableResidentYears } from '../../domain/periods'
import { flexibleCoverStart, residentCoverStart } from '../../domain/coverage'
import { toChineseCapital } from '../../domain/money'
import { METHODS } from '../../contract/schemas'
import { SHARE_TOKEN_PATTERN, type Method, type RequestOf, type ResponseOf, type ErrorBody, type OrderView, type Transport, type DueItemsResponse, type OrderSelection } from '../../contract'
import { MOCK_STORAGE_KEY, type KeyValueStore } from '../storage'
import { DEMO_PEOPLE, SELF_PERSON_ID, type DemoPerson } from './registry'

export const RESIDENT_ITEM = '城乡居民基本医疗保险'
export const FLEXIBLE_ITEM = '灵活就业人员基本医疗保险'

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

export type FaultKind =
  | 'error' // the call fails before the backend does anything
  | 'timeout' // the call times out before the backend does anything
  | 'lost_response' // the backend does the work, then the answer is lost
  | 'malformed' // the backend answers something outside the contract
  | 'duplicate' // the request arrives twice (a network retry)

export interface Fault {
  method: Method
  kind: FaultKind
}

/** Cashier-side faults: what WeChat tells the app differs from what happened. */
export type CashierFault = 'cancel_but_paid' | 'late_notification'

export type CashierAction = 'pay' | 'cancel'
export interface CashierOutcome {
  /** What `requestPayment` reports to the app. */
  result: 'ok' | 'cancel' | 'fail'
  errMsg: string
}

export interface MockOptions {
  clock: Clock
  storage: KeyValueStore
  /** Per-call latency in ms (0 in tests, a few hundred in the preview). */
  latencyMs?: number
  sleep?: (ms: number) => Promise<void>
  delays?: Partial<MockDelays>
  /** Fills a buffer with random bytes (share tokens); defaults to Web Crypto, else Math.random. */
  randomBytes?: (bytes: Uint8Array) => void
}

// ---- persisted state ------------------------------------------------------------------------

const storedSelection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('resident'), coverageYear: z.int() }),
  z.object({ kind: z.literal('flexible'), months: z.array(z.string()), tierCode: z.string() }),
])

const storedOrder = z.object({
  orderId: z.string(),
  personId: z.string(),
  idempotencyKey: z.string(),
  selection: storedSelection,
  state: z.enum(ORDER_STATES),
  amountFen: z.int(),
  subsidyFen: z.int(),
  periodLabel: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  tierLabel: z.optional(z.string()),
  coverStart: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  paidAt: z.optional(z.number()),
  failReason: z.optional(z.string()),
  moneyTaken: z.boolean(),
  attempts: z.int(),
  currentAttemptId: z.optional(z.string()),
  lateConfirmAt: z.optional(z.number()),
  reversingSince: z.optional(z.number()),
  voucherNo: z.optional(z.string()),
})
type StoredOrder = z.infer<typeof storedOrder>

const storedAttempt = z.object({
  attemptId: z.string(),
  orderId: z.string(),
  state: z.enum(['open', 'paid', 'failed', 'cancelled', 'expired', 'reversed']),
  startedAt: z.number(),
  amountFen: z.int(),
})

/** A 请家人代缴 token and the one person-period it opens. */
const storedShare = z.object({
  token: z.string(),
  personId: z.string(),
  selection: storedSelection,
  createdAt: z.number(),
  expiresAt: z.number(),
})
type StoredShare = z.infer<typeof storedShare>

const mockState = z.object({
  version: z.literal(1),
  seq: z.int(),
  orders: z.array(storedOrder),
  attempts: z.array(storedAttempt),
  // Added after version 1 shipped: state stored before then has none, which is simply no shares.
  shares: z._default(z.array(storedShare), () => []),
})
type MockState = z.infer<typeof mockState>

// ---- helpers --------------------------------------------------------------------------------

/** FNV-1a: a stable, opaque handle that reveals nothing of what it was made from. */
function opaqueHash(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(36).padStart(7, '0')
}

export function payerRefOf(person: DemoPerson): string {
  return `pr_${opaqueHash(`payer:${person.id}`)}${opaqueHash(`salt:${person.id}:2026`)}`
}

class MockError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message)
  }
}

const fail = (code: ErrorBody['code'], message: string, orderId?: string): never => {
  throw new MockError({ code, message, orderId })
}

/** Expired share tokens are kept this long (to say 已过期 rather than 无效), then forgotten. */
const SHARE_RETENTION_MS = 30 * 24 * 3_600_000

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const TOKEN_LENGTH = 22 // 132 random bits

function defaultRandomBytes(bytes: Uint8Array): void {
  const webCrypto = (globalThis as { crypto?: { getRandomValues?: (b: Uint8Array) => Uint8Array } }).crypto
  if (webCrypto?.getRandomValues) {
    webCrypto.getRandomValues(bytes)
    return
  }
  // Mini-programs have no Web Crypto; this is a demo backend, a real one mints tokens server-side.
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
}

export const MOCK_MESSAGES = {
  notRegistered: '未查询到参保信息',
  nameMismatch: '姓名与证件号码不一致',
  employee: '该人员已参加职工基本医疗保险，不能参加城乡居民医保',
  nothingDue: '无应缴信息',
  alreadyPaid: '该缴费人已经申报，不允许重复申报',
  locked: '上一笔扣款正在原路退回（待冲正），请勿重复缴费',
  windowClosed: '所选费款所属期当前不在缴费期内',
  busy: '服务繁忙，请稍后重试',
  timeout: '请求超时，请稍后重试',
  lost: '网络异常，未收到服务应答',
  shareInvalid: '缴费链接无效或不完整',
  invalidRequest: '请求参数有误',
  shareExpired: '缴费链接已过期',
  shareStale: '缴费信息已变化，该链接已失效',
  shareUsed: '该缴费项目已缴费，无需再缴',
} as const

function sameSelection(a: OrderSelection, b: OrderSelection): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function overlaps(a: OrderSelection, b: OrderSelection): boolean {
  if (a.kind === 'resident' && b.kind === 'resident') return a.coverageYear === b.coverageYear
  if (a.kind === 'flexible' && b.kind === 'flexible') return a.months.some((m) => b.months.includes(m))
  return false
}

// ---- the backend ----------------------------------------------------------------------------

export function createMockBackend(options: MockOptions) {
  const { clock, storage } = options
  const randomBytes = options.randomBytes ?? defaultRandomBytes
  const delays: MockDelays = { ...DEFAULT_DELAYS, ...options.delays }
  const latencyMs = options.latencyMs ?? 0
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const faults: Fault[] = []
  const cashierFaults: CashierFault[] = []

  const refToPerson = new Map(DEMO_PEOPLE.map((p) => [payerRefOf(p), p]))
  const personById = new Map(DEMO_PEOPLE.map((p) => [p.id, p]))

  function freshState(): MockState {
    const s: MockState = { version: 1, seq: 0, orders: [], attempts: [], shares: [] }
    seedReceipts(s)
    return s
  }

  /** Shaped right is not enough: every record must name a known person and hold sane amounts. */
  function isCoherent(s: MockState): boolean {
    const known = (id: string) => personById.has(id)
    return (
      s.orders.every((o) => known(o.personId) && o.amountFen >= 0 && o.subsidyFen >= 0) &&
      s.attempts.every((a) => a.amountFen >= 0) &&
      s.shares.every((sh) => known(sh.personId))
    )
  }

  function load(): MockState {
    const raw = storage.getItem(MOCK_STORAGE_KEY)
    if (raw === null) return freshState()
    let parsed: unknown
    try {
      parsed = JSON.parse(raw)
    } catch {
      parsed = undefined
    }
    const checked = mockState.safeParse(parsed)
    if (checked.success && isCoherent(checked.data)) return checked.data
    // Data from an older or broken build is kept aside for inspection, never trusted.
    storage.setItem(`${MOCK_STORAGE_KEY}.corrupt`, raw)
    storage.removeItem(MOCK_STORAGE_KEY)
    return freshState()
  }

  function save(): void {
    storage.setItem(MOCK_STORAGE_KEY, JSON.stringify(state))
  }

  const today = () => shanghaiDate(clock())
  const nextSeq = () => (state.seq += 1)
  const newId = (prefix: string) => `${prefix}${inShanghai(clock()).format('YYMMDD')}${String(nextSeq()).padStart(6, '0')}`

  function regionOf(person: DemoPerson): Region {
    const region = findRegion(person.regionCode)
    if (!region) throw new Error(`demo person ${person.id} has an unknown region`)
    return region
  }

  /** The coverage year people talk about today: the one whose window is open, else this year. */
  function referenceYear(person: DemoPerson): number {
    const window = openResidentWindow(today(), regionOf(person).province)
    return window ? window.coverageYear : Number(today().slice(0, 4))
  }

  function ordersOf(person: DemoPerson): StoredOrder[] {
    return state.orders.filter((o) => o.personId === person.id)
  }

  function paidResidentYears(person: DemoPerson): number[] {
    const years = new Set<number>()
    if (person.residentPaidThrough !== null) {
      const through = referenceYear(person) + person.residentPaidThrough
      for (let y = through - Math.max(person.history.continuousYears, 1) + 1; y <= through; y++) years.add(y)
    }
    for (const o of ordersOf(person)) {
      if (isPaidState(o.state) && o.selection.kind === 'resident') years.add(o.selection.coverageYear)
    }
    return [...years].sort((a, b) => a - b)
  }

  function paidFlexibleMonths(person: DemoPerson): IsoMonth[] {
    const months = new Set<IsoMonth>()
    if (person.flexibleRegisteredFrom !== undefined && person.flexiblePaidMonthsAgo !== undefined) {
      const through = addMonthsToMonth(shanghaiMonth(clock()), -person.flexiblePaidMonthsAgo)
      const count = monthsBetween(person.flexibleRegisteredFrom, through)
      for (let i = 0; i <= count; i++) months.add(addMonthsToMonth(person.flexibleRegisteredFrom, i))
    }
    for (const o of ordersOf(person)) {
      if (isPaidState(o.state) && o.selection.kind === 'flexible') o.selection.months.forEach((m) => months.add(m))
    }
    return [...months].sort()
  }

  function subsidyLabel(person: DemoPerson): string | undefined {
    return person.subsidy === 'none' ? undefined : SUBSIDY_RULES.find((r) => r.group === person.subsidy)?.label
  }

  function payerView(person: DemoPerson): ResponseOf<'lookupPayer'> {
    const region = regionOf(person)
    return {
      payerRef: payerRefOf(person),
      maskedName: maskName(person.name),
      maskedIdNumber: maskIdNumber(person.idNumber),
      idType: person.idType,
      region: { code: region.code, name: region.name, taxAuthority: region.taxAuthority },
      kind: person.status === 'flexible' ? 'flexible' : 'resident',
      isSelf: person.id === SELF_PERSON_ID,
      subsidyLabel: subsidyLabel(person),
    }
  }

  function birthDateOf(person: DemoPerson): string | undefined {
    const parsed = parseIdDocument(person.idType, person.idNumber, today())
    return parsed.ok ? parsed.doc.birthDate : undefined
  }

  function residentYears(person: DemoPerson) {
    const region = regionOf(person)
    const birthDate = birthDateOf(person)
    return payableResidentYears({ today: today(), province: region.province, paidYears: paidResidentYears(person), history: person.history, birthDate })
      .map((p) => {
        const amount = residentAmount(p.coverageYear, person.subsidy)
        if (!amount) return undefined
        const cover = residentCoverStart({
          paymentDate: today(),
          coverageYear: p.coverageYear,
          province: region.province,
          history: person.history,
          birthDate,
        })
        return {
          coverageYear: p.coverageYear,
          label: coverageYearLabel(p.coverageYear),
          standardFen: amount.standardFen,
          subsidyFen: amount.subsidyFen,
          payableFen: amount.payableFen,
          inWindow: p.inWindow,
          windowStart: p.window.start,
          windowEnd: p.window.end,
          coverStart: cover.date,
          coverReason: cover.reason,
        }
      })
      .filter(<T,>(x: T | undefined): x is T => x !== undefined)
  }

  function flexibleDue(person: DemoPerson) {
    const region = regionOf(person)
    const policy = flexiblePolicy(region.province, Number(today().slice(0, 4)))
    if (!policy || !person.flexibleRegisteredFrom) return undefined
    const months = payableFlexibleMonths({ today: today(), paidMonths: paidFlexibleMonths(person), registeredFrom: person.flexibleRegisteredFrom })
    const cover = flexibleCoverStart({ paymentDate: today(), history: person.history })
    return { policy, months, cover }
  }

  function personForRef(payerRef: string): DemoPerson {
    const person = refToPerson.get(payerRef)
    if (!person) return fail('NOT_REGISTERED', MOCK_MESSAGES.notRegistered)
    return person
  }

  function openOrderOf(person: DemoPerson): StoredOrder | undefined {
    return ordersOf(person)
      .filter((o) => o.state === 'pending' || o.state === 'paying' || o.state === 'failed')
      .sort((a, b) => b.createdAt - a.createdAt)[0]
  }

  function latestPaidOrder(person: DemoPerson): StoredOrder | undefined {
    return ordersOf(person)
      .filter((o) => isPaidState(o.state))
      .sort((a, b) => b.createdAt - a.createdAt)[0]
  }

  function orderView(o: StoredOrder): OrderView {
    const person = personById.get(o.personId)!
    const region = regionOf(person)
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
    const person = personById.get(o.personId)!
    // 电子税票号码: region, date and a running number: unique within the mock.
    o.voucherNo = `3${person.regionCode}${inShanghai(at).format('YYMMDD')}${String(nextSeq()).padStart(5, '0')}`
    const attempt = state.attempts.find((a) => a.attemptId === o.currentAttemptId)
    if (attempt) attempt.state = 'paid'
  }

  /** Lets the backend's own clock move orders along, as the real system would between calls. */
  function advance(): boolean {
    const now = clock()
    let changed = false
    for (const o of state.orders) {
      const attempt = state.attempts.find((a) => a.attemptId === o.currentAttemptId)
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
        o.failReason = '扣款已原路退回'
        changed = true
      }
      if ((o.state === 'pending' || o.state === 'failed') && o.updatedAt + delays.pendingExpiryMs <= now) {
        setState(o, 'closed', now)
        changed = true
      }
    }
    return changed
  }

  type PricedSelection = Pick<StoredOrder, 'selection' | 'amountFen' | 'subsidyFen' | 'periodLabel' | 'periodStart' | 'periodEnd' | 'tierLabel' | 'coverStart'>

  /** What an order for this selection would be, or the typed reason it cannot be made. */
  function priceSelection(person: DemoPerson, selection: OrderSelection): PricedSelection {
    if (selection.kind === 'resident') {
      if (person.status !== 'resident') fail('INVALID_REQUEST', '该缴费人不能缴纳城乡居民医保')
      const year = residentYears(person).find((y) => y.coverageYear === selection.coverageYear)
      if (!year) {
        if (paidResidentYears(person).includes(selection.coverageYear)) fail('ALREADY_PAID', MOCK_MESSAGES.alreadyPaid, latestPaidOrder(person)?.orderId)
        fail('WINDOW_CLOSED', MOCK_MESSAGES.windowClosed)
      }
      const range = coverageYearRange(selection.coverageYear)
      return {
        selection,
        amountFen: year!.payableFen,
        subsidyFen: year!.subsidyFen,
        periodLabel: year!.label,
        periodStart: range.start,
        periodEnd: range.end,
        coverStart: year!.coverStart,
      }
    }
    if (person.status !== 'flexible') fail('INVALID_REQUEST', '该缴费人不能缴纳灵活就业医保')
    const due = flexibleDue(person)
    const tier = due?.policy.tiers.find((t) => t.code === selection.tierCode)
    if (!due || !tier) return fail('INVALID_REQUEST', '所选缴费档次无效')
    if (!isContiguousFromStart(selection.months, due.months)) {
      if (selection.months.some((m) => paidFlexibleMonths(person).includes(m))) fail('ALREADY_PAID', MOCK_MESSAGES.alreadyPaid, latestPaidOrder(person)?.orderId)
      fail('INVALID_REQUEST', '请从最早的未缴月份起连续选择')
    }
    const months = [...selection.months].sort()
    const first = monthRange(months[0])
    const last = monthRange(months[months.length - 1])
    return {
      selection: { ...selection, months },
      amountFen: tier.monthlyFen * months.length,
      subsidyFen: 0,
      periodLabel: months.length === 1 ? monthLabel(months[0]) : `${monthLabel(months[0])}至${monthLabel(months[months.length - 1])}`,
      periodStart: first.start,
      periodEnd: last.end,
      tierLabel: tier.label,
      coverStart: due.cover.date,
    }
  }

  function buildOrder(person: DemoPerson, selection: OrderSelection, idempotencyKey: string): StoredOrder {
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

  // ---- 请家人代缴 ------------------------------------------------------------------------------

  /** Random, so it says nothing of the person, the period or when it was made. */
  function newShareToken(): string {
    for (;;) {
      const bytes = new Uint8Array(TOKEN_LENGTH)
      randomBytes(bytes)
      const token = Array.from(bytes, (b) => TOKEN_ALPHABET[b & 63]).join('')
      if (!state.shares.some((s) => s.token === token)) return token
    }
  }

  /** The person-period the token opens has been paid (by anyone, through any channel). */
  function isSharePaid(person: DemoPerson, selection: OrderSelection): boolean {
    if (selection.kind === 'resident') return paidResidentYears(person).includes(selection.coverageYear)
    const paid = paidFlexibleMonths(person)
    return selection.months.some((m) => paid.includes(m))
  }

  function findShare(token: unknown): StoredShare {
    if (typeof token !== 'string' || !SHARE_TOKEN_PATTERN.test(token)) return fail('SHARE_INVALID', MOCK_MESSAGES.shareInvalid)
    const share = state.shares.find((s) => s.token === token)
    if (!share || !personById.has(share.personId)) return fail('SHARE_INVALID', MOCK_MESSAGES.shareInvalid)
    return share
  }

  function seedReceipts(s: MockState): void {
    for (const person of DEMO_PEOPLE) {
      for (const offset of person.seededReceipts ?? []) {
        const year = referenceYear(person) + offset
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
          voucherNo: `3${person.regionCode}${inShanghai(paidAt).format('YYMMDD')}${String((s.seq += 1)).padStart(5, '0')}`,
        }
        s.orders.push(order)
      }
    }
  }

  let state = load()

  // ---- handlers -----------------------------------------------------------------------------

  const handlers: { [M in Method]: (request: RequestOf<M>) => ResponseOf<M> } = {
    lookupPayer(request) {
      if (request.mode === 'self') return payerView(personById.get(SELF_PERSON_ID)!)
      if (request.mode === 'ref') return payerView(personForRef(request.payerRef))
      const id = parseIdDocument(request.idType, request.idNumber, today())
      if (!id.ok) return fail('INVALID_REQUEST', id.message)
      const name = parsePersonName(request.name)
      if (!name.ok) return fail('INVALID_REQUEST', name.message)
      const person = DEMO_PEOPLE.find((p) => {
        if (p.idNumber !== id.doc.number) return false
        // 社会保障号码 is by law the citizen ID number, so it finds the same person.
        return p.idType === request.idType || request.idType === 'social_security'
      })
      if (!person || person.status === 'unregistered') return fail('NOT_REGISTERED', MOCK_MESSAGES.notRegistered)
      if (name.name.toLowerCase() !== person.name.toLowerCase()) return fail('NAME_MISMATCH', MOCK_MESSAGES.nameMismatch)
      if (person.status === 'employee') return fail('EMPLOYEE_COVERED', MOCK_MESSAGES.employee)
      return payerView(person)
    },

    listDueItems({ payerRef }) {
      const person = personForRef(payerRef)
      if (person.status === 'employee') return fail('EMPLOYEE_COVERED', MOCK_MESSAGES.employee)
      const open = openOrderOf(person)
      const response: DueItemsResponse = {
        payer: payerView(person),
        itemName: person.status === 'flexible' ? FLEXIBLE_ITEM : RESIDENT_ITEM,
        openOrderId: open?.orderId,
      }
      if (person.status === 'flexible') {
        const due = flexibleDue(person)
        if (due && due.months.length > 0) {
          response.flexible = {
            months: due.months.map((m) => ({ month: m, label: monthLabel(m) })),
            tiers: due.policy.tiers.map(({ code, label, baseFen, monthlyFen }) => ({ code, label, baseFen, monthlyFen })),
            defaultTierCode: due.policy.tiers[0].code,
            coverStart: due.cover.date,
            coverReason: due.cover.reason,
          }
        } else if (paidFlexibleMonths(person).includes(shanghaiMonth(clock()))) {
          return fail('NOTHING_DUE', MOCK_MESSAGES.nothingDue, latestPaidOrder(person)?.orderId)
        } else {
          return fail('NOTHING_DUE', MOCK_MESSAGES.nothingDue)
        }
      } else {
        const years = residentYears(person)
        if (years.length === 0) {
          if (paidResidentYears(person).includes(referenceYear(person))) return fail('ALREADY_PAID', MOCK_MESSAGES.alreadyPaid, latestPaidOrder(person)?.orderId)
          return fail('NOTHING_DUE', MOCK_MESSAGES.nothingDue)
        }
        response.resident = { years }
      }
      return response
    },

    createOrder({ idempotencyKey, payerRef, selection }) {
      const existing = state.orders.find((o) => o.idempotencyKey === idempotencyKey)
      const person = personForRef(payerRef)
      if (existing) {
        if (existing.personId !== person.id) return fail('INVALID_REQUEST', '请求标识重复')
        return orderView(existing)
      }
      const holder = ordersOf(person).find((o) => holdsPeriod(o.state) && overlaps(o.selection, selection))
      if (holder) {
        if (isPaidState(holder.state)) return fail('ALREADY_PAID', MOCK_MESSAGES.alreadyPaid, holder.orderId)
        if (holder.state === 'reversing') return fail('PAYMENT_LOCKED', MOCK_MESSAGES.locked, holder.orderId)
        // The same person-period is already on an unpaid order: hand that one back, never a second.
        if (sameSelection(holder.selection, selection) || holder.state === 'paying') return orderView(holder)
        setState(holder, 'closed', clock())
      }
      const order = buildOrder(person, selection, idempotencyKey)
      state.orders.push(order)
      return orderView(order)
    },

    startPayment({ orderId }) {
      const order = state.orders.find((o) => o.orderId === orderId)
      if (!order) return fail('ORDER_NOT_FOUND', '未找到该订单')
      if (isPaidState(order.state)) return fail('ALREADY_PAID', MOCK_MESSAGES.alreadyPaid, order.orderId)
      if (order.state === 'reversing') return fail('PAYMENT_LOCKED', MOCK_MESSAGES.locked, order.orderId)
      let attempt = state.attempts.find((a) => a.attemptId === order.currentAttemptId)
      if (!(order.state === 'paying' && attempt?.state === 'open')) {
        if (!canStartPayment(order.state)) return fail('ORDER_NOT_PAYABLE', '该订单已关闭，请重新发起缴费', order.orderId)
        attempt = { attemptId: newId('PA'), orderId, state: 'open', startedAt: clock(), amountFen: order.amountFen }
        state.attempts.push(attempt)
        order.currentAttemptId = attempt.attemptId
        order.attempts += 1
        order.failReason = undefined
        setState(order, 'paying', clock())
      }
      const person = personById.get(order.personId)!
      return {
        attemptId: attempt!.attemptId,
        amountFen: order.amountFen,
        payee: regionOf(person).taxAuthority,
        cashier: 'demo',
        payParams: {
          timeStamp: String(Math.floor(attempt!.startedAt / 1000)),
          nonceStr: opaqueHash(`nonce:${attempt!.attemptId}`),
          package: `prepay_id=mock_${attempt!.attemptId}`,
          signType: 'RSA',
          paySign: `MOCKSIGN${opaqueHash(attempt!.attemptId)}`,
        },
        order: orderView(order),
      }
    },

    queryOrder({ orderId }) {
      const order = state.orders.find((o) => o.orderId === orderId)
      if (!order) return fail('ORDER_NOT_FOUND', '未找到该订单')
      return orderView(order)
    },

    listRecords({ payerRef, year }) {
      const person = payerRef ? personForRef(payerRef) : undefined
      const records = state.orders
        .filter((o) => o.state !== 'closed' && o.state !== 'pending')
        .filter((o) => !person || o.personId === person.id)
        .filter((o) => year === undefined || o.periodStart.startsWith(String(year)))
        .sort((a, b) => b.createdAt - a.createdAt)
        .map(orderView)
      return { records }
    },

    createShareToken({ payerRef, selection }) {
      const person = personForRef(payerRef)
      if (person.status === 'employee') return fail('EMPLOYEE_COVERED', MOCK_MESSAGES.employee)
      const priced = priceSelection(person, selection)
      const now = clock()
      state.shares = state.shares.filter((s) => s.expiresAt + SHARE_RETENTION_MS > now)
      const share: StoredShare = { token: newShareToken(), personId: person.id, selection: priced.selection, createdAt: now, expiresAt: now + delays.shareExpiryMs }
      state.shares.push(share)
      return {
        token: share.token,
        expiresAt: share.expiresAt,
        maskedName: maskName(person.name),
        itemName: priced.selection.kind === 'resident' ? RESIDENT_ITEM : FLEXIBLE_ITEM,
        periodLabel: priced.periodLabel,
        amountFen: priced.amountFen,
      }
    },

    openShareToken(request) {
      const share = findShare((request as { token?: unknown } | null | undefined)?.token)
      const person = personById.get(share.personId)!
      // Paid beats expired: "nothing left to pay" is the more useful answer.
      if (isSharePaid(person, share.selection)) return fail('SHARE_USED', MOCK_MESSAGES.shareUsed)
      if (clock() >= share.expiresAt) return fail('SHARE_EXPIRED', MOCK_MESSAGES.shareExpired)
      try {
        priceSelection(person, share.selection)
      } catch (error) {
        if (error instanceof MockError && error.body.code === 'WINDOW_CLOSED') throw error
        // The period is no longer payable as shared (e.g. a new year's 档次): the card is stale.
        return fail('SHARE_EXPIRED', MOCK_MESSAGES.shareStale)
      }
      // Whoever opens a card pays for someone else; this mock has one logged-in user, so it
      // cannot tell the sharer from the family member and always answers 代他人缴费.
      const payer = { ...payerView(person), isSelf: false }
      const due = { ...handlers.listDueItems({ payerRef: payer.payerRef }), payer }
      return { payer, due, selection: share.selection, expiresAt: share.expiresAt }
    },

    getReceipt({ orderId }) {
      const order = state.orders.find((o) => o.orderId === orderId)
      if (!order) return fail('ORDER_NOT_FOUND', '未找到该订单')
      if (!isPaidState(order.state) || !order.voucherNo || order.paidAt === undefined) return fail('ORDER_NOT_PAYABLE', '该订单尚未缴费成功，暂无缴费凭证', orderId)
      const view = orderView(order)
      return {
        orderId,
        taxVoucherNo: order.voucherNo,
        payerMaskedName: view.payer.maskedName,
        idType: view.payer.idType,
        maskedIdNumber: view.payer.maskedIdNumber,
        itemName: view.itemName,
        periodLabel: view.periodLabel,
        periodStart: view.periodStart,
        periodEnd: view.periodEnd,
        amountFen: view.amountFen,
        amountCapital: toChineseCapital(view.amountFen),
        taxAuthority: view.taxAuthority,
        channel: '微信支付',
        paidAt: order.paidAt,
        bookingState: order.state === 'settled' ? 'settled' : 'paid',
      }
    },
  }

  function handle(method: Method, request: unknown): unknown {
    if (advance()) save()
    // A server checks what reaches it, whatever the client did.
    if (!METHODS[method]?.request.safeParse(request).success) {
      // A mangled share link is a bad link, not a bad form.
      if (method === 'openShareToken') return { ok: false, error: { code: 'SHARE_INVALID', message: MOCK_MESSAGES.shareInvalid } }
      return { ok: false, error: { code: 'INVALID_REQUEST', message: MOCK_MESSAGES.invalidRequest } }
    }
    try {
      const data = (handlers[method] as (r: unknown) => unknown)(request)
      save()
      // A real answer crosses a wire: hand back a copy, never live state.
      return JSON.parse(JSON.stringify({ ok: true, data }))
    } catch (error) {
      if (error instanceof MockError) return { ok: false, error: error.body }
      throw error
    }
  }

  function takeFault(method: Method): FaultKind | undefined {
    const index = faults.findIndex((f) => f.method === method)
    if (index < 0) return undefined
    return faults.splice(index, 1)[0].kind
  }

  const transport: Transport = {
    async call(method, request) {
      if (latencyMs > 0) await sleep(latencyMs)
      const fault = takeFault(method)
      if (fault === 'error') return { ok: false, error: { code: 'SERVER', message: MOCK_MESSAGES.busy } }
      if (fault === 'timeout') return { ok: false, error: { code: 'TIMEOUT', message: MOCK_MESSAGES.timeout } }
      if (fault === 'malformed') return { ok: true, data: { unexpected: true } }
      if (fault === 'duplicate') handle(method, request)
      const response = handle(method, request)
      if (fault === 'lost_response') return { ok: false, error: { code: 'NETWORK', message: MOCK_MESSAGES.lost } }
      return response
    },
  }

  /** Stands in for WeChat's cashier and its server notification to the merchant backend. */
  function completeAttempt(attemptId: string, action: CashierAction): CashierOutcome {
    if (advance()) save()
    const attempt = state.attempts.find((a) => a.attemptId === attemptId)
    const order = attempt && state.orders.find((o) => o.orderId === attempt.orderId)
    if (!attempt || !order || attempt.state !== 'open' || order.state !== 'paying' || order.currentAttemptId !== attemptId) {
      return { result: 'fail', errMsg: 'requestPayment:fail 订单已失效' }
    }
    // The cashier already took the money for this attempt (its confirmation is on its way): it
    // cannot be paid or cancelled a second time.
    if (order.lateConfirmAt !== undefined) return { result: 'fail', errMsg: 'requestPayment:fail 该订单已支付' }
    const now = clock()
    const fault = cashierFaults.shift()
    const person = personById.get(order.personId)!
    if (action === 'cancel' && fault !== 'cancel_but_paid') {
      attempt.state = 'cancelled'
      setState(order, 'pending', now)
      save()
      return { result: 'cancel', errMsg: 'requestPayment:fail cancel' }
    }
    const reported: CashierOutcome = action === 'cancel' ? { result: 'cancel', errMsg: 'requestPayment:fail cancel' } : { result: 'ok', errMsg: 'requestPayment:ok' }
    switch (person.behaviour) {
      case 'insufficient_funds':
        attempt.state = 'failed'
        setState(order, 'failed', now)
        order.failReason = '银行卡余额不足'
        save()
        return { result: 'fail', errMsg: 'requestPayment:fail 余额不足' }
      case 'debit_reversed':
        attempt.state = 'reversed'
        setState(order, 'reversing', now)
        order.moneyTaken = true
        order.reversingSince = now
        order.failReason = '扣款成功但税款入库失败，款项将原路退回'
        break
      case 'late':
        order.lateConfirmAt = now + delays.lateConfirmMs
        break
      default:
        if (fault === 'late_notification') order.lateConfirmAt = now + delays.lateConfirmMs
        else markPaid(order, now)
    }
    save()
    return reported
  }

  return {
    transport,
    cashier: {
      complete: async (attemptId: string, action: CashierAction): Promise<CashierOutcome> => {
        if (latencyMs > 0) await sleep(latencyMs)
        return completeAttempt(attemptId, action)
      },
      inject: (fault: CashierFault) => void cashierFaults.push(fault),
    },
    faults: {
      inject: (fault: Fault) => void faults.push(fault),
      clear: () => {
        faults.length = 0
        cashierFaults.length = 0
      },
      pending: (): readonly Fault[] => [...faults],
    },
    inspect: {
      shares: () => state.shares.map((s) => ({ ...s })),
      orders: () => {
        if (advance()) save()
        return state.orders.map((o) => ({ ...o }))
      },
      /** Money movements, for the reliability invariants: taken = receipts + refunds pending + refunded. */
      ledger: () => {
        if (advance()) save()
        const sum = (xs: { amountFen: number }[]) => xs.reduce((t, x) => t + x.amountFen, 0)
        const appOrders = state.orders.filter((o) => !o.idempotencyKey.startsWith('seed_'))
        return {
          takenFen: sum(state.attempts.filter((a) => a.state === 'paid' || a.state === 'reversed' || (a.state === 'open' && state.orders.some((o) => o.currentAttemptId === a.attemptId && o.lateConfirmAt !== undefined)))),
          receiptsFen: sum(appOrders.filter((o) => isPaidState(o.state))),
          refundPendingFen: sum(appOrders.filter((o) => o.state === 'reversing')),
          refundedFen: sum(appOrders.filter((o) => o.state === 'refunded')),
        }
      },
    },
    reset: () => {
      storage.removeItem(MOCK_STORAGE_KEY)
      state = freshState()
      save()
    },
  }
}

export type MockBackend = ReturnType<typeof createMockBackend>
