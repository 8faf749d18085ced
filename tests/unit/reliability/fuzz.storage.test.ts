/**
 * Fuzzed stored state (10,000 generated values per property): whatever a phone's storage holds —
 * another build's data, a truncated write, JSON of the wrong shape, junk — the pending order, the
 * journey snapshot and the embedded mock read it without throwing, drop (or move aside) what they
 * cannot trust, and keep what they can.
 */
import fc from 'fast-check'
import { createPendingOrderStore, PENDING_ORDER_KEY, type PendingOrder } from '@/storage/pendingOrder'
import { loadJourney, SNAPSHOT_KEY, SNAPSHOT_TTL_MS } from '@/storage/snapshot'
import type { DueItemsResponse, PayerView } from '@/contract'
import { orderSelection } from '@/contract/schemas'
import { createTestMock } from '@/services/mock/testMock'
import { storedChecks } from '@/services/storedChecks'
import { MOCK_STORAGE_KEY } from '@/services/storage'
import { DEMO_PEOPLE } from '@/services/mock/registry'
import { createMemoryStore } from '@/services/storage'
import { harness, START } from '../mock/harness'
import { evilString } from './evilStrings'

const RUNS = { numRuns: 10_000 }
const ID_NUMBERS = DEMO_PEOPLE.map((p) => p.idNumber)

function ensure(ok: boolean, what: string): void {
  if (!ok) throw new Error(what)
}

/** What storage may hold under a key: text, flagged when we built it to be valid. */
interface Stored {
  raw: string
  valid: boolean
}

