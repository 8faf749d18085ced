/**
 * 请家人代缴 end to end below the pages: a card minted from a due item, opened on the same
 * install, becomes a 代他人缴费 journey the ordinary payment controller pays — once.
 */
import { findPersonById } from '../services/mock/registry'
import { appOnMock } from '../../tests/unit/mock/app'
import { formatShareExpiry, openSharedItem, sharePath } from './share'

function setup() {
  const app = appOnMock()
  return { ...app, deps: { backend: app.h.backend, store: app.store } }
}

async function shareOf(s: ReturnType<typeof setup>, personId: string) {
  const payerRef = await s.h.refOf(personId)
  const due = await s.h.backend.listDueItems({ payerRef })
  const year = due.resident!.years.find((y) => y.inWindow)!
  return s.h.backend.createShareToken({ payerRef, selection: { kind: 'resident', coverageYear: year.coverageYear } })
}

describe('share path', () => {
  it('is the share page with the token as t, and nothing else', () => {
    expect(sharePath('AbC_def-0123456789xyz')).toBe('/packages/share/index?t=AbC_def-0123456789xyz')
    expect(() => sharePath('has spaces and 张')).toThrow()
  })

  it('shows the expiry in Beijing time', () => {
    expect(formatShareExpiry(Date.UTC(2026, 10, 23, 16, 5))).toBe('2026年11月24日 00:05')
  })
})

describe('openSharedItem', () => {
  it('opens a shared item as 代他人缴费 and the payment controller pays exactly that item', async () => {
    const s = setup()
    const person = findPersonById('p08')!
    const share = await shareOf(s, 'p08')
    const path = sharePath(share.token)
    expect(path).not.toContain(person.idNumber)
    expect(path).not.toContain(person.name)

    const opened = await openSharedItem(share.token, s.deps)
    expect(opened.ok).toBe(true)
    if (!opened.ok) return
    expect(opened.payer.maskedName).toBe(share.maskedName)
    expect(opened.payer.isSelf).toBe(false)
    expect(opened.summary.totalFen).toBe(share.amountFen)
    expect(opened.summary.periodLabel).toBe(share.periodLabel)

    const { flow, payer, due } = s.store.get()
    expect(flow.mode).toBe('other')
    expect(flow.lookup.status).toBe('done')
    expect(flow.payerRef).toBe(opened.payer.payerRef)
    expect(flow.selection).toEqual(opened.selection)
    expect(payer).toEqual(opened.payer)
    expect(due).toEqual(opened.due)
    // The flow never holds the full ID number or name.
    expect(JSON.stringify(s.store.get())).not.toContain(person.idNumber)
    expect(JSON.stringify(s.store.get())).not.toContain(person.name)

    await s.controller.confirm()
    expect(s.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'success' })
    expect(s.store.get().order).toMatchObject({ state: 'paid', amountFen: share.amountFen, periodLabel: share.periodLabel })

    // The same card again: already paid, and the store keeps the finished payment.
    const again = await openSharedItem(share.token, s.deps)
    expect(again).toMatchObject({ ok: false, error: { code: 'SHARE_USED' } })
    expect(s.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'success' })
  })

  it('replaces the journey that was on screen', async () => {
    const s = setup()
    await s.controller.lookup({ mode: 'self' })
    const share = await shareOf(s, 'p08')
    const opened = await openSharedItem(share.token, s.deps)
    expect(opened.ok).toBe(true)
    expect(s.store.get().flow.mode).toBe('other')
    expect(s.store.get().payer?.isSelf).toBe(false)
    expect(s.store.get().flow.payment).toEqual({ step: 'idle' })
  })

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['cut short', 'AbC'],
    ['edited', 'AbC_def-0123456789xyz!'],
    ['someone’s ID number', '510104198506150012'],
    ['well-formed but unknown', 'AbC_def-0123456789xyz'],
  ])('a %s token is SHARE_INVALID and leaves the store alone', async (_label, token) => {
    const s = setup()
    await s.controller.lookup({ mode: 'self' })
    const before = s.store.get()
    const opened = await openSharedItem(token, s.deps)
    expect(opened).toMatchObject({ ok: false, error: { code: 'SHARE_INVALID' } })
    expect(s.store.get()).toBe(before)
  })

  it('an expired token is SHARE_EXPIRED', async () => {
    const s = setup()
    const share = await shareOf(s, 'p08')
    s.h.advance(24 * 3_600_000)
    expect(await openSharedItem(share.token, s.deps)).toMatchObject({ ok: false, error: { code: 'SHARE_EXPIRED' } })
    expect(s.store.get().payer).toBeUndefined()
  })

  it('a network failure is passed on as it is, to be retried', async () => {
    const s = setup()
    const share = await shareOf(s, 'p08')
    s.h.mock.faults.inject({ method: 'openShareToken', kind: 'error' })
    expect(await openSharedItem(share.token, s.deps)).toMatchObject({ ok: false, error: { code: 'SERVER' } })
    expect((await openSharedItem(share.token, s.deps)).ok).toBe(true)
  })
})
