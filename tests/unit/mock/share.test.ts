/**
 * 请家人代缴 tokens in the embedded mock: whatever a link carries, opening it never crashes and
 * always ends in a typed error unless it is exactly a live token; tokens are random, expire on
 * the mock's clock and survive a restart; state stored before tokens existed still loads.
 */
import fc from 'fast-check'
import { BackendError, ERROR_CODES, SHARE_TOKEN_PATTERN } from '@/contract'
import { createBackend } from '@/contract/schemas'
import { createTestMock } from '@/services/mock/testMock'
import { DEFAULT_DELAYS } from '@/services/mock/orders'
import { MOCK_STORAGE_KEY } from '@/services/storage'
import { createMemoryStore } from '@/services/storage'
import { START, errorOf, expectCode, harness } from './harness'

const DAY = 24 * 3_600_000

async function shareFor(h: ReturnType<typeof harness>, personId: string) {
  const payerRef = await h.refOf(personId)
  const due = await h.backend.listDueItems({ payerRef })
  const years = due.resident!.years
  const year = years.find((y) => y.inWindow) ?? years[0]
  const selection = { kind: 'resident' as const, coverageYear: year.coverageYear }
  return { payerRef, selection, share: await h.backend.createShareToken({ payerRef, selection }) }
}

/** Anything a link, a tampered page or a broken adapter could hand over. */
const anyToken: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.stringMatching(SHARE_TOKEN_PATTERN),
  fc.stringMatching(/^[A-Za-z0-9_-]{0,80}$/),
)

describe('openShareToken fuzz', () => {
  it('through the typed client: never a crash, never an answer, always SHARE_INVALID', async () => {
    const h = harness()
    const { share } = await shareFor(h, 'p08')
    await fc.assert(
      fc.asyncProperty(anyToken, async (token) => {
        fc.pre(token !== share.token)
        const error = await errorOf(h.backend.openShareToken({ token } as never))
        expect(error).toBeInstanceOf(BackendError)
        expect(error.code).toBe('SHARE_INVALID')
        expect(error.orderId).toBeUndefined()
      }),
      { numRuns: 300 },
    )
    // The real token still works after all that.
    expect((await h.backend.openShareToken({ token: share.token })).selection).toEqual({ kind: 'resident', coverageYear: 2027 })
  })

  it('straight at the transport (no client checks): always a typed error envelope, never a throw', async () => {
    const h = harness()
    await shareFor(h, 'p08')
    const codes: readonly string[] = ERROR_CODES
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.record({ token: anyToken })), async (request) => {
        const raw = (await h.mock.transport.call('openShareToken', request)) as { ok: boolean; error?: { code: string; message: string } }
        expect(raw.ok).toBe(false)
        expect(codes).toContain(raw.error!.code)
        expect(raw.error!.code).toBe('SHARE_INVALID')
        expect(raw.error!.message.length).toBeGreaterThan(0)
      }),
      { numRuns: 300 },
    )
  })

  it('a real token with one character changed, dropped or added opens nothing', async () => {
    const h = harness()
    const { share } = await shareFor(h, 'p08')
    const t = share.token
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('')
    const mutated = fc.oneof(
      fc.tuple(fc.nat({ max: t.length - 1 }), fc.constantFrom(...alphabet)).map(([i, c]) => t.slice(0, i) + c + t.slice(i + 1)),
      fc.nat({ max: t.length - 1 }).map((i) => t.slice(0, i) + t.slice(i + 1)),
      fc.tuple(fc.nat({ max: t.length }), fc.constantFrom(...alphabet)).map(([i, c]) => t.slice(0, i) + c + t.slice(i)),
      fc.constant(t.toLowerCase()),
      fc.constant(t.toUpperCase()),
      fc.constant(`${t} `),
    )
    await fc.assert(
      fc.asyncProperty(mutated, async (token) => {
        fc.pre(token !== t)
        await expectCode(h.backend.openShareToken({ token }), 'SHARE_INVALID')
      }),
      { numRuns: 200 },
    )
  })
})

