/** What the mock says when it refuses, and how a handler refuses (a MockError becomes an error envelope). */
import type { ErrorBody } from '../../contract'

export const MOCK_MESSAGES = {
  notRegistered: '未查询到参保信息',
  nameMismatch: '姓名与证件号码不一致',
  employee: '该人员已参加职工基本医疗保险，不能同时参加城乡居民医保',
  nothingDue: '无应缴信息',
  alreadyPaid: '该缴费人已经申报，不允许重复申报',
  locked: '上一笔扣款正在原路退回（待冲正），交易暂时锁定，请勿重复缴费',
  busy: '服务繁忙，请稍后重试',
  timeout: '请求超时，请稍后重试',
  lost: '网络异常，未收到服务应答',
  shareInvalid: '缴费链接无效或不完整',
  invalidRequest: '请求参数有误',
  shareExpired: '缴费链接已过期',
  shareStale: '缴费信息已变化，该链接已失效',
  shareUsed: '该缴费项目已缴费，无需再缴',
} as const

export class MockError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message)
  }
}

export const fail = (code: ErrorBody['code'], message: string, orderId?: string): never => {
  throw new MockError({ code, message, orderId })
}
