/** The HTTP transport on Taro.request (both builds); the login code comes from the platform twin. */
import Taro from '@tarojs/taro'
import type { Transport } from '../../contract'
import { createHttpTransport, type HttpRequest } from './httpTransport'
import { loginCode } from './loginCode'

const taroRequest: HttpRequest = async (options) => {
  const res = await Taro.request({ ...options, dataType: 'json' })
  return { statusCode: res.statusCode, data: res.data }
}

export function createTaroHttpTransport(baseUrl: string): Transport {
  return createHttpTransport({ baseUrl, request: taroRequest, loginCode })
}
