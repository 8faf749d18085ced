/**
 * Fuzzing the service seam (10,000 generated values per property): whatever a transport answers,
 * createBackend gives back a valid response or a typed BackendError; whatever a request holds,
 * the app's backend (createBackend over the embedded mock) answers or refuses it with a typed
 * error — the mock never crashes — and no error ever repeats the ID number that was sent.
 */
import fc from 'fast-check'
import { normaliseIdInput } from '@/domain/idDocument'
import { BackendError, ERROR_CODES, type Method, type RequestOf, type Transport } from '@/contract'
import { createBackend, envelope, METHODS } from '@/contract/schemas'
import { createTestMock } from '@/services/mock/testMock'
import { payerRefOf } from '@/services/mock/people'
import { DEMO_PEOPLE } from '@/services/mock/registry'
import { createMemoryStore } from '@/services/storage'
import { harness, START } from '../mock/harness'
import { CHINESE, evilString, mutated } from './evilStrings'

const RUNS = { numRuns: 10_000 }
const METHOD_NAMES = Object.keys(METHODS) as Method[]

function ensure(ok: boolean, what: string): void {
  if (!ok) throw new Error(what)
}

/** Any value as text, for messages and for looking for an ID number in an answer. */
const full = (value: unknown): string => {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? Object.prototype.toString.call(value)
  } catch {
    return Object.prototype.toString.call(value)
  }
}
const show = (value: unknown) => full(value).slice(0, 200)

// ---- a transport that answers anything ------------------------------------------------------

const VALID_REQUESTS: { [M in Method]: RequestOf<M> } = {
  lookupPayer: { mode: 'self' },
  listDueItems: { payerRef: 'pr_abcdef123' },
  createOrder: { idempotencyKey: 'ik_abcdef123', payerRef: 'pr_abcdef123', selection: { kind: 'resident', coverageYear: 2027 } },
  startPayment: { orderId: 'OD261123000007' },
  queryOrder: { orderId: 'OD261123000007' },
  cashierReturned: { orderId: 'OD261123000007', result: 'cancel' },
  listRecords: {},
  getReceipt: { orderId: 'OD261123000007' },
  createShareToken: { payerRef: 'pr_abcdef123', selection: { kind: 'resident', coverageYear: 2027 } },
  openShareToken: { token: 'ABCDEFGHIJKLMNOPQRSTUV' },
  createFamilyOrder: { idempotencyKey: 'ik_abcdef123', items: [{ payerRef: 'pr_abcdef123', selection: { kind: 'resident', coverageYear: 2027 } }] },
  startFamilyPayment: { familyOrderId: 'FO261123000007' },
  queryFamilyOrder: { familyOrderId: 'FO261123000007' },
  familyCashierReturned: { familyOrderId: 'FO261123000007', result: 'cancel' },
}

/** Deep-spoils a real answer: one value somewhere replaced by something else. */
function spoil(value: unknown, path: number[], junk: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return junk
  const entries = Object.entries(value as Record<string, unknown>)
  if (entries.length === 0) return junk
  const [key, inner] = entries[path[0] % entries.length]
  const copy = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) }
  ;(copy as Record<string, unknown>)[key] = spoil(inner, path.slice(1), junk)
  return copy
}

const anything = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withSparseArray: true,
  withTypedArray: true,
})

