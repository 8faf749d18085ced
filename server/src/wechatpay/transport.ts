// One signed request to WeChat Pay and the verification of its answer. An answer whose signature
// does not verify is not evidence of anything: it becomes "unknown", never "failed".
import { OutboundError, send as sendOut, type OutboundReply } from '../http/outbound'
import { authorizationHeader, newNonce } from './sign'
import { readSignatureHeaders } from './verify'
import type { WechatPayConfig } from './config'
import type { Unknown } from './types'

export interface TransportDeps {
  /** Milliseconds since the epoch; injected so tests can move the clock. */
  now?: () => number
}

export type Answer = { kind: 'answer'; status: number; rawBody: string; json: Record<string, unknown> }

const USER_AGENT = 'yibao-jiaofei-server/wechatpay-v3 (node)'

export function createTransport(config: WechatPayConfig, deps: TransportDeps = {}) {
  const now = deps.now ?? Date.now
  const merchant = { mchid: config.mchid, serialNo: config.merchantSerial, privateKey: config.merchantPrivateKey }

  async function send(method: 'GET' | 'POST', url: URL, body: string): Promise<OutboundReply | Unknown> {
    const timestamp = String(Math.floor(now() / 1000))
    const authorization = authorizationHeader(merchant, { method, pathAndQuery: url.pathname + url.search, body, timestamp, nonce: newNonce() })
    const headers: Record<string, string> = { Authorization: authorization, Accept: 'application/json', 'User-Agent': USER_AGENT }
    if (method === 'POST') headers['Content-Type'] = 'application/json'
    try {
      return await sendOut(url, { method, headers, body: method === 'POST' ? body : undefined, timeoutMs: config.timeoutMs })
    } catch (error) {
      const timedOut = error instanceof OutboundError && error.timedOut
      return { kind: 'unknown', reason: timedOut ? 'timeout' : 'network', detail: `${method} ${url.pathname}: ${(error as Error).message}` }
    }
  }

  /** A JSON API call: the answer is returned only when its signature verifies. */
  async function call(method: 'GET' | 'POST', pathAndQuery: string, payload?: object): Promise<Answer | Unknown> {
    const url = new URL(config.baseUrl + pathAndQuery)
    const response = await send(method, url, payload === undefined ? '' : JSON.stringify(payload))
    if ('kind' in response) return response
    const rawBody = response.body.toString('utf8')
    const where = `${method} ${url.pathname} → ${response.status}`
    const verdict = config.verifier.verify(readSignatureHeaders(response.header), rawBody, Math.floor(now() / 1000))
    if (!verdict.ok) {
      if (response.status >= 500) return { kind: 'unknown', reason: 'server-error', status: response.status, detail: `${where}: ${rawBody.slice(0, 200)}` }
      return { kind: 'unknown', reason: 'unverified', status: response.status, detail: `${where}: 应答验签失败（${verdict.reason}）` }
    }
    let json: Record<string, unknown> = {}
    if (rawBody !== '') {
      try {
        json = JSON.parse(rawBody)
      } catch {
        return { kind: 'unknown', reason: 'malformed', status: response.status, detail: `${where}: 应答不是 JSON` }
      }
    }
    if (response.status >= 500) return { kind: 'unknown', reason: 'server-error', status: response.status, detail: `${where}: ${String(json.code)} ${String(json.message)}` }
    return { kind: 'answer', status: response.status, rawBody, json }
  }

  /** A file download (bills): not signed by WeChat Pay; the caller checks the bill's hash instead. */
  async function download(downloadUrl: string): Promise<{ kind: 'file'; bytes: Buffer } | Unknown> {
    const response = await send('GET', new URL(downloadUrl), '')
    if ('kind' in response) return response
    const bytes = response.body
    if (response.status !== 200) return { kind: 'unknown', reason: 'server-error', status: response.status, detail: `账单下载 → ${response.status}: ${bytes.toString('utf8', 0, 200)}` }
    return { kind: 'file', bytes }
  }

  return { call, download }
}

export type Transport = ReturnType<typeof createTransport>
