/** 全部缴纳's one payment, wired to the service seam (imported by the family pages only, so it loads with their subpackage). */
import { appClock, backend, loadAdapter } from '../services'
import { familyPending } from './familyPending'
import { createFamilyPayment } from './familyPayment'

export const familyPayment = createFamilyPayment({
  backend,
  pending: familyPending,
  pay: async (start) => (await loadAdapter()).pay(start),
  clock: appClock,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
})
