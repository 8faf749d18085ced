/** The region on this device (storage/region.ts), on Taro's storage. */
import type { Region } from '../domain/regions'
import { regionFrom, saveRegion } from '../storage/region'
import { taroStore } from '../services/taroStore'

export const currentRegion = (sceneRegionCode?: string): Region => regionFrom(taroStore, sceneRegionCode)

export const chooseRegion = (code: string): void => saveRegion(taroStore, code)