describe('share tokens in the mock', () => {
  it('are random: the bytes come from the injected source, never from the person or the time', async () => {
    const sources = [7, 7, 9].map((fill) => (bytes: Uint8Array) => bytes.fill(fill))
    const storage = createMemoryStore()
    const mock = createTestMock({ clock: () => START, storage, randomBytes: (b) => sources.shift()!(b) })
    const backend = createBackend(mock.transport)
    const self = await backend.lookupPayer({ mode: 'self' })
    const selection = { kind: 'resident' as const, coverageYear: 2027 }
    const a = await backend.createShareToken({ payerRef: self.payerRef, selection })
    // The second draw collides with the first and is drawn again.
    const b = await backend.createShareToken({ payerRef: self.payerRef, selection })
    expect(a.token).toBe('H'.repeat(22))
    expect(b.token).toBe('J'.repeat(22))
  })

  it('are 22 URL-safe characters, all different, with the default source', async () => {
    const h = harness()
    const payerRef = await h.refOf('p08')
    const tokens = new Set<string>()
    for (let i = 0; i < 50; i++) tokens.add((await h.backend.createShareToken({ payerRef, selection: { kind: 'resident', coverageYear: 2027 } })).token)
    expect(tokens.size).toBe(50)
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{22}$/)
  })

  it('expire exactly 24 h after they are issued, on the mock clock', async () => {
    const h = harness()
    const { share } = await shareFor(h, 'p08')
    expect(share.expiresAt).toBe(START + DEFAULT_DELAYS.shareExpiryMs)
    expect(DEFAULT_DELAYS.shareExpiryMs).toBe(DAY)
    h.advance(DAY - 1)
    expect((await h.backend.openShareToken({ token: share.token })).expiresAt).toBe(share.expiresAt)
    h.advance(1)
    const error = await expectCode(h.backend.openShareToken({ token: share.token }), 'SHARE_EXPIRED')
    expect(error.message).toMatch(/过期/)
  })

  it('are used once the period is paid, even after expiry (paid is the more useful answer)', async () => {
    const h = harness()
    const { payerRef, selection, share } = await shareFor(h, 'p08')
    const order = await h.backend.createOrder({ idempotencyKey: 'key_share_used', payerRef, selection })
    const started = await h.backend.startPayment({ orderId: order.orderId })
    await h.mock.cashier.complete(started.attemptId, 'pay')
    const used = await expectCode(h.backend.openShareToken({ token: share.token }), 'SHARE_USED')
    expect(used.message).toContain('已缴费')
    h.advance(2 * DAY)
    await expectCode(h.backend.openShareToken({ token: share.token }), 'SHARE_USED')
  })

  it('flexible: used as soon as any shared month is paid', async () => {
    const h = harness()
    const payerRef = await h.refOf('p03')
    const flex = (await h.backend.listDueItems({ payerRef })).flexible!
    const months = flex.months.slice(0, 2).map((m) => m.month)
    const { token } = await h.backend.createShareToken({ payerRef, selection: { kind: 'flexible', months, tierCode: flex.defaultTierCode } })
    const order = await h.backend.createOrder({ idempotencyKey: 'key_flex_first', payerRef, selection: { kind: 'flexible', months: [months[0]], tierCode: flex.defaultTierCode } })
    const started = await h.backend.startPayment({ orderId: order.orderId })
    await h.mock.cashier.complete(started.attemptId, 'pay')
    await expectCode(h.backend.openShareToken({ token }), 'SHARE_USED')
  })

  it('an open (unpaid) order does not use a token up; the opened due items point at it', async () => {
    const h = harness()
    const { payerRef, selection, share } = await shareFor(h, 'p08')
    const order = await h.backend.createOrder({ idempotencyKey: 'key_share_open', payerRef, selection })
    const opened = await h.backend.openShareToken({ token: share.token })
    expect(opened.due.openOrderId).toBe(order.orderId)
    // Paying from the card hands back the same order, never a second one.
    expect((await h.backend.createOrder({ idempotencyKey: 'key_from_card', payerRef: opened.payer.payerRef, selection: opened.selection })).orderId).toBe(order.orderId)
  })

  it('survive a restart, and hold nothing but the token, a person id and the period', async () => {
    const first = harness()
    const { share } = await shareFor(first, 'p08')
    const person = first.person('p08')
    const second = harness({ storage: first.storage, now: first.clock.now + 3_600_000 })
    expect((await second.backend.openShareToken({ token: share.token })).payer.maskedName).toBe(share.maskedName)
    const stored = JSON.parse(first.storage.getItem(MOCK_STORAGE_KEY)!)
    expect(stored.shares).toEqual([{ token: share.token, personId: 'p08', selection: { kind: 'resident', coverageYear: 2027 }, createdAt: START, expiresAt: share.expiresAt }])
    expect(JSON.stringify(stored.shares)).not.toContain(person.idNumber)
    expect(JSON.stringify(stored.shares)).not.toContain(person.name)
  })

  it('state stored before share tokens existed still loads, with no tokens', async () => {
    const first = harness()
    const { order } = await first.residentOrder('p01')
    const old = JSON.parse(first.storage.getItem(MOCK_STORAGE_KEY)!)
    delete old.shares
    const storage = createMemoryStore({ [MOCK_STORAGE_KEY]: JSON.stringify(old) })
    const second = harness({ storage, now: first.clock.now })
    expect(storage.getItem(`${MOCK_STORAGE_KEY}.corrupt`)).toBeNull()
    expect((await second.backend.queryOrder({ orderId: order.orderId })).state).toBe('pending')
    expect(second.mock.inspect.shares()).toEqual([])
    const { share } = await shareFor(second, 'p08')
    expect(JSON.parse(storage.getItem(MOCK_STORAGE_KEY)!).shares.map((s: { token: string }) => s.token)).toEqual([share.token])
  })

  it('broken stored tokens are moved aside like any broken state', async () => {
    const raw = JSON.stringify({ version: 1, seq: 1, orders: [], attempts: [], shares: [{ token: 'x' }] })
    const storage = createMemoryStore({ [MOCK_STORAGE_KEY]: raw })
    const h = harness({ storage })
    expect(storage.getItem(`${MOCK_STORAGE_KEY}.corrupt`)).toBe(raw)
    expect(h.mock.inspect.shares()).toEqual([])
  })

  it('long-expired tokens are forgotten when new ones are made; reset forgets all', async () => {
    const h = harness()
    const { share } = await shareFor(h, 'p08')
    h.advance(40 * DAY)
    await expectCode(h.backend.openShareToken({ token: share.token }), 'SHARE_EXPIRED')
    const fresh = await shareFor(h, 'p08')
    expect(h.mock.inspect.shares().map((s) => s.token)).toEqual([fresh.share.token])
    await expectCode(h.backend.openShareToken({ token: share.token }), 'SHARE_INVALID')
    h.mock.reset()
    await expectCode(h.backend.openShareToken({ token: fresh.share.token }), 'SHARE_INVALID')
  })

  it('a paid or unpayable period cannot be shared', async () => {
    const h = harness()
    const paidRef = await h.refOf('p02')
    await expectCode(h.backend.createShareToken({ payerRef: paidRef, selection: { kind: 'resident', coverageYear: 2027 } }), 'ALREADY_PAID')
    await expectCode(h.backend.createShareToken({ payerRef: await h.refOf('p01'), selection: { kind: 'resident', coverageYear: 2031 } }), 'WINDOW_CLOSED')
    expect(h.mock.inspect.shares()).toEqual([])
  })
})
