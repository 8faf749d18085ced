// Opening a payment or refund notify: verify the raw body (never a re-serialised one), then
// decrypt its resource. The route answers 204 on `ok` and 4xx with `failBody` otherwise; WeChat Pay
// sends a refused notify again, and a forged, replayed or probe one changes nothing.
import { decryptResource, type EncryptedResource } from './aead'
import { toRefund, toTransaction, type Refund, type Transaction } from './types'
import type { VerifyFailure, WechatpaySignatureHeaders, WechatpayVerifier } from './verify'

interface NotifyEnvelope {
  /** The notify's id: the same for every retry and duplicate, so the inbox key. */
  id: string
  createTime: string
  summary: string
}

export type OpenedNotify =
  | (NotifyEnvelope & { eventType: 'TRANSACTION.SUCCESS'; transaction: Transaction })
  | (NotifyEnvelope & { eventType: 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED'; refund: Refund })

export type NotifyRefusal = VerifyFailure | 'not-json' | 'undecryptable' | 'unknown-event'

export type OpenNotifyResult = { ok: true; notify: OpenedNotify } | { ok: false; reason: NotifyRefusal; status: 400 | 401 }

export interface OpenNotifyInput {
  headers: WechatpaySignatureHeaders
  rawBody: string | Buffer
  verifier: WechatpayVerifier
  apiV3Key: string
  nowSeconds: number
}

export function openNotify({ headers, rawBody, verifier, apiV3Key, nowSeconds }: OpenNotifyInput): OpenNotifyResult {
  const verdict = verifier.verify(headers, rawBody, nowSeconds)
  if (!verdict.ok) return { ok: false, reason: verdict.reason, status: 401 }
  let envelope: Record<string, unknown>
  try {
    envelope = JSON.parse(Buffer.from(rawBody).toString('utf8'))
  } catch {
    return { ok: false, reason: 'not-json', status: 400 }
  }
  const base = { id: String(envelope.id), createTime: String(envelope.create_time), summary: String(envelope.summary ?? '') }
  let resource: Record<string, unknown>
  try {
    resource = JSON.parse(decryptResource(envelope.resource as EncryptedResource, apiV3Key))
  } catch {
    return { ok: false, reason: 'undecryptable', status: 400 }
  }
  try {
    const eventType = envelope.event_type
    if (eventType === 'TRANSACTION.SUCCESS') return { ok: true, notify: { ...base, eventType, transaction: toTransaction(resource) } }
    if (eventType === 'REFUND.SUCCESS' || eventType === 'REFUND.ABNORMAL' || eventType === 'REFUND.CLOSED') {
      return { ok: true, notify: { ...base, eventType, refund: toRefund(resource) } }
    }
  } catch {
    return { ok: false, reason: 'undecryptable', status: 400 }
  }
  return { ok: false, reason: 'unknown-event', status: 400 }
}

/** The body of a refusal: WeChat Pay reads `{code: "FAIL", message}` and sends the notify again. */
export function notifyFailBody(message: string): string {
  return JSON.stringify({ code: 'FAIL', message })
}
