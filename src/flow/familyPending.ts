/**
 * The device's saved 全部缴纳 payment (src/storage/familyPending.ts). Imported by the family
 * pages and home's board only, so it loads with them and never weighs on the main package.
 */
import { loadAdapter } from '../services'
import { taroStore } from '../services/taroStore'
import { createFamilyPendingStore } from '../storage/familyPending'

export const familyPending = createFamilyPendingStore(taroStore, async () => (await loadAdapter()).storedChecks)
