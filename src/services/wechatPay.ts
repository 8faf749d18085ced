import Taro from '@tarojs/taro'
import type { PayParams, PayResult } from '../contract'

/** WeChat Pay in the mini-program: the parameters come from the merchant backend as they are. */
export async function requestWechatPayment(params: PayParams): Promise<PayResult> {
  try {
    const res = await Taro.requestPayment({ ...params })
    return { outcome: 'ok', errMsg: res.errMsg }
  } catch (error) {
    const errMsg = String((error as { errMsg?: string })?.errMsg ?? error)
    return { outcome: /cancel/.test(errMsg) ? 'cancel' : 'fail', errMsg }
  }
}
