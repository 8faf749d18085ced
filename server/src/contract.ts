/**
 * The one door from the server to the app's contract: method names, errors and the zod schemas
 * the app checks with.
 */
import { BACKEND_MESSAGES } from '../../src/domain/backendMessages'
export type { DueItemsResponse, ErrorBody, ErrorCode, FamilyOrderItemRequest, FamilyOrderView, Method, OrderSelection, OrderView, PayerView, RequestOf, ResponseOf, ResidentDueYear } from '../../src/contract'
export { METHODS } from '../../src/contract/schemas'

/** 本人缴费 for a WeChat user without real-name identity: the message says what to do instead. */
export const SELF_NEEDS_REAL_NAME = { code: 'REALNAME_REQUIRED', message: BACKEND_MESSAGES.realNameRequired } as const

/** What the HTTP layer answers when the bearer token is missing, unknown or expired. */
export const SESSION_EXPIRED = { code: 'SESSION_EXPIRED', message: '登录已失效，请重新进入小程序后再试' } as const
