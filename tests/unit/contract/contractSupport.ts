/**
 * What the contract suites share: the roles a subject fills, its timing, and the checks every case
 * uses (./backendContract and the 全部缴纳 cases in ./familyOrderContract). Keep mock imports out.
 */
import { BackendError, type Backend, type ErrorCode, ID_TYPES } from '@/contract'

export type IdType = (typeof ID_TYPES)[number]

export interface PersonFixture {
  name: string
  idType: IdType
  idNumber: string
}

/** People named by the role they play; each must behave as described. */
export interface ContractFixtures {
  /** The logged-in user: a resident with a payable coverage year; payments go through at once. */
  selfDue: PersonFixture
  /** Someone else, a resident with a payable coverage year; payments go through at once. */
  otherDue: PersonFixture
  /** A resident whose most recent coverage year is already paid (with a receipt on record). */
  alreadyPaid: PersonFixture
  /** A flexible worker (灵活就业) with at least two unpaid months. */
  flexible: PersonFixture
  /** A valid ID number the system has no enrolment for. */
  unregistered: PersonFixture
  /** Someone in employee cover (职工医保). */
  employee: PersonFixture
  /** A resident whose contribution is partly subsidised (资助参保). */
  subsidised: PersonFixture
  /** A resident whose debit is refused (余额不足). */
  insufficientFunds: PersonFixture
  /** A resident whose payment is confirmed some time after the cashier says ok. */
  lateResult: PersonFixture
  /** A resident whose money is taken but whose booking the tax system refuses: 待冲正, then refunded. */
  bookingRefused: PersonFixture
}

export interface ContractTiming {
  /** A late result is confirmed within this much (subject) time after the cashier says ok. */
  lateConfirmWithinMs: number
  /** A paid order is booked (已入库) within this much time. */
  settleWithinMs: number
  /** How far to move time between two polls. */
  stepMs: number
  /** A 请家人代缴 token no longer opens its item this long after it was issued. */
  shareExpiresWithinMs: number
  /** Money whose booking was refused is back (待冲正 → 已退款) within this much time. */
  refundWithinMs: number
}

export interface Subject {
  backend: Backend
  fixtures: ContractFixtures
  /** Moves the backend's time on (a real environment may simply wait). */
  advance(ms: number): Promise<void> | void
  /** What the user does at the WeChat cashier for a payment attempt. */
  payAttempt(attemptId: string, action: 'pay' | 'cancel'): Promise<void>
  timing?: Partial<ContractTiming>
  /** Requests that reached the transport so far, when the subject can count them. */
  transportCalls?: () => number
}

export const DEFAULT_TIMING: ContractTiming = { lateConfirmWithinMs: 60_000, settleWithinMs: 10 * 60_000, stepMs: 5_000, shareExpiresWithinMs: 24 * 3_600_000, refundWithinMs: 10 * 60_000 }

export const CAPITAL_DIGITS = /^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/

let keySeq = 0
/** A fresh idempotency key, as the app makes one per payment session. */
export function newKey(): string {
  keySeq += 1
  return `ck_${Date.now().toString(36)}_${keySeq}_${Math.random().toString(36).slice(2, 10)}`
}

/** Awaits a call that must fail with a typed error of one of `codes`; returns the error. */
export async function expectBackendError(promise: Promise<unknown>, codes: readonly ErrorCode[]): Promise<BackendError> {
  let outcome: unknown
  try {
    outcome = await promise
  } catch (error) {
    expect(error).toBeInstanceOf(BackendError)
    const e = error as BackendError
    if (!codes.includes(e.code)) throw new Error(`expected one of ${codes.join('/')}, got ${e.code}: ${e.message}`)
    expect(typeof e.message).toBe('string')
    expect(e.message.length).toBeGreaterThan(0)
    return e
  }
  throw new Error(`expected a BackendError (${codes.join('/')}), got a response: ${JSON.stringify(outcome)}`)
}


export function assertMasked(masked: string, full: string): void {
  expect(masked).not.toBe(full)
  expect(masked).toContain('*')
  expect(full).not.toContain(masked)
}
