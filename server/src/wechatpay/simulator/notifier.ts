// Delivers notifies the way WeChat Pay does: encrypted resource, signed raw body, a retry whenever
// the merchant does not answer 2xx within 5 s, and duplicates on request. Knobs plant the
// deliveries a merchant must survive: late, missing, concurrent, probe, forged, replayed, other key.
import { randomBytes } from 'node:crypto'
import { OutboundError, send } from '../../http/outbound'
import { encryptResource } from '../aead'
import { newNonce, signSha256Rsa } from '../sign'
import { responseSigningString } from '../verify'
import type { SignerKind, SimulatorKeys, SimulatorSigner } from './keys'
import { shanghaiTime } from './wire'

/** WeChat Pay's own schedule after a failed delivery: 15 s, 15 s, 30 s, 3 m, 10 m, 20 m, 30 m ×3, 60 m, 3 h ×3, 6 h ×2. */
export const WECHATPAY_RETRY_SCHEDULE_MS = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600].map((s) => s * 1000)
const ANSWER_WITHIN_MS = 5000

export interface NotifyKnobs {
  /** How many times the same notify (same id) is delivered; default 1. */
  deliveries?: number
  /** Deliver the duplicates all at once (several WeChat Pay machines) instead of one after another. */
  concurrent?: boolean
  /** Wait before the first delivery; two payments with different delays arrive out of order. */
  delayMs?: number
  /** false: no notify at all (the merchant must query). */
  notify?: boolean
  /** Sign with this kind of key instead of the simulator's current one. */
  signWith?: SignerKind
  /** probe: a WECHATPAY/SIGNTEST/ signature; forged: body changed after signing; stale: signed 10 minutes ago. */
  spoil?: 'probe' | 'forged' | 'stale'
  /** Claim this total (分) in the resource instead of the attempt's (a wrong amount). */
  amount?: number
  /** Name this payer in the resource instead of the attempt's (a notify for someone else). */
  openid?: string
}

export interface NotifyEvent {
  eventType: string
  summary: string
  originalType: 'transaction' | 'refund'
  resource: Record<string, unknown>
}

export interface DeliveryRecord {
  notifyId: string
  eventType: string
  url: string
  /** 1 for the first try of a delivery, 2 for its first retry… */
  attempt: number
  status: number | 'network-error' | 'timeout'
  at: number
}

export interface SignedHeaders {
  'Wechatpay-Timestamp': string
  'Wechatpay-Nonce': string
  'Wechatpay-Signature': string
  'Wechatpay-Serial': string
  'Wechatpay-Signature-Type': string
}

export function signedHeaders(signer: SimulatorSigner, body: string, nowSeconds: number): SignedHeaders {
  const timestamp = String(nowSeconds)
  const nonce = newNonce()
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': signSha256Rsa(responseSigningString(timestamp, nonce, body), signer.privateKey),
    'Wechatpay-Serial': signer.serial,
    'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export interface NotifierOptions {
  keys: SimulatorKeys
  now: () => number
  signer: () => SignerKind
  retryScheduleMs: number[]
}

export function createNotifier({ keys, now, signer, retryScheduleMs }: NotifierOptions) {
  const log: DeliveryRecord[] = []
  const pending = new Set<Promise<void>>()
  const nowSeconds = () => Math.floor(now() / 1000)

  function envelope(id: string, event: NotifyEvent): string {
    const resource = encryptResource(JSON.stringify(event.resource), keys.apiV3Key, randomBytes(6).toString('hex'), event.originalType, event.originalType)
    return JSON.stringify({ id, create_time: shanghaiTime(now()), resource_type: 'encrypt-resource', event_type: event.eventType, summary: event.summary, resource })
  }

  async function tryOnce(url: string, body: string, knobs: NotifyKnobs): Promise<DeliveryRecord['status']> {
    const key = keys.signers[knobs.signWith ?? signer()]
    const headers: Record<string, string> = { ...signedHeaders(key, body, knobs.spoil === 'stale' ? nowSeconds() - 600 : nowSeconds()) }
    if (knobs.spoil === 'probe') headers['Wechatpay-Signature'] = `WECHATPAY/SIGNTEST/${randomBytes(48).toString('base64')}`
    const sent = knobs.spoil === 'forged' ? body.replace(/"summary":"[^"]*"/, '"summary":"支付成功（伪造）"') : body
    try {
      const response = await send(new URL(url), {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json', 'User-Agent': 'Mozilla/4.0 (wechatpay simulator)' },
        body: sent,
        timeoutMs: ANSWER_WITHIN_MS,
      })
      return response.status
    } catch (error) {
      return error instanceof OutboundError && error.timedOut ? 'timeout' : 'network-error'
    }
  }

  async function deliver(url: string, id: string, event: NotifyEvent, knobs: NotifyKnobs): Promise<void> {
    const body = envelope(id, event)
    for (let attempt = 1; ; attempt += 1) {
      const status = await tryOnce(url, body, knobs)
      log.push({ notifyId: id, eventType: event.eventType, url, attempt, status, at: now() })
      const received = typeof status === 'number' && status >= 200 && status < 300
      if (received || attempt > retryScheduleMs.length) return
      await sleep(retryScheduleMs[attempt - 1])
    }
  }

  function track(work: Promise<void>): void {
    const tracked = work.finally(() => pending.delete(tracked))
    pending.add(tracked)
  }

  return {
    /** Schedules the deliveries and returns the notify id at once (the cashier does not wait). */
    send(url: string, event: NotifyEvent, knobs: NotifyKnobs = {}): string {
      const id = randomBytes(16).toString('hex')
      if (knobs.notify === false) return id
      const count = Math.max(1, knobs.deliveries ?? 1)
      track(
        (async () => {
          await sleep(knobs.delayMs ?? 0)
          const runs = Array.from({ length: count }, () => () => deliver(url, id, event, knobs))
          if (knobs.concurrent) await Promise.all(runs.map((run) => run()))
          else for (const run of runs) await run()
        })(),
      )
      return id
    },
    log,
    /** Resolves when every scheduled delivery (with its retries) is over. */
    async idle(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending])
    },
  }
}

export type Notifier = ReturnType<typeof createNotifier>
