/**
 * POST /v1/wxpay/notify: the raw bytes verified (never a re-parsed body), the resource
 * decrypted, the inbox written; 204 fast, the slow work left to the jobs. Forged, replayed and
 * probe notifies get 4xx {code: FAIL} and change nothing.
 */
import type { FastifyInstance } from 'fastify'
import type { Services } from '../rpc/context'
import { notifyFailBody, readSignatureHeaders } from '../wechatpay'
import { isRefusal, type PaymentVerdict } from './attempts'
import { receiveNotify } from './inbox'

export const NOTIFY_PATH = '/v1/wxpay/notify'

export function registerNotifyRoute(app: FastifyInstance, services: Services): void {
  app.register(async (scope) => {
    // Inside this scope only: every body stays the exact bytes WeChat Pay signed.
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))
    scope.post(NOTIFY_PATH, async (req, reply) => {
      const refuse = (status: number, reason: string) => reply.code(status).type('application/json').send(notifyFailBody(reason))
      if (!Buffer.isBuffer(req.body)) return refuse(400, 'no body')
      const opened = services.pay.openNotify(readSignatureHeaders((name) => req.headers[name] as string | undefined), req.body, services.clock())
      if (!opened.ok) {
        req.log.warn({ reason: opened.reason }, 'wechat pay notify refused')
        return refuse(opened.status, opened.reason)
      }
      const outcome = await receiveNotify(services, opened.notify)
      if (isRefusal(outcome as PaymentVerdict)) {
        req.log.error({ notifyId: opened.notify.id, outcome }, 'wechat pay notify does not match its attempt: flagged')
        return refuse(400, outcome)
      }
      return reply.code(204).send()
    })
  })
}
