/** The HTTP transport on Taro.request (both builds); the login code comes from the platform twin. */
import Taro from '@tarojs/taro'
import type { PayResult } from '../../contract'
import type { DemoCashier } from '../cashier'
import { createHttpTransport, type HttpRequest, type HttpTransport } from './httpTransport'
import { loginCode } from './loginCode'

const taroRequest: HttpRequest = async (options) => {
  const res = await Taro.request({ ...options, dataType: 'json' })
  return { statusCode: res.statusCode, data: res.data }
}

export function createTaroHttpTransport(baseUrl: string): HttpTransport {
  return createHttpTransport({ baseUrl, request: taroRequest, loginCode })
}

const NO_CASHIER: PayResult = { outcome: 'fail', errMsg: 'requestPayment:fail 演示收银台暂时无法连接' }

/**
 * A development server's simulated WeChat cashier (POST /sim/cashier): the person's choice in the
 * demo dialog is passed on as the payment sheet's. What it answers is a hint; the order's state,
 * polled from the server, decides.
 */
export function serverDemoCashier(baseUrl: string, prepayId: string): DemoCashier {
  return async (_attemptId, action) => {
    try {
      const res = await taroRequest({ url: `${baseUrl}/sim/cashier`, method: 'POST', data: { prepayId, action }, header: { 'content-type': 'application/json' }, timeout: 15_000 })
      const answer = res.data as { result?: unknown; errMsg?: unknown } | null
      const outcome = answer?.result
      if (res.statusCode !== 200 || (outcome !== 'ok' && outcome !== 'cancel' && outcome !== 'fail')) return NO_CASHIER
      return { outcome, errMsg: String(answer?.errMsg ?? '') }
    } catch {
      return NO_CASHIER
    }
  }
}
