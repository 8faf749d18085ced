// Everything a deployment changes to use a real 商户号 (or the simulator): no code, only this.
import { readFileSync } from 'node:fs'
import type { KeyObject } from 'node:crypto'
import { privateKeyFromPem } from './sign'
import { createVerifier, type WechatpayKeySource, type WechatpayVerifier } from './verify'

export const PRODUCTION_BASE_URL = 'https://api.mch.weixin.qq.com'

export interface WechatPayConfig {
  baseUrl: string
  /** The mini-program's appid (for a 服务商: sp_appid). */
  appid: string
  /** The merchant (for a 服务商: sp_mchid); it signs every request. */
  mchid: string
  /** Set for a 服务商 deployment: the sub-merchant that collects the money. */
  subMchid?: string
  /** The sub-merchant's own mini-program, when payers' openids belong to it. */
  subAppid?: string
  merchantSerial: string
  merchantPrivateKey: KeyObject
  /** 32 characters, the key of notify resources' AES-256-GCM. */
  apiV3Key: string
  verifier: WechatpayVerifier
  notifyUrl: string
  refundNotifyUrl?: string
  timeoutMs: number
}

export interface WechatPayConfigInput extends Omit<WechatPayConfig, 'merchantPrivateKey' | 'verifier' | 'timeoutMs' | 'baseUrl'> {
  baseUrl?: string
  merchantPrivateKeyPem: string
  keys: WechatpayKeySource
  timeoutMs?: number
}

export function wechatPayConfig(input: WechatPayConfigInput): WechatPayConfig {
  if (Buffer.byteLength(input.apiV3Key) !== 32) throw new Error('APIv3 密钥应为 32 个字符（商户平台「API安全」中设置的那一个）')
  const { merchantPrivateKeyPem, keys, ...rest } = input
  return {
    ...rest,
    baseUrl: (input.baseUrl ?? PRODUCTION_BASE_URL).replace(/\/+$/, ''),
    merchantPrivateKey: privateKeyFromPem(merchantPrivateKeyPem),
    verifier: createVerifier(keys),
    timeoutMs: input.timeoutMs ?? 10_000,
  }
}

type Env = Record<string, string | undefined>

/** Each variable; `X_FILE` variants name a file holding the value (PEMs usually). */
export const WECHATPAY_ENV = {
  WECHATPAY_BASE_URL: '接口地址，默认 https://api.mch.weixin.qq.com（模拟器：它的 http://127.0.0.1:端口）',
  WECHATPAY_APPID: '小程序 appid（服务商：sp_appid）',
  WECHATPAY_MCHID: '商户号（服务商：sp_mchid）',
  WECHATPAY_SUB_MCHID: '可选，服务商模式的子商户号',
  WECHATPAY_SUB_APPID: '可选，服务商模式下子商户的小程序 appid',
  WECHATPAY_MERCHANT_SERIAL: '商户 API 证书序列号',
  WECHATPAY_MERCHANT_PRIVATE_KEY_FILE: '商户 API 私钥 apiclient_key.pem 的路径（或用 WECHATPAY_MERCHANT_PRIVATE_KEY 直接给 PEM）',
  WECHATPAY_APIV3_KEY: 'APIv3 密钥，32 个字符',
  WECHATPAY_PUBLIC_KEY_ID: '微信支付公钥 ID（PUB_KEY_ID_…），与 WECHATPAY_PUBLIC_KEY_FILE 一起给',
  WECHATPAY_PUBLIC_KEY_FILE: '微信支付公钥 pub_key.pem 的路径（或 WECHATPAY_PUBLIC_KEY 直接给 PEM）',
  WECHATPAY_PLATFORM_CERT_FILES: '平台证书 PEM 路径，多个用逗号分隔；与微信支付公钥至少给一种，可同时给',
  WECHATPAY_NOTIFY_URL: '支付通知地址（https，外网可达）',
  WECHATPAY_REFUND_NOTIFY_URL: '可选，退款通知地址',
  WECHATPAY_TIMEOUT_MS: '可选，单次请求超时，默认 10000',
} as const

export class WechatPayConfigError extends Error {}

