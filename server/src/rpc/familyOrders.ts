/** createFamilyOrder, startFamilyPayment, queryFamilyOrder, familyCashierReturned: 全部缴纳. */
import type { Handler } from './context'

// SCAFFOLD (lead, 2026-12-02): replaced by the server's family orders before this merges anywhere.
const notBuilt = async (): Promise<never> => {
  throw new Error('全部缴纳: not built yet')
}
export const createFamilyOrder: Handler<'createFamilyOrder'> = notBuilt
export const startFamilyPayment: Handler<'startFamilyPayment'> = notBuilt
export const queryFamilyOrder: Handler<'queryFamilyOrder'> = notBuilt
export const familyCashierReturned: Handler<'familyCashierReturned'> = notBuilt
