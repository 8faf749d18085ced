/**
 * The contract over HTTP to the merchant server: `POST <base>/v1/rpc/<method>` with the session
 * token, the contract's envelope as the answer (checked by createBackend like any transport).
 * Logging in is the server's business: the app hands it a one-time `wx.login` code and keeps
 * the token it gets back, in memory only. Nothing here imports Taro, so it is tested with a
 * fake request function.
 */
import { BackendError, GENERIC_MESSAGES, type Method, type Transport } from '../contract'

/** What Taro.request gives back for any HTTP status; it rejects only when nothing came back. */
export interface HttpResponse {
  statusCode: number
  data: unknown
}

export type HttpRequest = (options: { url: string; method: 'POST'; data: unknown; header: Record<string, string>; timeout: number }) => Promise<HttpResponse>

export interface HttpTransportOptions {
  /** e.g. https://yibao.example.cn (no trailing slash) */
  baseUrl: string
  request: HttpRequest
  /** A fresh one-time login code (wx.login in the weapp; the development code in the H5 preview). */
  loginCode: () => Promise<string>
  timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 15_000
const SERVER_DOWN = '服务暂时不可用，请稍后重试'

const isTimeout = (error: unknown) => /timeout|超时/i.test(String((error as { errMsg?: string })?.errMsg ?? error))

export function createHttpTransport({ baseUrl, request, loginCode, timeoutMs = DEFAULT_TIMEOUT_MS }: HttpTransportOptions): Transport & { logout(): void } {
  let session: Promise<string> | undefined

  const post = async (path: string, data: unknown, token?: string): Promise<HttpResponse> => {
    const header: Record<string, string> = { 'content-type': 'application/json' }
    if (token) header.authorization = `Bearer ${token}`
    try {
      return await request({ url: `${baseUrl}${path}`, method: 'POST', data, header, timeout: timeoutMs })
    } catch (error) {
      if (isTimeout(error)) throw new BackendError({ code: 'TIMEOUT', message: GENERIC_MESSAGES.NETWORK })
      throw new BackendError({ code: 'NETWORK', message: GENERIC_MESSAGES.NETWORK })
    }
  }

  const serverFailure = (res: HttpResponse) => res.statusCode >= 500 || res.statusCode === 429 || res.statusCode === 408

  const login = async (): Promise<string> => {
    const res = await post('/v1/session', { code: await loginCode() })
    const token = (res.data as { data?: { token?: unknown } } | null)?.data?.token
    if (res.statusCode === 200 && typeof token === 'string' && token !== '') return token
    if (serverFailure(res)) throw new BackendError({ code: 'SERVER', message: SERVER_DOWN })
    throw new BackendError({ code: 'BAD_RESPONSE', message: GENERIC_MESSAGES.BAD_RESPONSE })
  }

  /** One login at a time: calls made together wait for the same one; a failed one is not kept. */
  const token = (): Promise<string> =>
    (session ??= login().catch((error) => {
      session = undefined
      throw error
    }))

  const rpc = async (method: Method, body: unknown): Promise<HttpResponse> => post(`/v1/rpc/${method}`, body, await token())

  return {
    async call(method, body) {
      let res = await rpc(method, body)
      if (res.statusCode === 401) {
        // The session expired or was ended: log in again once, then the server's answer stands.
        session = undefined
        res = await rpc(method, body)
      }
      if (serverFailure(res)) throw new BackendError({ code: 'SERVER', message: SERVER_DOWN })
      return res.data
    },
    logout() {
      session = undefined
    },
  }
}
