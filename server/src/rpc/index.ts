/** Every contract method and the handler that answers it. */
import type { Method } from '../contract'
import type { Handler } from './context'
import { createFamilyOrder, familyCashierReturned, queryFamilyOrder, startFamilyPayment } from './familyOrders'
import { cashierReturned, createOrder, queryOrder, startPayment } from './orders'
import { lookupPayer } from './payers'
import { getReceipt, listDueItems, listRecords } from './records'
import { createShareToken, openShareToken } from './shares'

export const HANDLERS: { [M in Method]: Handler<M> } = {
  lookupPayer,
  listDueItems,
  createOrder,
  startPayment,
  queryOrder,
  cashierReturned,
  listRecords,
  getReceipt,
  createShareToken,
  openShareToken,
  createFamilyOrder,
  startFamilyPayment,
  queryFamilyOrder,
  familyCashierReturned,
}
