/** The region the person last chose (or a poster chose for them); only a city code is kept. */
import { DEFAULT_REGION_CODE, findRegion, type Region } from '../domain/regions'
import type { KeyValueStore } from '../services/storage'

export const REGION_KEY = 'yibao.region.v1'

/** A QR scene's region, else the one kept, else 成都; a code the app does not serve counts as none. */
export function regionFrom(storage: KeyValueStore, sceneRegionCode?: string): Region {
  return findRegion(sceneRegionCode || storage.getItem(REGION_KEY) || DEFAULT_REGION_CODE) || findRegion(DEFAULT_REGION_CODE)!
}

/** Only a region the app serves is kept. */
export function saveRegion(storage: KeyValueStore, code: string): void {
  if (findRegion(code)) storage.setItem(REGION_KEY, code)
}
