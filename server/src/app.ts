/**
 * The HTTP face: login, the contract as POST /v1/rpc/<method> (every request and answer checked
 * by the app's own schemas), health, and the simulator routes when they are on.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify'
import type pino from 'pino'
import { BACKEND_MESSAGES } from '../../src/domain/backendMessages'
import { METHODS, SESSION_EXPIRED, type Method } from './contract'
import { RpcError } from './errors'
import type { Code2Session } from './auth/code2session'
import type { Sessions } from './auth/sessions'
import type { Services } from './rpc/context'
import { harden } from './http/hardening'
import { HANDLERS } from './rpc'

export interface AppParts {
  logger: pino.Logger
  trustProxy: boolean | string
  /** May a browser page from this origin call the API? */
  allowOrigin(origin: string): boolean
  services: Services
  sessions: Sessions
  code2session: Code2Session
}

/** Not a contract error: the app's HTTP transport handles login itself. */
const LOGIN_FAILED = { code: 'LOGIN_FAILED', message: '微信登录失败，请稍后重试' }

const bearerOf = (authorization: string | undefined) => /^Bearer (\S+)$/.exec(authorization ?? '')?.[1]

const failure = (reply: FastifyReply, status: number, error: { code: string; message: string; orderId?: string }) => reply.code(status).send({ ok: false, error })

export function buildApp(parts: AppParts): FastifyInstance {
  const { services, sessions } = parts
  const app = Fastify({
    loggerInstance: parts.logger as FastifyBaseLogger,
    bodyLimit: 64 * 1024,
    trustProxy: parts.trustProxy,
    // Its own request lines carry the query string: one line of ours instead (./http/hardening).
    logController: new LogController({ disableRequestLogging: true }),
  })
  harden(app)

  // The H5 build runs on another origin: answer its preflights, and only for allowed origins.
  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin
    if (!origin || !parts.allowOrigin(origin)) return
    reply.header('access-control-allow-origin', origin).header('vary', 'Origin')
    if (req.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'GET, POST, DELETE').header('access-control-allow-headers', 'authorization, content-type').header('access-control-max-age', '600')
      return reply.code(204).send()
    }
  })

  app.get('/healthz', async () => {
    await services.pool.query('SELECT 1')
    return { ok: true }
  })

  app.post<{ Body: { code?: unknown } }>('/v1/session', async (req, reply) => {
    const code = req.body?.code
    if (typeof code !== 'string' || code.length < 1 || code.length > 64) return failure(reply, 400, { code: 'INVALID_REQUEST', message: BACKEND_MESSAGES.invalidRequest })
    let wechat
    try {
      wechat = await parts.code2session(code)
    } catch (error) {
      req.log.warn({ err: (error as Error).message }, 'code2session failed')
      return failure(reply, 401, LOGIN_FAILED)
    }
    const session = await sessions.open(wechat)
    return { token: session.token, expiresAt: session.expiresAt }
  })

  // 清除本机数据: the app forgets its token and the server the session. Unknown tokens too: no oracle.
  app.delete('/v1/session', async (req) => {
    const bearer = bearerOf(req.headers.authorization)
    if (bearer) await sessions.end(bearer)
    return { ok: true }
  })

  app.post<{ Params: { method: string }; Body: unknown }>('/v1/rpc/:method', async (req, reply) => {
    const method = req.params.method as Method
    if (!Object.prototype.hasOwnProperty.call(METHODS, method)) return failure(reply, 404, { code: 'INVALID_REQUEST', message: '没有这个接口' })
    const bearer = bearerOf(req.headers.authorization)
    const user = bearer ? await sessions.userOf(bearer) : undefined
    if (!user) return failure(reply, 401, SESSION_EXPIRED)
    const caller = { ...user, address: req.ip }
    req.log.debug({ method, request: req.body }, 'rpc request')
    const spec = METHODS[method]
    const parsed = spec.request.safeParse(req.body)
    if (!parsed.success) {
      // A mangled share link is a bad link, not a bad form.
      if (method === 'openShareToken') return { ok: false, error: { code: 'SHARE_INVALID', message: BACKEND_MESSAGES.shareInvalid } }
      return { ok: false, error: { code: 'INVALID_REQUEST', message: BACKEND_MESSAGES.invalidRequest } }
    }
    try {
      const data = await (HANDLERS[method] as (s: Services, c: typeof caller, r: unknown) => Promise<unknown>)(services, caller, parsed.data)
      const checked = spec.response.safeParse(data)
      if (!checked.success) {
        req.log.error({ method, issues: checked.error.issues.map((i) => i.path.join('.')) }, 'answer outside the contract')
        return failure(reply, 500, { code: 'SERVER', message: BACKEND_MESSAGES.server })
      }
      // The checked copy would drop fields the schema does not know yet (startPayment's cashier).
      return { ok: true, data }
    } catch (error) {
      if (error instanceof RpcError) {
        req.log.info({ method, code: error.code }, 'rpc refused')
        return { ok: false, error: error.body }
      }
      req.log.error({ method, err: error }, 'rpc failed')
      return failure(reply, 500, { code: 'SERVER', message: BACKEND_MESSAGES.server })
    }
  })

  return app
}
