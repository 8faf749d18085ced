/**
 * The bench's simulator process: WeChat Pay (the loopback simulator, books in memory) and
 * WeChat's code2session on loopback ports, apart from the server so their CPU is measured apart.
 * Its clock stands still at SIM_CLOCK_START, as the server's does. Prints one JSON line: the
 * environment that points a server at it (WECHATPAY_*, WECHAT_CODE2SESSION_URL) and the cashier's URL.
 *   node --import tsx bench/server/simulators.ts <notify URL> <key folder>
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { simCode2Session } from '../../server/src/sim/routes'
import { simulatorEnv } from '../../server/src/wechatpay/simulator/devEnv'
import { startWechatPaySimulator } from '../../server/src/wechatpay/simulator/server'

const [notifyUrl, keyDir] = process.argv.slice(2)
const start = Date.parse(process.env.SIM_CLOCK_START ?? '')
const now = Number.isFinite(start) ? () => start : Date.now

async function main(): Promise<void> {
  const wechatPay = await startWechatPaySimulator({ now, retryScheduleMs: [1_000, 2_000, 5_000] })
  const code2session = createServer((req, res) => {
    const code = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('js_code') ?? ''
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(simCode2Session(code, now())))
  })
  await new Promise<void>((ok) => code2session.listen(0, '127.0.0.1', ok))
  const env = {
    ...simulatorEnv(wechatPay, keyDir, notifyUrl),
    WECHAT_CODE2SESSION_URL: `http://127.0.0.1:${(code2session.address() as AddressInfo).port}/sns/jscode2session`,
  }
  console.log(JSON.stringify({ env, cashierUrl: `${wechatPay.baseUrl}/sim/cashier` }))
  process.on('SIGTERM', () => process.exit(0))
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
