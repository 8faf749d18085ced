/** The region the person last chose (or a poster chose for them); only a city code is kept. */
import { DEFAULT_REGION_CODE, findRegion, type Region } from '../domain/regions'
import { taroStore } from '../services/taroStore'

const REGION_KEY = 'yibao.region.v1'

export function currentRegion(sceneRegionCode?: string): Region {
  const code = sceneRegionCode ?? taroStore.getItem(REGION_KEY) ?? DEFAULT_REGION_CODE
  return findRegion(code) ?? findRegion(DEFAULT_REGION_CODE)!
}

export function chooseRegion(code: string): void {
  if (findRegion(code)) taroStore.setItem(REGION_KEY, code)
}
