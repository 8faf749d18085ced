// What wx.requestPayment needs, signed by the merchant: paySign covers
// `appId\ntimeStamp\nnonceStr\npackage\n` (signType is not signed).
import type { KeyObject } from 'node:crypto'
import { newNonce, signSha256Rsa } from './sign'

export interface JsapiPayParams {
  appId: string
  timeStamp: string
  nonceStr: string
  package: string
  signType: 'RSA'
  paySign: string
}

export function paySigningString(appId: string, timeStamp: string, nonceStr: string, pkg: string): string {
  return `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`
}

export interface PayParamsInput {
  appId: string
  prepayId: string
  privateKey: KeyObject
  nowSeconds: number
  nonceStr?: string
}

export function jsapiPayParams({ appId, prepayId, privateKey, nowSeconds, nonceStr = newNonce() }: PayParamsInput): JsapiPayParams {
  const timeStamp = String(Math.floor(nowSeconds))
  const pkg = `prepay_id=${prepayId}`
  const paySign = signSha256Rsa(paySigningString(appId, timeStamp, nonceStr, pkg), privateKey)
  return { appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign }
}
