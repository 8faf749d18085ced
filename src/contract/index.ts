/**
 * The one typed contract between the app and the tax/insurance system: the method names, the
 * shapes (from ./schemas, as types only) and the errors. Nothing here needs zod, so the main
 * package can speak the contract while the checking itself loads with the adapter.
 */
import type * as S from './schemas'

export type {
  CreateOrderRequest,
  CreateShareTokenRequest,
  CreateShareTokenResponse,
  DueItemsResponse,
  FlexibleTierView,
  InsuranceKind,
  ListRecordsRequest,
  LookupPayerRequest,
  OpenShareTokenRequest,
  OpenShareTokenResponse,
  OrderIdRequest,
  OrderSelection,
  OrderView,
  PayerView,
  PayParams,
  ReceiptView,
  RequestOf,
  ResidentDueYear,
  ResponseOf,
  StartPaymentResponse,
} from './schemas'

export const ID_TYPES = ['resident_id', 'hmt_permit', 'foreign_pr', 'foreign_pr_2017', 'social_security'] as const

/**
 * A 请家人代缴 share token: random, issued by the backend, expiring. It rides in a share card's
 * path (`?t=…`), so it is URL-safe as it is and short; it carries no ID number, name or payerRef.
 */
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,48}$/

/** Opaque handles issued by the backend (payerRef, orderId, …); never derived from an ID number. */
export const OPAQUE_REF_PATTERN = /^[A-Za-z0-9_-]{6,64}$/

export const METHOD_NAMES = [
  'lookupPayer',
  'listDueItems',
  'createOrder',
  'startPayment',
  'queryOrder',
  'listRecords',
  'getReceipt',
  'createShareToken',
  'openShareToken',
] as const
export type Method = (typeof METHOD_NAMES)[number]

export const ERROR_CODES = [
  'NOT_REGISTERED', // 未查询到参保信息
  'NAME_MISMATCH', // 姓名与证件号码不一致
  'EMPLOYEE_COVERED', // 已参加职工医保
  'NOTHING_DUE', // 无应缴信息
  'ALREADY_PAID', // 已缴费 / 不允许重复申报
  'WINDOW_CLOSED', // 不在缴费期
  'PAYMENT_LOCKED', // 待冲正: an earlier debit is being returned
  'ORDER_NOT_FOUND',
  'ORDER_NOT_PAYABLE',
  'INVALID_REQUEST',
  'NETWORK', // the call did not get through or its answer was lost
  'TIMEOUT',
  'BAD_RESPONSE', // the backend answered something outside the contract
  'SERVER',
  'SHARE_EXPIRED', // 请家人代缴 link past its expiry
  'SHARE_USED', // 请家人代缴 link whose item has been paid
  'SHARE_INVALID', // 请家人代缴 link unknown, cut short or tampered with
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorBody {
  code: ErrorCode
  message: string
  orderId?: string
}

export class BackendError extends Error {
  readonly code: ErrorCode
  readonly orderId?: string
  constructor(body: ErrorBody) {
    super(body.message)
    this.name = 'BackendError'
    this.code = body.code
    this.orderId = body.orderId
  }
}

/** Errors after which the same call may simply be tried again. */
export function isRetryable(error: unknown): boolean {
  return error instanceof BackendError && (error.code === 'NETWORK' || error.code === 'TIMEOUT' || error.code === 'SERVER')
}

/** What the app says for errors it raises itself, before or instead of the backend's answer. */
export const GENERIC_MESSAGES = {
  NETWORK: '网络连接不稳定，请检查网络后重试',
  BAD_RESPONSE: '服务返回的数据异常，请稍后重试',
  INVALID_REQUEST: '提交的信息有误，请核对后重试',
  SHARE_INVALID: '缴费链接无效',
} as const satisfies Partial<Record<ErrorCode, string>>

/** A transport moves one JSON request to the backend and returns the raw envelope. */
export interface Transport {
  call(method: Method, request: unknown): Promise<unknown>
}

export type Backend = { [M in Method]: (request: S.RequestOf<M>) => Promise<S.ResponseOf<M>> }

