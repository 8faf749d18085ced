// Development only (never part of a production start): runs the simulator on a loopback port and
// writes the env file that points the merchant server at it.
//   npx tsx server/src/wechatpay/simulator/main.ts --port 9010 --notify-url http://127.0.0.1:3000/v1/wxpay/notify
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { simulatorEnv } from './devEnv'
import { startWechatPaySimulator } from './server'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9010' },
    // Keys live outside the repository: generated, simulator-only, but still private keys.
    dir: { type: 'string', default: join(tmpdir(), 'wechatpay-sim') },
    'notify-url': { type: 'string', default: 'http://127.0.0.1:3000/v1/wxpay/notify' },
    'retry-ms': { type: 'string', description: 'comma-separated notify retry waits; default WeChat Pay’s own' },
  },
})

const retryScheduleMs = values['retry-ms']?.split(',').map(Number)
startWechatPaySimulator({ port: Number(values.port), retryScheduleMs }).then((simulator) => {
  const env = simulatorEnv(simulator, values.dir as string, values['notify-url'] as string)
  const text = Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n')
  writeFileSync(join(values.dir as string, 'wechatpay.env'), `${text}\n`)
  console.log(`微信支付模拟器已启动：${simulator.baseUrl}（收银台 POST ${simulator.baseUrl}/sim/cashier）\n${text}`)
})