/** Reads the configuration from the environment; one error names everything that is missing. */
export function wechatPayConfigFromEnv(env: Env = process.env, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): WechatPayConfig {
  const problems: string[] = []
  const need = (name: keyof typeof WECHATPAY_ENV): string => {
    const value = env[name]?.trim()
    if (!value) problems.push(`缺少 ${name}：${WECHATPAY_ENV[name]}`)
    return value ?? ''
  }
  const optional = (name: keyof typeof WECHATPAY_ENV) => env[name]?.trim() || undefined
  const file = (name: string, path: string): string => {
    try {
      return readFile(path)
    } catch {
      problems.push(`${name} 指向的文件读不出来：${path}`)
      return ''
    }
  }
  const pem = (name: string): string | undefined => {
    const inline = env[name]?.trim()
    const path = env[`${name}_FILE`]?.trim()
    return inline || (path ? file(`${name}_FILE`, path) : undefined)
  }

  const appid = need('WECHATPAY_APPID')
  const mchid = need('WECHATPAY_MCHID')
  const merchantSerial = need('WECHATPAY_MERCHANT_SERIAL')
  const apiV3Key = need('WECHATPAY_APIV3_KEY')
  const notifyUrl = need('WECHATPAY_NOTIFY_URL')
  const merchantPrivateKeyPem = pem('WECHATPAY_MERCHANT_PRIVATE_KEY')
  if (!merchantPrivateKeyPem) problems.push(`缺少 WECHATPAY_MERCHANT_PRIVATE_KEY_FILE：${WECHATPAY_ENV.WECHATPAY_MERCHANT_PRIVATE_KEY_FILE}`)
  if (apiV3Key && Buffer.byteLength(apiV3Key) !== 32) problems.push(`WECHATPAY_APIV3_KEY 应为 32 个字符，现在是 ${Buffer.byteLength(apiV3Key)} 个`)

  const publicKeyId = optional('WECHATPAY_PUBLIC_KEY_ID')
  const publicKeyPem = pem('WECHATPAY_PUBLIC_KEY')
  if (Boolean(publicKeyId) !== Boolean(publicKeyPem)) problems.push('WECHATPAY_PUBLIC_KEY_ID 和 WECHATPAY_PUBLIC_KEY_FILE 要一起给')
  const certPaths = (optional('WECHATPAY_PLATFORM_CERT_FILES') ?? '').split(',').map((p) => p.trim()).filter(Boolean)
  const platformCertificates = certPaths.map((p) => file('WECHATPAY_PLATFORM_CERT_FILES', p))
  if (!publicKeyId && certPaths.length === 0) problems.push('缺少验签用的公钥：给 WECHATPAY_PUBLIC_KEY_ID 和 WECHATPAY_PUBLIC_KEY_FILE（微信支付公钥），或 WECHATPAY_PLATFORM_CERT_FILES（平台证书），也可都给')

  const timeout = optional('WECHATPAY_TIMEOUT_MS')
  if (timeout !== undefined && !/^\d+$/.test(timeout)) problems.push(`WECHATPAY_TIMEOUT_MS 应为毫秒数：${timeout}`)
  if (problems.length > 0) throw new WechatPayConfigError(`微信支付配置不完整：\n- ${problems.join('\n- ')}`)

  try {
    return wechatPayConfig({
      baseUrl: optional('WECHATPAY_BASE_URL'),
      appid,
      mchid,
      subMchid: optional('WECHATPAY_SUB_MCHID'),
      subAppid: optional('WECHATPAY_SUB_APPID'),
      merchantSerial,
      merchantPrivateKeyPem: merchantPrivateKeyPem as string,
      apiV3Key,
      keys: {
        publicKeys: publicKeyId && publicKeyPem ? [{ id: publicKeyId, pem: publicKeyPem }] : [],
        platformCertificates,
      },
      notifyUrl,
      refundNotifyUrl: optional('WECHATPAY_REFUND_NOTIFY_URL'),
      timeoutMs: timeout === undefined ? undefined : Number(timeout),
    })
  } catch (error) {
    throw new WechatPayConfigError(`微信支付配置有误：${(error as Error).message}`)
  }
}
