/**
 * The mock's persisted state (orders, payment attempts, share tokens), read through its schema
 * from injected storage so orders survive a restart; what fails the check is set aside, never trusted.
 */
import * as z from 'zod/mini'
import { ORDER_STATES } from '../../domain/orderState'
import { MOCK_STORAGE_KEY, type KeyValueStore } from '../storage'

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
  /** An item of a 全部缴纳 order, which carries its payment attempts. */
  familyOrderId: z.optional(z.string()),
})
export type StoredOrder = z.infer<typeof storedOrder>

const storedAttempt = z.object({
  attemptId: z.string(),
  /** The order paid: a person's order, or a family order (familyOrderId). */
  orderId: z.string(),
  state: z.enum(['open', 'paid', 'failed', 'cancelled', 'expired', 'reversed']),
  startedAt: z.number(),
  amountFen: z.int(),
})
export type StoredAttempt = z.infer<typeof storedAttempt>

/** A 全部缴纳 order: its items are stored orders; it holds the payment over their sum. */
const storedFamilyOrder = z.object({
  familyOrderId: z.string(),
  idempotencyKey: z.string(),
  /** The request's items (person and selection), to tell a retry from a reused key. */
  requested: z.string(),
  itemOrderIds: z.array(z.string()),
  state: z.enum(ORDER_STATES),
  createdAt: z.number(),
  updatedAt: z.number(),
  paidAt: z.optional(z.number()),
  failReason: z.optional(z.string()),
  attempts: z.int(),
  currentAttemptId: z.optional(z.string()),
  lateConfirmAt: z.optional(z.number()),
})
export type StoredFamilyOrder = z.infer<typeof storedFamilyOrder>

/** A 请家人代缴 token and the one person-period it opens. */
const storedShare = z.object({
  token: z.string(),
  personId: z.string(),
  selection: storedSelection,
  createdAt: z.number(),
  expiresAt: z.number(),
})
export type StoredShare = z.infer<typeof storedShare>

const mockState = z.object({
  version: z.literal(1),
  seq: z.int(),
  orders: z.array(storedOrder),
  attempts: z.array(storedAttempt),
  // Added after version 1 shipped: state stored before then has none, which is simply no shares.
  shares: z._default(z.array(storedShare), () => []),
  // Likewise 全部缴纳: state stored before it has no family orders.
  familyOrders: z._default(z.array(storedFamilyOrder), () => []),
})
export type MockState = z.infer<typeof mockState>

export interface MockStore {
  /** The live state; replaced by reset(). */
  readonly state: MockState
  save(): void
  /** Back to the seeded start, as 演示后台 offers. */
  reset(): void
}

/**
 * `seed` fills a fresh state (the demo's paid history); `isKnownPerson` rejects stored records
 * naming someone the registry no longer has (shaped right is not enough).
 */
export function createMockStore(storage: KeyValueStore, seed: (s: MockState) => void, isKnownPerson: (id: string) => boolean): MockStore {
  function freshState(): MockState {
    const s: MockState = { version: 1, seq: 0, orders: [], attempts: [], shares: [], familyOrders: [] }
    seed(s)
    return s
  }

  function isCoherent(s: MockState): boolean {
    return (
      s.orders.every((o) => isKnownPerson(o.personId) && o.amountFen >= 0 && o.subsidyFen >= 0) &&
      s.orders.every((o) => o.familyOrderId === undefined || s.familyOrders.some((f) => f.familyOrderId === o.familyOrderId)) &&
      s.attempts.every((a) => a.amountFen >= 0) &&
      s.shares.every((sh) => isKnownPerson(sh.personId)) &&
      s.familyOrders.every((f) => f.itemOrderIds.length > 0 && f.itemOrderIds.every((id) => s.orders.some((o) => o.orderId === id && o.familyOrderId === f.familyOrderId)))
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

  let state = load()
  const save = () => storage.setItem(MOCK_STORAGE_KEY, JSON.stringify(state))
  return {
    get state() {
      return state
    },
    save,
    reset() {
      storage.removeItem(MOCK_STORAGE_KEY)
      state = freshState()
      save()
    },
  }
}
