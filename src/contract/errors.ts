/** The contract's errors: every code a backend may answer, and the typed error the app throws. */

export const ERROR_CODES = [
  'NOT_REGISTERED', // 未查询到参保信息
  'REALNAME_REQUIRED', // 本人缴费 needs a WeChat account with real-name identity
  'NAME_MISMATCH', // 姓名与证件号码不一致
  'LOOKUP_LIMITED', // 代他人缴费: too many lookups of new people for now; the message says how long to wait
  'EMPLOYEE_COVERED', // 已参加职工医保
  'NOTHING_DUE', // 无应缴信息
  'ALREADY_PAID', // 已缴费 / 不允许重复申报
  'WINDOW_CLOSED', // 不在缴费期
  'POLICY_NOT_PUBLISHED', // 该地区该年度缴费标准尚未公布
  'PAYMENT_LOCKED', // 待冲正: an earlier debit is being returned
  'IN_OTHER_ORDER', // 全部缴纳: this person's period is being paid in another order right now
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
  /** Which person of a family order (全部缴纳) the refusal is about. */
  payerRef?: string
}

export class BackendError extends Error {
  readonly code: ErrorCode
  readonly orderId?: string
  readonly payerRef?: string
  constructor(body: ErrorBody) {
    super(body.message)
    this.name = 'BackendError'
    this.code = body.code
    this.orderId = body.orderId
    this.payerRef = body.payerRef
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
  LOOKUP_LIMITED: '查询他人参保信息过于频繁，请稍后再试',
} as const satisfies Partial<Record<ErrorCode, string>>
