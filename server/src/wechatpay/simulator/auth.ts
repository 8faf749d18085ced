// The simulator's check of a merchant's Authorization header, as WeChat Pay does it: schema,
// mchid, serial_no, a timestamp within 5 minutes, and the signature over the exact request.
import type { KeyObject } from 'node:crypto'
import { AUTH_SCHEMA, requestSigningString, verifySha256Rsa } from '../sign'
import { MAX_CLOCK_SKEW_SECONDS } from '../verify'

export interface Caller {
  mchid: string
}

export interface ExpectedMerchant {
  mchid: string
  serialNo: string
  publicKey: KeyObject
}

/** `WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",…` → its fields, or undefined. */
export function parseAuthorization(header: string | undefined): Record<string, string> | undefined {
  if (!header?.startsWith(`${AUTH_SCHEMA} `)) return undefined
  const fields: Record<string, string> = {}
  for (const match of header.slice(AUTH_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g)) fields[match[1]] = match[2]
  return fields
}

/** The caller, or why WeChat Pay would answer 401 SIGN_ERROR. */
export function checkAuthorization(
  header: string | undefined,
  request: { method: string; pathAndQuery: string; body: string },
  merchant: ExpectedMerchant,
  nowSeconds: number,
): Caller | { refusal: string } {
  const fields = parseAuthorization(header)
  if (!fields) return { refusal: `Authorization 缺失或不是 ${AUTH_SCHEMA}` }
  const { mchid, nonce_str: nonce, signature, timestamp, serial_no: serial } = fields
  if (!mchid || !nonce || !signature || !timestamp || !serial) return { refusal: 'Authorization 缺少 mchid/nonce_str/signature/timestamp/serial_no' }
  if (mchid !== merchant.mchid) return { refusal: `商户号 ${mchid} 不存在` }
  if (serial.toUpperCase() !== merchant.serialNo.toUpperCase()) return { refusal: `商户证书序列号 ${serial} 不存在或已失效` }
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return { refusal: '请求时间戳与当前时间相差超过 5 分钟' }
  const message = requestSigningString(request.method, request.pathAndQuery, timestamp, nonce, request.body)
  if (!verifySha256Rsa(message, signature, merchant.publicKey)) return { refusal: '签名错误：请检查待签名串与商户私钥' }
  return { mchid }
}