/** Breaks a valid object the ways old builds and bad writes do. */
function spoiled(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<string> {
  return fc
    .tuple(valid, fc.nat(), fc.constantFrom('drop', 'retype', 'truncate', 'wrap', 'array', 'version'), fc.jsonValue())
    .map(([obj, at, how, junk]) => {
      const keys = Object.keys(obj)
      const key = keys[at % keys.length]
      const json = JSON.stringify(obj)
      switch (how) {
        case 'drop': {
          const copy = { ...obj }
          delete copy[key]
          return JSON.stringify(copy)
        }
        case 'retype':
          return JSON.stringify({ ...obj, [key]: junk === obj[key] ? null : junk })
        case 'truncate':
          return json.slice(0, at % json.length)
        case 'wrap':
          return JSON.stringify({ data: obj, v: 1 })
        case 'array':
          return JSON.stringify([obj])
        default:
          return JSON.stringify({ ...obj, version: 0 })
      }
    })
}

/** Junk of every kind: any text, any JSON, JSON-looking fragments. */
const junk: fc.Arbitrary<string> = fc.oneof(
  evilString,
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.anything({ maxDepth: 3 }).map((v) => {
    try {
      return JSON.stringify(v) ?? String(v)
    } catch {
      return String(v)
    }
  }),
  fc.constantFrom('{', '[', '{"', 'null', 'true', '0', '""', '[]', '{}', '{"key":', '\ufeff{}', ' {} ', 'undefined', 'NaN', '{"__proto__":{"key":"x"}}'),
)

// ---- the pending order ----------------------------------------------------------------------

const isoMonth = fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`)
const selection = fc.oneof(
  fc.record({ kind: fc.constant('resident' as const), coverageYear: fc.integer({ min: 1990, max: 2100 }) }),
  fc.record({ kind: fc.constant('flexible' as const), months: fc.array(isoMonth, { minLength: 1, maxLength: 24 }), tierCode: fc.string({ maxLength: 20 }) }),
)
const pendingRecord: fc.Arbitrary<PendingOrder> = fc.record(
  { key: fc.string({ maxLength: 40 }), payerRef: fc.string({ maxLength: 40 }), selection, orderId: fc.string({ maxLength: 30 }) },
  { requiredKeys: ['key', 'payerRef', 'selection'] },
)
const storedPending: fc.Arbitrary<Stored> = fc.oneof(
  { weight: 2, arbitrary: pendingRecord.map((r) => ({ raw: JSON.stringify(r), valid: true })) },
  { weight: 3, arbitrary: spoiled(pendingRecord as unknown as fc.Arbitrary<Record<string, unknown>>).map((raw) => ({ raw, valid: false })) },
  // An older record: the selection flat on the record, as a first build might have saved it.
  { weight: 1, arbitrary: fc.record({ key: fc.string(), payerRef: fc.string(), coverageYear: fc.integer() }).map((r) => ({ raw: JSON.stringify(r), valid: false })) },
  { weight: 3, arbitrary: junk.map((raw) => ({ raw, valid: false })) },
)

describe('fuzz: stored state', () => {
  it('the pending order: a well-formed record is returned as saved; anything else is dropped, never thrown', async () => {
    await fc.assert(
      fc.asyncProperty(storedPending, async ({ raw, valid }) => {
        const storage = createMemoryStore({ [PENDING_ORDER_KEY]: raw, unrelated: 'kept' })
        const loaded = await createPendingOrderStore(storage, async () => storedChecks).load()
        ensure(storage.getItem('unrelated') === 'kept', 'another key was touched')
        if (loaded === undefined) {
          ensure(!valid, `a valid record was dropped: ${raw}`)
          // '' reads as "nothing saved" (Taro's getStorageSync gives '' for a missing key; taroStore maps it to null).
          if (raw !== '') ensure(storage.getItem(PENDING_ORDER_KEY) === null, `the unreadable record stayed: ${raw}`)
          return
        }
        ensure(storage.getItem(PENDING_ORDER_KEY) === raw, 'a readable record was rewritten')
        ensure(typeof loaded.key === 'string' && typeof loaded.payerRef === 'string', `malformed record returned: ${raw}`)
        ensure(loaded.orderId === undefined || typeof loaded.orderId === 'string', `malformed orderId returned: ${raw}`)
        ensure(orderSelection.safeParse(loaded.selection).success, `malformed selection returned: ${raw}`)
        if (valid) expect(loaded).toEqual(JSON.parse(raw))
      }),
      RUNS,
    )
  })

  // ---- the journey snapshot ---------------------------------------------------------------

  let people: { payer: PayerView; due: DueItemsResponse }[] = []
  beforeAll(async () => {
    const h = harness()
    for (const id of ['p01', 'p03', 'p06', 'p08', 'p09', 'p14']) {
      const payerRef = await h.refOf(id)
      people.push({ payer: await h.backend.lookupPayer({ mode: 'ref', payerRef }), due: await h.backend.listDueItems({ payerRef }) })
    }
    people = people.filter((p) => p.due)
  })

  it('the journey: kept only if well-formed and fresh; otherwise removed, never thrown; never an ID number', () => {
    const journey = (now: number) =>
      fc.record({
        savedAt: fc.integer({ min: now - 2 * SNAPSHOT_TTL_MS, max: now + 60_000 }),
        mode: fc.constantFrom('self', 'other'),
        person: fc.nat({ max: people.length - 1 }),
        selection: fc.option(selection, { nil: undefined }),
      })
    const stored = fc.integer({ min: START - 3_600_000, max: START + 365 * 24 * 3_600_000 }).chain((now) =>
      fc.tuple(
        fc.constant(now),
        fc.oneof(
          { weight: 3, arbitrary: journey(now).map(({ person, ...j }) => ({ raw: JSON.stringify({ ...j, ...people[person] }), valid: true })) },
          { weight: 3, arbitrary: spoiled(journey(now).map(({ person, ...j }) => ({ ...j, ...people[person] }))).map((raw) => ({ raw, valid: false })) },
          { weight: 3, arbitrary: junk.map((raw) => ({ raw, valid: false })) },
        ),
      ),
    )
    fc.assert(
      fc.property(stored, ([now, { raw, valid }]) => {
        const storage = createMemoryStore({ [SNAPSHOT_KEY]: raw, unrelated: 'kept' })
        const loaded = loadJourney(storage, now, storedChecks.journey)
        ensure(storage.getItem('unrelated') === 'kept', 'another key was touched')
        if (loaded === undefined) {
          if (valid) {
            const { savedAt } = JSON.parse(raw) as { savedAt: number }
            ensure(savedAt > now || now - savedAt > SNAPSHOT_TTL_MS, `a fresh, valid journey was dropped: ${raw.slice(0, 200)}`)
          }
          if (raw !== '') ensure(storage.getItem(SNAPSHOT_KEY) === null, `the unusable journey stayed: ${raw.slice(0, 200)}`)
          return
        }
        const saved = JSON.parse(raw) as { savedAt: number; mode: string; payer: PayerView }
        ensure(saved.savedAt <= now && now - saved.savedAt <= SNAPSHOT_TTL_MS, 'a stale journey was kept')
        ensure(loaded.payer?.payerRef === saved.payer.payerRef && loaded.mode === saved.mode, 'the journey came back changed')
        const text = JSON.stringify(loaded)
        ensure(!ID_NUMBERS.some((id) => text.includes(id)), 'a journey carries a full ID number')
      }),
      RUNS,
    )
  })

  // ---- the embedded mock's own state ------------------------------------------------------

  let realState = ''
  beforeAll(async () => {
    // A state a real session leaves behind: orders in several states, attempts, a share, a paid 全部缴纳 order.
    const h = harness()
    const paid = await h.residentOrder('p01')
    const started = await h.backend.startPayment({ orderId: paid.order.orderId })
    await h.mock.cashier.complete(started.attemptId, 'pay')
    await h.residentOrder('p06')
    const late = await h.residentOrder('p11')
    await h.backend.startPayment({ orderId: late.order.orderId })
    await h.backend.createShareToken({ payerRef: await h.refOf('p08'), selection: { kind: 'resident', coverageYear: 2027 } })
    const items = [{ payerRef: await h.refOf('p07'), selection: { kind: 'resident' as const, coverageYear: 2027 } }, { payerRef: await h.refOf('p09'), selection: { kind: 'resident' as const, coverageYear: 2027 } }]
    const family = await h.backend.createFamilyOrder({ idempotencyKey: 'key_family_1', items })
    await h.mock.cashier.complete((await h.backend.startFamilyPayment({ familyOrderId: family.familyOrderId })).attemptId, 'pay')
    realState = h.storage.getItem(MOCK_STORAGE_KEY)!
  })

  it('the mock: any stored state is read without a throw; what it cannot trust is moved aside and it starts clean', async () => {
    const state = () => JSON.parse(realState) as Record<string, unknown>
    const storedState: fc.Arbitrary<Stored> = fc.oneof(
      { weight: 1, arbitrary: fc.constant({ raw: realState, valid: true }) },
      // Version 1 before shares were added: still readable.
      { weight: 1, arbitrary: fc.constant(null).map(() => ({ raw: JSON.stringify({ ...state(), shares: undefined }), valid: true })) },
      // Version 1 before 全部缴纳: no family orders and no order naming one; still readable.
      { weight: 1, arbitrary: fc.constant(null).map(() => ({ raw: JSON.stringify(beforeFamilyOrders(state())), valid: true })) },
      { weight: 4, arbitrary: spoiled(fc.constant(null).map(state)).map((raw) => ({ raw, valid: false })) },
      { weight: 4, arbitrary: junk.map((raw) => ({ raw, valid: false })) },
    )
    await fc.assert(
      fc.asyncProperty(storedState, async ({ raw, valid }) => {
        const storage = createMemoryStore({ [MOCK_STORAGE_KEY]: raw, unrelated: 'kept' })
        const mock = createTestMock({ clock: () => START, storage, latencyMs: 0 })
        ensure(storage.getItem('unrelated') === 'kept', 'another key was touched')
        const corrupt = storage.getItem(`${MOCK_STORAGE_KEY}.corrupt`)
        const appOrders = mock.inspect.orders().filter((o) => !o.idempotencyKey.startsWith('seed_'))
        if (corrupt === null) {
          ensure(valid || raw === '' || isAcceptable(raw), `unreadable state was kept: ${raw.slice(0, 200)}`)
        } else {
          ensure(!valid, `a readable state was moved aside: ${raw.slice(0, 200)}`)
          ensure(corrupt === raw, 'what was moved aside is not what was stored')
          ensure(appOrders.length === 0, 'the mock did not start clean')
        }
        // It answers (an envelope, never a throw), and what it stores afterwards is readable again.
        const self = (await mock.transport.call('lookupPayer', { mode: 'self' })) as { ok: boolean }
        ensure(self.ok === true, 'lookupPayer(self) failed')
        const records = (await mock.transport.call('listRecords', {})) as { ok: boolean }
        ensure(records.ok === true, 'listRecords failed')
        const again = createTestMock({ clock: () => START, storage, latencyMs: 0 })
        ensure(again.inspect.orders().length === mock.inspect.orders().length, 'the repaired state does not read back')
      }),
      RUNS,
    )
  })
})

function beforeFamilyOrders(state: Record<string, unknown>): Record<string, unknown> {
  const orders = (state.orders as { familyOrderId?: string }[]).filter((o) => o.familyOrderId === undefined)
  const attempts = (state.attempts as { orderId: string }[]).filter((a) => !(state.familyOrders as { familyOrderId: string }[]).some((f) => f.familyOrderId === a.orderId))
  return { ...state, orders, attempts, familyOrders: undefined }
}

/** Spoiling can leave a state the mock may rightly accept (e.g. a dropped optional field). */
function isAcceptable(raw: string): boolean {
  try {
    const parsed = JSON.parse(raw) as { version?: unknown; orders?: unknown; attempts?: unknown }
    return parsed?.version === 1 && Array.isArray(parsed.orders) && Array.isArray(parsed.attempts)
  } catch {
    return false
  }
}
