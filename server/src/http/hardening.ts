/**
 * What every route answers to a request it cannot take, the headers every answer carries, and
 * the one access-log line per request (the path without its query: code2session's carries the
 * app secret).
 * Oversized bodies (413), other content types than JSON (415), malformed JSON (400), unknown
 * routes (404) and anything unexpected (500) come back in the contract's envelope, never with
 * Fastify's message or a stack trace.
 */
import type { FastifyError, FastifyInstance } from 'fastify'
import { BACKEND_MESSAGES } from '../../../src/domain/backendMessages'

const REFUSALS: Record<number, string> = {
  400: '请求内容不是有效的 JSON',
  404: '没有这个接口',
  413: '请求内容过大',
  415: '请求格式不受支持，请使用 application/json',
}

/** JSON answers only: nothing to sniff, frame, refer to, run or keep. */
const HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
}

const HSTS = 'max-age=31536000; includeSubDomains'

export function harden(app: FastifyInstance): void {
  // JSON is the only body any route takes; a text/plain body is refused, not read as a string.
  app.removeContentTypeParser('text/plain')

  app.addHook('onRequest', async (req, reply) => {
    reply.headers(HEADERS)
    // Behind https (as the load balancer reports it with TRUST_PROXY): browsers keep to https.
    if (req.protocol === 'https') reply.header('strict-transport-security', HSTS)
  })

  app.addHook('onResponse', async (req, reply) => {
    req.log.info({ method: req.method, path: req.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request')
  })

  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ ok: false, error: { code: 'INVALID_REQUEST', message: REFUSALS[404] } }))

  app.setErrorHandler((error: FastifyError, req, reply) => {
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      req.log.info({ code: error.code, status }, 'request refused')
      return reply.code(status).send({ ok: false, error: { code: 'INVALID_REQUEST', message: REFUSALS[status] ?? BACKEND_MESSAGES.invalidRequest } })
    }
    req.log.error({ err: error }, 'request failed')
    return reply.code(500).send({ ok: false, error: { code: 'SERVER', message: BACKEND_MESSAGES.server } })
  })
}
