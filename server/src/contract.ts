/**
 * The one door from the server to the app's contract: method names, errors and the zod schemas
 * the app checks with.
 */
export type { DueItemsResponse, ErrorBody, ErrorCode, Method, OrderSelection, OrderView, PayerView, RequestOf, ResponseOf, ResidentDueYear } from '../../src/contract'
export { METHODS } from '../../src/contract/schemas'

/** 本人缴费 for a WeChat user without real-name identity: the message says what to do instead. */
export const SELF_NEEDS_REAL_NAME = {
  code: 'REALNAME_REQUIRED',
  message: '您的微信账号尚未完成实名认证，无法办理本人缴费。请选择「代他人缴费」，填写缴费人的姓名和证件号码后查询。',
} as const

/** What the HTTP layer answers when the bearer token is missing, unknown or expired. */
export const SESSION_EXPIRED = { code: 'SESSION_EXPIRED', message: '登录已失效，请重新进入小程序后再试' } as const
