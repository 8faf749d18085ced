// The simulator's keys, generated at start: the merchant's (which our client signs with), the
// 微信支付公钥 (PUB_KEY_ID_…) and a 平台证书, each able to sign WeChat Pay's side.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import { selfSignedCertificate } from './certificate'

export type SignerKind = 'public-key' | 'platform-certificate'

export interface SimulatorSigner {
  kind: SignerKind
  /** What goes into Wechatpay-Serial. */
  serial: string
  privateKey: KeyObject
}

export interface SimulatorKeys {
  mchid: string
  merchantSerial: string
  merchantPrivateKeyPem: string
  merchantPublicKey: KeyObject
  apiV3Key: string
  publicKeyId: string
  publicKeyPem: string
  platformCertificatePem: string
  signers: Record<SignerKind, SimulatorSigner>
}

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 })
const hex = (bytes: number) => randomBytes(bytes).toString('hex').toUpperCase()
/** base62, like the APIv3 keys merchants set (32 characters = 32 bytes). */
const apiV3Key = () => Array.from(randomBytes(32), (b) => '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'[b % 62]).join('')

export function generateSimulatorKeys(mchid: string, now: Date): SimulatorKeys {
  const merchant = rsa()
  const wechatpay = rsa()
  const platform = rsa()
  const certificate = selfSignedCertificate(platform.publicKey, platform.privateKey, 'Tenpay.com Root CA (simulator)', now)
  const publicKeyId = `PUB_KEY_ID_0${mchid}${hex(8)}`
  return {
    mchid,
    merchantSerial: hex(20),
    merchantPrivateKeyPem: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    merchantPublicKey: merchant.publicKey,
    apiV3Key: apiV3Key(),
    publicKeyId,
    publicKeyPem: wechatpay.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    platformCertificatePem: certificate.pem,
    signers: {
      'public-key': { kind: 'public-key', serial: publicKeyId, privateKey: wechatpay.privateKey },
      'platform-certificate': { kind: 'platform-certificate', serial: certificate.serial, privateKey: platform.privateKey },
    },
  }
}

/** The keys as PEM text, so a development simulator keeps its identity across restarts. */
export function exportSimulatorKeys(keys: SimulatorKeys): Record<string, string> {
  const pem = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }) as string
  return {
    mchid: keys.mchid,
    merchantSerial: keys.merchantSerial,
    merchantPrivateKeyPem: keys.merchantPrivateKeyPem,
    apiV3Key: keys.apiV3Key,
    publicKeyId: keys.publicKeyId,
    publicKeyPem: keys.publicKeyPem,
    platformCertificatePem: keys.platformCertificatePem,
    platformSerial: keys.signers['platform-certificate'].serial,
    wechatpayPrivateKeyPem: pem(keys.signers['public-key'].privateKey),
    platformPrivateKeyPem: pem(keys.signers['platform-certificate'].privateKey),
  }
}

export function importSimulatorKeys(saved: Record<string, string>): SimulatorKeys {
  return {
    mchid: saved.mchid,
    merchantSerial: saved.merchantSerial,
    merchantPrivateKeyPem: saved.merchantPrivateKeyPem,
    merchantPublicKey: createPublicKey(saved.merchantPrivateKeyPem),
    apiV3Key: saved.apiV3Key,
    publicKeyId: saved.publicKeyId,
    publicKeyPem: saved.publicKeyPem,
    platformCertificatePem: saved.platformCertificatePem,
    signers: {
      'public-key': { kind: 'public-key', serial: saved.publicKeyId, privateKey: createPrivateKey(saved.wechatpayPrivateKeyPem) },
      'platform-certificate': { kind: 'platform-certificate', serial: saved.platformSerial, privateKey: createPrivateKey(saved.platformPrivateKeyPem) },
    },
  }
}