describe('fuzz: createBackend over a transport that answers anything', () => {
  const real: Partial<Record<Method, unknown>> = {}
  beforeAll(async () => {
    // Real answers of the mock, to spoil one field at a time.
    const h = harness()
    const record = (method: Method) => async (request: unknown) => {
      const answer = await h.mock.transport.call(method, request)
      real[method] = answer
      return answer
    }
    const recording = createBackend({ call: (method, request) => record(method)(request) })
    const self = await recording.lookupPayer({ mode: 'self' })
    await recording.listDueItems({ payerRef: self.payerRef })
    const order = await recording.createOrder({ idempotencyKey: 'ik_fuzz_000001', payerRef: self.payerRef, selection: { kind: 'resident', coverageYear: 2027 } })
    const start = await recording.startPayment({ orderId: order.orderId })
    await h.mock.cashier.complete(start.attemptId, 'pay')
    await recording.queryOrder({ orderId: order.orderId })
    await recording.getReceipt({ orderId: order.orderId })
    await recording.listRecords({})
    const share = await recording.createShareToken({ payerRef: await h.refOf('p08'), selection: { kind: 'resident', coverageYear: 2027 } })
    await recording.openShareToken({ token: share.token })
  })

  it('answers a valid response or throws a BackendError: BAD_RESPONSE, NETWORK or the error it was sent', async () => {
    const answer = (method: Method) =>
      fc.oneof(
        anything,
        fc.record({ ok: fc.constant(true), data: anything }),
        fc.record({ ok: fc.constant(false), error: anything }),
        fc.record({ ok: anything, data: anything, error: anything }, { requiredKeys: [] }),
        fc.record({
          ok: fc.constant(false),
          error: fc.record({ code: fc.constantFrom(...ERROR_CODES, 'NOPE', ''), message: evilString, orderId: fc.oneof(anything, fc.constant('OD261123000007')) }, { requiredKeys: ['code'] }),
        }),
        fc.tuple(fc.array(fc.nat(), { maxLength: 4 }), anything).map(([path, junk]) => spoil(real[method], path, junk)),
        fc.constant(real[method]),
      )
    const how = fc.constantFrom('return', 'resolve', 'throw', 'reject', 'throw BackendError')
    const scenario = fc.constantFrom(...METHOD_NAMES).chain((method) => fc.tuple(fc.constant(method), answer(method), how))

    await fc.assert(
      fc.asyncProperty(scenario, async ([method, value, mode]) => {
        const where = `${method} ${mode} ${show(value)}`
        const thrown = new BackendError({ code: 'TIMEOUT', message: '请求超时，请稍后重试' })
        const transport: Transport = {
          call: () => {
            if (mode === 'throw') throw value
            if (mode === 'reject') return Promise.reject(value)
            if (mode === 'throw BackendError') throw thrown
            return mode === 'resolve' ? Promise.resolve(value) : (value as Promise<unknown>)
          },
        }
        const backend = createBackend(transport) as unknown as Record<Method, (r: unknown) => Promise<unknown>>
        let result: { ok: true; value: unknown } | { ok: false; error: unknown }
        try {
          result = { ok: true, value: await backend[method](VALID_REQUESTS[method]) }
        } catch (error) {
          result = { ok: false, error }
        }
        if (result.ok) {
          ensure(mode === 'return' || mode === 'resolve', `${where}: resolved although the transport failed`)
          ensure(METHODS[method].response.safeParse(result.value).success, `${where}: resolved with an invalid response`)
          return
        }
        const { error } = result
        ensure(error instanceof BackendError, `${where}: threw ${show(error)}, not a BackendError`)
        const e = error as BackendError
        ensure((ERROR_CODES as readonly string[]).includes(e.code), `${where}: unknown code ${e.code}`)
        // The backend's own message is passed on as it is (the contract allows ''; the UI shows advice by code).
        ensure(typeof e.message === 'string', `${where}: no message`)
        if (mode === 'throw BackendError') return ensure(e === thrown, `${where}: the transport's BackendError was replaced`)
        if (mode === 'throw' || mode === 'reject') return ensure(e.code === 'NETWORK' && CHINESE.test(e.message), `${where}: a failed call is ${e.code}`)
        // A promise-like answer is awaited; anything it resolves to is judged like a plain answer.
        const settled = await Promise.resolve(value).catch(() => undefined)
        const wrapped = envelope.safeParse(settled)
        if (wrapped.success && !wrapped.data.ok) ensure(e.code === wrapped.data.error.code, `${where}: the backend's ${wrapped.data.error.code} became ${e.code}`)
        else ensure(e.code === 'BAD_RESPONSE' && CHINESE.test(e.message), `${where}: an unusable answer is ${e.code}, not BAD_RESPONSE`)
      }),
      RUNS,
    )
  })
})

// ---- requests holding anything --------------------------------------------------------------

const PAYER_REFS = DEMO_PEOPLE.map(payerRefOf)
const ID_NUMBERS = DEMO_PEOPLE.map((p) => p.idNumber)

const text = fc.oneof(evilString, fc.constantFrom(...PAYER_REFS, 'OD261123000007', 'ik_abcdef123', 'resident_id', 'other', 'self', 'ref'))
const idNumber = fc.oneof(evilString, mutated(fc.constantFrom(...ID_NUMBERS)), fc.constantFrom(...ID_NUMBERS))
const field = fc.oneof(text, anything)
const sel = fc.oneof(
  anything,
  fc.record({ kind: fc.constantFrom('resident', 'flexible', 'x'), coverageYear: fc.oneof(fc.integer({ min: 2020, max: 2030 }), anything) }),
  fc.record({ kind: fc.constant('flexible'), months: fc.oneof(fc.array(fc.constantFrom('2026-08', '2026-09', '2026-10', '2026-13', '26-1'), { maxLength: 4 }), anything), tierCode: field }),
)

