/**
 * The merchant server as an Adapter (build with TARO_APP_BACKEND=http; TARO_APP_SERVER_URL is the
 * server's origin, empty for the H5 build served beside it): the checked client over HTTP, WeChat
 * Pay for a `wechat` attempt and, on a development server, its simulated cashier for a `demo` one.
 * Nothing to reset from the app: the server keeps everyone's records.
 */
import { createBackend } from '../../contract/schemas'
import type { CreateAdapter } from '../adapter'
import { payAtCashier } from '../cashier'
import { createTaroHttpTransport, serverDemoCashier } from '../http/taroHttp'
import { storedChecks } from '../storedChecks'

const SERVER_URL = process.env.TARO_APP_SERVER_URL

export const createAdapter: CreateAdapter = () => {
  const transport = createTaroHttpTransport(SERVER_URL)
  return {
    backend: createBackend(transport),
    pay: (start) => payAtCashier(start, serverDemoCashier(SERVER_URL, start.payParams.package.replace(/^prepay_id=/, ''))),
    storedChecks,
    endSession: transport.endSession,
  }
}
