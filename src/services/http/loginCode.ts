import Taro from '@tarojs/taro'

/** A one-time code for the server's code2session (valid 5 minutes, once). */
export async function loginCode(): Promise<string> {
  const { code } = await Taro.login()
  return code
}
