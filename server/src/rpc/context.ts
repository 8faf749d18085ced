import type pino from 'pino'
import type { Clock } from '../../../src/domain/time'
import type { LookupLimits } from '../abuse/lookupLimits'
import type { RealNameDirectory } from '../auth/realName'
import type { Db } from '../db/database'
import type { PaymentProvider } from '../pay/port'
import type { PiiCipher } from '../pii/cipher'
import type { TaxSystem } from '../tax/port'
import type { Method, RequestOf, ResponseOf } from '../contract'

/** How long things wait before the server moves them on by itself. */
export interface Timings {
  /** An attempt nobody finished at the cashier lapses; the order is payable again. */
  attemptExpiryMs: number
  /** An unpaid order is closed after this. */
  pendingExpiryMs: number
  /** An attempt whose notify has not come this long after it started is asked about (the query job). */
  notifyGraceMs: number
  shareExpiryMs: number
}

export const DEFAULT_TIMINGS: Timings = {
  attemptExpiryMs: 15 * 60_000,
  pendingExpiryMs: 24 * 3_600_000,
  notifyGraceMs: 30_000,
  shareExpiryMs: 24 * 3_600_000,
}

export interface Services {
  pool: Db
  clock: Clock
  tax: TaxSystem
  pay: PaymentProvider
  realNames: RealNameDirectory
  /** Seals names and ID numbers at rest; its lookup hash matches people without their number. */
  pii: PiiCipher
  timings: Timings
  log: pino.Logger
  /** Tells the jobs there is work now (a refund owed, a refund notified) instead of at their next sweep. */
  kick(): void
  /** Books orders just paid in this instance right away, off the request; the sweep stays the net if it dies first. */
  book(orderIds: string[]): void
  lookupLimits: LookupLimits
}

/** The signed-in WeChat user a call is made for. */
export interface Caller {
  userId: string
  openid: string
  /** The client's address (the load balancer's X-Forwarded-For when TRUST_PROXY says so). */
  address: string
}

/** startPayment also says which cashier to open (the app's schema is gaining the field). */
export type Answer<M extends Method> = M extends 'startPayment' ? ResponseOf<M> & { cashier: PaymentProvider['cashier'] } : ResponseOf<M>

export type Handler<M extends Method> = (services: Services, caller: Caller, request: RequestOf<M>) => Promise<Answer<M>>
