/**
 * Who a WeChat user is in real life, when they have let the merchant know (微信实名 /
 * 医保电子凭证 authorisation). Someone it does not know has no 本人缴费.
 */
import type { IdType } from '../tax/port'

export interface RealNameIdentity {
  name: string
  idType: IdType
  idNumber: string
}

export type RealNameDirectory = (openid: string) => Promise<RealNameIdentity | undefined>
