/** WeChat's code2session: a one-time wx.login code for the user's openid and session_key. */
import { send } from '../http/outbound'

export interface WechatSession {
  openid: string
  sessionKey: string
}

export class LoginError extends Error {}

export type Code2Session = (code: string) => Promise<WechatSession>

/** `url` is read per call: with the simulators it is the server's own address, known once it listens. */
export function code2SessionClient(options: { url: () => string; appId: string; secret: string }): Code2Session {
  return async (code) => {
    const query = new URLSearchParams({ appid: options.appId, secret: options.secret, js_code: code, grant_type: 'authorization_code' })
    const response = await send(new URL(`${options.url()}?${query}`), { method: 'GET', timeoutMs: 5_000 })
    if (response.status !== 200) throw new LoginError(`code2session HTTP ${response.status}`)
    const body = JSON.parse(response.body.toString('utf8')) as { openid?: string; session_key?: string; errcode?: number }
    if (!body.openid || !body.session_key) throw new LoginError(`code2session errcode ${body.errcode ?? 'none'}`)
    return { openid: body.openid, sessionKey: body.session_key }
  }
}
