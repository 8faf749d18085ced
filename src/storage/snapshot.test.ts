import { appOnMock, lookupOf } from '../../tests/unit/mock/app'
import { findPersonById } from '../services/mock/registry'
import { createMemoryStore, type KeyValueStore } from '../services/storage'
import { hasJourney, loadJourney, saveJourney, SNAPSHOT_KEY, SNAPSHOT_TTL_MS } from './snapshot'
import { createFlowStore } from '../flow/store'
import { storedChecks } from '../services/storedChecks'

async function journeyFor(personId: string) {
  const { h, storage, store, controller } = appOnMock({ sleep: async () => undefined })
  const p = findPersonById(personId)!
  store.startJourney('other')
  store.dispatch({ type: 'form_changed', field: 'idNumber', value: p.idNumber })
  store.dispatch({ type: 'form_changed', field: 'name', value: p.name })
  await controller.lookup({ mode: 'other', name: p.name, idType: p.idType, idNumber: p.idNumber })
  return { h, storage, store, person: p }
}

describe('journey snapshot', () => {
  it('is kept as the app wires it (keepJourney): written when the journey changes, not per keystroke, gone once paid', async () => {
    const memory = createMemoryStore()
    let writes = 0
    const storage: KeyValueStore = { ...memory, setItem: (key, value) => void (key === SNAPSHOT_KEY && writes++, memory.setItem(key, value)) }
    const first = appOnMock({ storage, keepsJourney: true })
    first.store.startJourney('other')
    await first.controller.lookup(lookupOf('p06'))
    const afterLookup = writes
    expect(afterLookup).toBeGreaterThan(0)
    for (const ch of '0123') first.store.dispatch({ type: 'form_changed', field: 'name', value: ch })
    expect(writes).toBe(afterLookup)

    // The app opened again on the same storage starts where the person was.
    const again = appOnMock({ h: first.h, storage, keepsJourney: true })
    expect(again.store.get().payer).toEqual(first.store.get().payer)
    expect(again.store.get().flow.selection).toEqual(first.store.get().flow.selection)
    await again.controller.confirm()
    expect(again.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'success' })
    expect(hasJourney(memory)).toBe(false)
  })

  it('a reload resumes the payer, due items and selection, ready for the confirm page', async () => {
    const { h, storage, store } = await journeyFor('p06')
    saveJourney(storage, store.get(), h.clock.now)
    const resumed = createFlowStore(loadJourney(storage, h.clock.now + 60_000, storedChecks.journey))
    expect(resumed.get().payer).toEqual(store.get().payer)
    expect(resumed.get().due).toEqual(store.get().due)
    expect(resumed.get().flow).toMatchObject({ mode: 'other', payerRef: store.get().payer!.payerRef, selection: store.get().flow.selection, lookup: { status: 'done' } })
    expect(resumed.get().flow.payment).toEqual({ step: 'idle' })
  })

  it('read back later (its checks load with the adapter): resuming until then, and a person who moved on meanwhile wins', async () => {
    const { h, storage, store } = await journeyFor('p06')
    saveJourney(storage, store.get(), h.clock.now)
    expect(hasJourney(storage)).toBe(true)
    const journey = loadJourney(storage, h.clock.now + 60_000, storedChecks.journey)

    const waiting = createFlowStore('resuming')
    expect(waiting.get().resuming).toBe(true)
    expect(waiting.get().payer).toBeUndefined()
    waiting.resume(journey)
    expect(waiting.get().resuming).toBeUndefined()
    expect(waiting.get().payer).toEqual(store.get().payer)
    expect(waiting.get().flow.selection).toEqual(store.get().flow.selection)

    const movedOn = createFlowStore('resuming')
    movedOn.startJourney('self')
    movedOn.resume(journey)
    expect(movedOn.get().payer).toBeUndefined()
    expect(movedOn.get().flow.mode).toBe('self')

    const unreadable = createFlowStore('resuming')
    unreadable.resume()
    expect(unreadable.get()).toEqual({ flow: createFlowStore().get().flow, resuming: undefined })
  })

  it('keeps neither the typed number nor the full name', async () => {
    const { h, storage, store, person } = await journeyFor('p06')
    saveJourney(storage, store.get(), h.clock.now)
    const raw = storage.getItem(SNAPSHOT_KEY)!
    expect(raw).not.toContain(person.idNumber)
    expect(raw).not.toContain(person.name)
  })

  it('expires, and corrupt or foreign data is dropped instead of breaking the page', async () => {
    const { h, storage, store } = await journeyFor('p06')
    saveJourney(storage, store.get(), h.clock.now)
    expect(loadJourney(storage, h.clock.now + SNAPSHOT_TTL_MS + 1, storedChecks.journey)).toBeUndefined()
    expect(storage.getItem(SNAPSHOT_KEY)).toBeNull()
    for (const junk of ['{', '[]', JSON.stringify({ savedAt: h.clock.now, mode: 'other', payer: { payerRef: 1 } }), '"\u0000"']) {
      storage.setItem(SNAPSHOT_KEY, junk)
      expect(loadJourney(storage, h.clock.now, storedChecks.journey)).toBeUndefined()
      expect(storage.getItem(SNAPSHOT_KEY)).toBeNull()
    }
  })

  it('is cleared once the payment succeeded, so a reload cannot offer to pay again', async () => {
    const { h, storage, store } = await journeyFor('p06')
    saveJourney(storage, store.get(), h.clock.now)
    const done = { ...store.get(), flow: { ...store.get().flow, payment: { step: 'done' as const, key: 'k', orderId: 'o', outcome: 'success' as const } } }
    saveJourney(storage, done, h.clock.now)
    expect(storage.getItem(SNAPSHOT_KEY)).toBeNull()
  })
})
