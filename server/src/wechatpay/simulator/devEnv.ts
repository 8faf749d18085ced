// The environment that points the merchant server at a running simulator: the same variables a
// real 商户号 sets (see WECHATPAY_ENV), with the simulator's generated keys written to files.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { WechatPaySimulator } from './server'

export function simulatorEnv(simulator: WechatPaySimulator, dir: string, notifyUrl: string, appid = 'wx8888888888888888'): Record<string, string> {
  const folder = resolve(dir)
  mkdirSync(folder, { recursive: true })
  const file = (name: string, content: string) => {
    const path = join(folder, name)
    writeFileSync(path, content, { mode: 0o600 })
    return path
  }
  const { keys } = simulator
  return {
    WECHATPAY_BASE_URL: simulator.baseUrl,
    WECHATPAY_APPID: appid,
    WECHATPAY_MCHID: keys.mchid,
    WECHATPAY_MERCHANT_SERIAL: keys.merchantSerial,
    WECHATPAY_MERCHANT_PRIVATE_KEY_FILE: file('apiclient_key.pem', keys.merchantPrivateKeyPem),
    WECHATPAY_APIV3_KEY: keys.apiV3Key,
    WECHATPAY_PUBLIC_KEY_ID: keys.publicKeyId,
    WECHATPAY_PUBLIC_KEY_FILE: file('pub_key.pem', keys.publicKeyPem),
    WECHATPAY_PLATFORM_CERT_FILES: file('wechatpay_platform.pem', keys.platformCertificatePem),
    WECHATPAY_NOTIFY_URL: notifyUrl,
  }
}
