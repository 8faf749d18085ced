/**
 * The contract over HTTP to the merchant server: POST /v1/rpc/<method> with the session token.
 * It logs in by itself (once, however many calls wait for it), logs in again once when the
 * server says the session is gone, and turns transport failures into the errors the app
 * already explains. The envelope itself is checked by createBackend, as for any transport.
 * Taro-free: the request and the login code come in as functions (see ./taroHttp).
 */
import { BackendError, GENERIC_MESSAGES, type Method, type Transport } from '../../contract'

export interface HttpAnswer {
  statusCode: number
  data: unknown
}

/** Shaped like Taro.request with a JSON body; rejects when nothing came back. */
export type HttpRequest = (options: { url: string; method: 'POST' | 'DELETE'; data: unknown; header: Record<string, string>; timeout: number }) => Promise<HttpAnswer>

/** The contract's calls, and the end of the session they run in. */
export interface HttpTransport extends Transport {
  /** 清除本机数据: the server ends the session and this transport forgets its token (the next call logs in anew). */
  endSession(): Promise<void>
}

export interface HttpTransportOptions {
  baseUrl: string
  request: HttpRequest
  /** A fresh wx.login code (the H5 preview uses the development code `demo`). */
  loginCode: () => Promise<string>
  timeoutMs?: number
}

export const HTTP_MESSAGES = {
  server: '服务繁忙，请稍后重试',
  timeout: '请求超时，请稍后重试',
  login: '登录失败，请稍后重试',
  session: '登录状态已失效，请退出小程序后重新进入',
} as const

const DEFAULT_TIMEOUT_MS = 15_000

const failure = (code: 'NETWORK' | 'TIMEOUT' | 'SERVER', message: string) => new BackendError({ code, message })

export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  let token: string | undefined
  let loggingIn: Promise<string> | undefined

  async function send(path: string, data: unknown, header: Record<string, string> = {}, method: 'POST' | 'DELETE' = 'POST'): Promise<HttpAnswer> {
    let answer: HttpAnswer
    try {
      answer = await options.request({ url: `${options.baseUrl}${path}`, method, data, header: { 'content-type': 'application/json', ...header }, timeout })
    } catch (error) {
      const errMsg = String((error as { errMsg?: string } | null)?.errMsg ?? error)
      throw /timeout|超时/i.test(errMsg) ? failure('TIMEOUT', HTTP_MESSAGES.timeout) : failure('NETWORK', GENERIC_MESSAGES.NETWORK)
    }
    if (answer.statusCode >= 500) throw failure('SERVER', HTTP_MESSAGES.server)
    return answer
  }

  async function logIn(): Promise<string> {
    const answer = await send('/v1/session', { code: await options.loginCode() })
    const fresh = (answer.data as { token?: unknown } | null)?.token
    if (answer.statusCode !== 200 || typeof fresh !== 'string') throw failure('SERVER', HTTP_MESSAGES.login)
    token = fresh
    return fresh
  }

  /** One login at a time: calls that need a session meanwhile wait for the same one. */
  function session(): Promise<string> {
    if (token) return Promise.resolve(token)
    loggingIn ??= logIn().finally(() => {
      loggingIn = undefined
    })
    return loggingIn
  }

  const rpc = async (method: Method, request: unknown) => send(`/v1/rpc/${method}`, request, { authorization: `Bearer ${await session()}` })

  return {
    async call(method, request) {
      let answer = await rpc(method, request)
      if (answer.statusCode === 401) {
        // The session ended (expired, or the server forgot it): one new login, then the same call.
        token = undefined
        answer = await rpc(method, request)
        if (answer.statusCode === 401) {
          token = undefined
          throw failure('SERVER', HTTP_MESSAGES.session)
        }
      }
      if (answer.statusCode !== 200) throw failure('SERVER', HTTP_MESSAGES.server)
      return answer.data
    },

    async endSession() {
      // A login under way would hand out a token after this: let it finish, then end that one.
      const ending = token ?? (await loggingIn?.catch(() => undefined))
      token = undefined
      if (ending) await send('/v1/session', {}, { authorization: `Bearer ${ending}` }, 'DELETE')
    },
  }
}
