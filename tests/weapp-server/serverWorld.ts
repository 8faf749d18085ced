/**
 * Tier 2 against the merchant server: the weapp built with TARO_APP_BACKEND=http (dist/weapp-server,
 * no test hooks) runs in the usual harness, and its `wx.request` goes over real HTTP to a server
 * process on a free loopback port (embedded PostgreSQL in a fresh folder, simulators on, its clock
 * on the contract suite's day). `wx.login` hands out the code of the WeChat user a file plays
 * (`demo`: the real-name user 张建国).
 *
 *   const world = serverWorld()   // once per file, after bootApp(); starts and stops the server
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import http from 'node:http'
import { CONTRACT_DAY, startServerProcess, type ServerProcess } from '../server/serverProcess'
import type { Harness } from '../weapp/harness'

export interface SentRequest {
  /** The URL the app asked for, with the origin it was built with. */
  url: string
  path: string
  body: any
  authorization?: string
  statusCode?: number
}

export interface ServerWorld {
  /** Every wx.request the app made, in order. */
  readonly requests: SentRequest[]
  /** The code the next wx.login returns. */
  loginCode: string
  /** The session token the app got from /v1/session last. */
  appToken(): string
  /** One contract call to the server with the app's own session, over HTTP. */
  rpcAsApp(method: string, request: unknown): Promise<any>
  /** Pins the app's clock to the server's day (call after h.reset()). */
  pinAppClock(h: Harness): void
}

interface Answer {
  statusCode: number
  text: string
  headers: http.IncomingHttpHeaders
}

function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, timeout: timeoutMs }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, text, headers: res.headers }))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end(body)
  })
}

const parse = (text: string) => {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** Calls success/fail/complete as WeChat does (never synchronously); without callbacks, a Promise. */
function answerWx(options: any, ok: boolean, result: Record<string, unknown>) {
  const settled = ok ? Promise.resolve(result) : Promise.reject(result)
  if (!(options?.success || options?.fail || options?.complete)) return settled
  settled.then(
    () => options.success?.(result),
    () => options.fail?.(result),
  ).finally(() => options.complete?.(result))
  return undefined
}

export function serverWorld(): ServerWorld {
  let server: ServerProcess | undefined
  const requests: SentRequest[] = []
  let token = ''

  const world: ServerWorld = {
    requests,
    loginCode: 'demo',
    appToken: () => {
      if (!token) throw new Error('the app has not logged in yet')
      return token
    },
    async rpcAsApp(method, request) {
      const answer = await post(`${server!.url()}/v1/rpc/${method}`, JSON.stringify(request), { 'content-type': 'application/json', authorization: `Bearer ${world.appToken()}` }, 10_000)
      const envelope = parse(answer.text)
      if (answer.statusCode !== 200 || envelope?.ok !== true) throw new Error(`${method}: ${answer.statusCode} ${answer.text}`)
      return envelope.data
    },
    pinAppClock(h) {
      h.setClock(Date.parse(CONTRACT_DAY))
    },
  }

  beforeAll(async () => {
    server = await startServerProcess({ env: { LOG_LEVEL: 'warn' } })
    const wx = (globalThis as any).wx
    if (!wx) throw new Error('serverWorld: call bootApp() first')

    // WeChat's request: an absolute https URL on the configured domain; here every one goes to
    // the loopback server, path and query kept. A lost connection or a timeout fails like WeChat's.
    wx.request = (o: any) => {
      const sent: SentRequest = { url: String(o.url), path: '', body: o.data, authorization: o.header?.authorization }
      requests.push(sent)
      const target = new URL(sent.url)
      sent.path = target.pathname + target.search
      const body = typeof o.data === 'string' ? o.data : JSON.stringify(o.data ?? {})
      post(`${server!.url()}${sent.path}`, body, o.header ?? {}, o.timeout ?? 60_000).then(
        (answer) => {
          sent.statusCode = answer.statusCode
          const data = o.dataType === 'json' || o.dataType === undefined ? parse(answer.text) : answer.text
          if (sent.path === '/v1/session' && typeof data?.token === 'string') token = data.token
          answerWx(o, true, { errMsg: 'request:ok', statusCode: answer.statusCode, data, header: answer.headers })
        },
        (error: Error) => answerWx(o, false, { errMsg: `request:fail ${error.message}` }),
      )
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
    }
    wx.login = (o: any) => answerWx(o, true, { errMsg: 'login:ok', code: world.loginCode })
  }, 60_000)
  afterAll(() => server?.stop())

  return world
}
