// Request signing (WECHATPAY2-SHA256-RSA2048) and the SHA256-RSA primitives every signature of
// WeChat Pay API v3 uses: our requests, WeChat Pay's responses and notifies, and paySign.
import { createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto'

export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048'

/** `METHOD\nPATH_AND_QUERY\ntimestamp\nnonce\nbody\n`; a GET signs an empty body line. */
export function requestSigningString(method: string, pathAndQuery: string, timestamp: string, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${body}\n`
}

export function signSha256Rsa(message: string | Buffer, privateKey: KeyObject): string {
  return sign('sha256', Buffer.from(message), privateKey).toString('base64')
}

/** False (never a throw) for a signature that is not even base64 RSA, e.g. a probe. */
export function verifySha256Rsa(message: string | Buffer, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify('sha256', Buffer.from(message), publicKey, Buffer.from(signature, 'base64'))
  } catch {
    return false
  }
}

/** 32 characters of [0-9A-F]: the docs ask for a random string, the length is ours. */
export function newNonce(): string {
  return randomBytes(16).toString('hex').toUpperCase()
}

export interface MerchantCredentials {
  mchid: string
  serialNo: string
  privateKey: KeyObject
}

export interface SignedRequest {
  method: string
  pathAndQuery: string
  body: string
  timestamp: string
  nonce: string
}

export function authorizationHeader(merchant: MerchantCredentials, request: SignedRequest): string {
  const { method, pathAndQuery, body, timestamp, nonce } = request
  const signature = signSha256Rsa(requestSigningString(method, pathAndQuery, timestamp, nonce, body), merchant.privateKey)
  return `${AUTH_SCHEMA} mchid="${merchant.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${merchant.serialNo}"`
}

export function privateKeyFromPem(pem: string | Buffer): KeyObject {
  return createPrivateKey(pem)
}

/** A public key from an SPKI PEM (the 微信支付公钥 file) or from a certificate PEM. */
export function publicKeyFromPem(pem: string | Buffer): KeyObject {
  return createPublicKey(pem)
}
