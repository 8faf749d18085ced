// Verifying WeChat Pay's signature on a response or a notify, over the raw bytes received.
// Two kinds of key name a signature through Wechatpay-Serial: a 平台证书 serial (hex) and a
// 微信支付公钥 id (PUB_KEY_ID_…); during the migration either may come, so both are loaded.
import { X509Certificate, type KeyObject } from 'node:crypto'
import { publicKeyFromPem, verifySha256Rsa } from './sign'

/** WeChat Pay rejects a clock skew of more than 5 minutes; so do we, against replays. */
export const MAX_CLOCK_SKEW_SECONDS = 300
const PROBE_PREFIX = 'WECHATPAY/SIGNTEST/'
export const PUBLIC_KEY_ID_PREFIX = 'PUB_KEY_ID_'

export interface WechatpaySignatureHeaders {
  timestamp?: string
  nonce?: string
  signature?: string
  serial?: string
}

export type VerifyFailure = 'missing-headers' | 'probe' | 'stale-timestamp' | 'unknown-serial' | 'bad-signature'
export type VerifyOutcome = { ok: true; serial: string } | { ok: false; reason: VerifyFailure }

export interface WechatpayKeySource {
  /** 微信支付公钥: its id (PUB_KEY_ID_…) and the SPKI PEM downloaded from the merchant platform. */
  publicKeys?: { id: string; pem: string }[]
  /** 平台证书 PEMs; each is named by its own serial number. */
  platformCertificates?: string[]
}

export interface WechatpayVerifier {
  verify(headers: WechatpaySignatureHeaders, rawBody: string | Buffer, nowSeconds: number): VerifyOutcome
  /** The serials and ids this verifier knows, for a start-up log line. */
  readonly serials: string[]
}

/** Reads the four Wechatpay-* headers through whatever header accessor the caller has. */
export function readSignatureHeaders(get: (name: string) => string | null | undefined): WechatpaySignatureHeaders {
  const value = (name: string) => get(name) ?? undefined
  return {
    timestamp: value('wechatpay-timestamp'),
    nonce: value('wechatpay-nonce'),
    signature: value('wechatpay-signature'),
    serial: value('wechatpay-serial'),
  }
}

export function responseSigningString(timestamp: string, nonce: string, rawBody: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`), Buffer.from(rawBody), Buffer.from('\n')])
}

/** Certificate serials are hex; WeChat Pay writes them upper-case, some tools lower-case. */
const keyName = (serial: string) => (serial.startsWith(PUBLIC_KEY_ID_PREFIX) ? serial : serial.toUpperCase())

export function platformCertificateSerial(pem: string): string {
  return new X509Certificate(pem).serialNumber.toUpperCase()
}

export function createVerifier(source: WechatpayKeySource): WechatpayVerifier {
  const keys = new Map<string, KeyObject>()
  for (const { id, pem } of source.publicKeys ?? []) {
    if (!id.startsWith(PUBLIC_KEY_ID_PREFIX)) throw new Error(`微信支付公钥 id 应以 ${PUBLIC_KEY_ID_PREFIX} 开头：${id}`)
    keys.set(id, publicKeyFromPem(pem))
  }
  for (const pem of source.platformCertificates ?? []) {
    const cert = new X509Certificate(pem)
    keys.set(cert.serialNumber.toUpperCase(), cert.publicKey)
  }
  if (keys.size === 0) throw new Error('没有可用于验签的微信支付公钥或平台证书')

  return {
    serials: [...keys.keys()],
    verify(headers, rawBody, nowSeconds) {
      const { timestamp, nonce, signature, serial } = headers
      if (!timestamp || !nonce || !signature || !serial || !/^\d+$/.test(timestamp)) return { ok: false, reason: 'missing-headers' }
      if (signature.startsWith(PROBE_PREFIX)) return { ok: false, reason: 'probe' }
      if (Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'stale-timestamp' }
      const key = keys.get(keyName(serial))
      if (!key) return { ok: false, reason: 'unknown-serial' }
      if (!verifySha256Rsa(responseSigningString(timestamp, nonce, rawBody), signature, key)) return { ok: false, reason: 'bad-signature' }
      return { ok: true, serial }
    },
  }
}