const request: fc.Arbitrary<{ method: Method; request: unknown; idNumber?: string }> = fc.oneof(
  fc.tuple(fc.constantFrom(...METHOD_NAMES), anything).map(([method, r]) => ({ method, request: r })),
  fc
    .record({ mode: fc.oneof(fc.constantFrom('other', 'self', 'ref'), anything), name: fc.oneof(text, fc.constantFrom(...DEMO_PEOPLE.map((p) => p.name))), idType: fc.oneof(fc.constantFrom('resident_id', 'hmt_permit', 'foreign_pr', 'foreign_pr_2017', 'social_security', 'passport'), anything), idNumber, payerRef: text }, { requiredKeys: ['mode'] })
    .map((r) => ({ method: 'lookupPayer' as const, request: r, idNumber: typeof r.idNumber === 'string' ? r.idNumber : undefined })),
  // Someone typing a family member's details: the right or a wrong name, the number as typed (or mistyped).
  fc
    .tuple(fc.constantFrom(...DEMO_PEOPLE), fc.constantFrom(...DEMO_PEOPLE), fc.oneof(fc.constant(''), evilString), fc.boolean())
    .chain(([person, other, junkName, ownName]) =>
      fc.record({
        mode: fc.constant('other'),
        name: fc.oneof(fc.constant(ownName ? person.name : other.name), mutated(fc.constant(person.name)), fc.constant(junkName)),
        idType: fc.oneof(fc.constant(person.idType), fc.constantFrom('resident_id', 'social_security')),
        idNumber: fc.oneof(fc.constant(person.idNumber), mutated(fc.constant(person.idNumber))),
      }),
    )
    .map((r) => ({ method: 'lookupPayer' as const, request: r, idNumber: r.idNumber })),
  fc.record({ idempotencyKey: text, payerRef: text, selection: sel }, { requiredKeys: [] }).map((r) => ({ method: 'createOrder' as const, request: r })),
  fc.record({ payerRef: text, selection: sel }, { requiredKeys: [] }).map((r) => ({ method: 'createShareToken' as const, request: r })),
  fc.tuple(fc.constantFrom<Method>('listDueItems', 'listRecords'), fc.record({ payerRef: field, year: fc.oneof(fc.integer(), anything) }, { requiredKeys: [] })).map(([method, r]) => ({ method, request: r })),
  fc.tuple(fc.constantFrom<Method>('startPayment', 'queryOrder', 'getReceipt'), fc.record({ orderId: field }, { requiredKeys: [] })).map(([method, r]) => ({ method, request: r })),
  fc.record({ token: fc.oneof(text, fc.stringMatching(/^[A-Za-z0-9_-]{14,50}$/), anything) }, { requiredKeys: [] }).map((r) => ({ method: 'openShareToken' as const, request: r })),
)

describe('fuzz: the backend given requests holding anything', () => {
  it('answers, or refuses with a typed error; the mock never crashes; no error repeats the ID number sent', async () => {
    let now = START
    const storage = createMemoryStore()
    const mock = createTestMock({ clock: () => now, storage, latencyMs: 0 })
    const crashes: unknown[] = []
    const backend = createBackend({
      call: async (method, r) => {
        try {
          return await mock.transport.call(method, r)
        } catch (error) {
          crashes.push(error)
          throw error
        }
      },
    }) as unknown as Record<Method, (r: unknown) => Promise<unknown>>
    let runs = 0

    await fc.assert(
      fc.asyncProperty(request, async ({ method, request: r, idNumber: sent }) => {
        if (++runs % 500 === 0) mock.reset()
        now += 1_000
        const where = `${method} ${show(r)}`
        let outcome: unknown
        try {
          outcome = await backend[method](r)
        } catch (error) {
          ensure(error instanceof BackendError, `${where}: threw ${show(error)}, not a BackendError`)
          outcome = error
          const e = error as BackendError
          ensure((ERROR_CODES as readonly string[]).includes(e.code) && CHINESE.test(e.message), `${where}: malformed error ${e.code} ${e.message}`)
        }
        ensure(crashes.length === 0, `${where}: the mock threw ${show(crashes[0])}`)
        if (sent !== undefined && normaliseIdInput(sent).length >= 7) {
          const said = outcome instanceof BackendError ? `${outcome.message} ${outcome.orderId ?? ''}` : full(outcome)
          ensure(!said.includes(sent) && !said.includes(normaliseIdInput(sent)), `${where}: the answer repeats the ID number: ${said}`)
        }
      }),
      RUNS,
    )
  })
})
