import type { ErrorBody, ErrorCode } from './contract'

/** A typed answer for the caller: it becomes the envelope's error, never an HTTP failure. */
export class RpcError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly orderId?: string,
  ) {
    super(message)
    this.name = 'RpcError'
  }

  get body(): ErrorBody {
    return { code: this.code, message: this.message, ...(this.orderId ? { orderId: this.orderId } : {}) }
  }
}

export const fail = (code: ErrorCode, message: string, orderId?: string): never => {
  throw new RpcError(code, message, orderId)
}

export const MESSAGES = {
  orderNotFound: '未找到该订单',
  notRegistered: '未查询到参保信息',
  invalidRequest: '请求参数有误',
  alreadyPaid: '该缴费人已经申报，不允许重复申报',
  locked: '上一笔扣款正在原路退回（待冲正），请勿重复缴费',
  orderClosed: '该订单已关闭，请重新发起缴费',
  notPaidYet: '该订单尚未缴费成功，暂无缴费凭证',
  payingElsewhere: '该缴费人的这一期正在支付中，请稍后在缴费记录中查看结果',
  periodContended: '该缴费人的这一期正在由他人办理缴费，请稍后刷新查看',
  duplicateKey: '请求标识重复',
  shareInvalid: '缴费链接无效或不完整',
  shareExpired: '缴费链接已过期',
  shareStale: '缴费信息已变化，该链接已失效',
  shareUsed: '该缴费项目已缴费，无需再缴',
  server: '服务暂时不可用，请稍后重试',
} as const
