/**
 * What the person chose on this device (关怀模式, consent, region) and where they came from (a
 * poster's channel), on a memory store: the rules each applies, under the keys phones already hold.
 */
import { createMemoryStore } from '../services/storage'
import { CARE_KEY, careModeOn, saveCareChoice } from './careChoice'
import { CONSENT_KEY, hasConsented, PRIVACY_NOTICE_VERSION, saveConsent } from './consent'
import { saveEntryChannel } from './entryChannel'
import { REGION_KEY, regionFrom, saveRegion } from './region'

const large = () => true
const normal = () => false

describe('关怀模式 choice', () => {
  it('follows WeChat’s font setting until the person chooses on the switch', () => {
    const storage = createMemoryStore()
    expect(careModeOn(storage, large)).toBe(true)
    expect(careModeOn(storage, normal)).toBe(false)
  })

  it('keeps the switch’s choice over the system setting, either way', () => {
    const storage = createMemoryStore()
    saveCareChoice(storage, true)
    expect(storage.dump()).toEqual({ [CARE_KEY]: 'on' })
    expect(careModeOn(storage, normal)).toBe(true)
    saveCareChoice(storage, false)
    expect(storage.getItem('yibao.care.v1')).toBe('off')
    expect(careModeOn(storage, large)).toBe(false)
  })

  it('treats a value it did not write as no choice', () => {
    const storage = createMemoryStore({ [CARE_KEY]: 'true' })
    expect(careModeOn(storage, large)).toBe(true)
    expect(careModeOn(storage, normal)).toBe(false)
  })
})

describe('privacy consent', () => {
  it('is asked until given, and given once is kept under the notice’s version', () => {
    const storage = createMemoryStore()
    expect(hasConsented(storage)).toBe(false)
    saveConsent(storage)
    expect(hasConsented(storage)).toBe(true)
    expect(storage.dump()).toEqual({ 'yibao.consent.v1': PRIVACY_NOTICE_VERSION })
  })

  it('is asked again when the notice changed since', () => {
    expect(hasConsented(createMemoryStore({ [CONSENT_KEY]: '2025-01' }))).toBe(false)
  })
})

describe('region', () => {
  it('is 成都 until one is chosen, then the one chosen', () => {
    const storage = createMemoryStore()
    expect(regionFrom(storage).code).toBe('510100')
    saveRegion(storage, '350200')
    expect(regionFrom(storage)).toMatchObject({ code: '350200', name: '厦门市' })
    expect(storage.dump()).toEqual({ 'yibao.region.v1': '350200' })
  })

  it('takes a QR scene’s region over the one kept', () => {
    const storage = createMemoryStore({ [REGION_KEY]: '350200' })
    expect(regionFrom(storage, '510700').name).toBe('绵阳市')
  })

  it('never keeps or shows a region the app does not serve', () => {
    const storage = createMemoryStore()
    saveRegion(storage, '999999')
    expect(storage.dump()).toEqual({})
    expect(regionFrom(createMemoryStore({ [REGION_KEY]: '999999' })).code).toBe('510100')
  })
})

describe('entry channel', () => {
  it('keeps the poster’s channel and when it was scanned, nothing else', () => {
    const storage = createMemoryStore()
    saveEntryChannel(storage, 'sq0012', 1_700_000_000_000)
    expect(storage.dump()).toEqual({ 'yibao.channel.v1': JSON.stringify({ channel: 'sq0012', at: 1_700_000_000_000 }) })
  })
})
