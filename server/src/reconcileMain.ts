/**
 * `npm run reconcile -- --date YYYY-MM-DD`: reconciles that day now (the daily job does the same
 * every morning for yesterday), stores the differences and prints them. With a 商户号 (WECHATPAY_*)
 * it runs here, on DATABASE_URL (or the embedded database in DATA_DIR while no server holds it);
 * in development the running server runs it, since its simulator and clock live there.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { readConfig } from './config'
import { openDatabase } from './db/database'
import { migrate } from './db/migrate'
import { differencesTable, reconcileDay } from './jobs/reconcile'
import { createWechatPayProvider } from './pay/wechatProvider'
import { devServerUrlFile } from './sim/routes'
import { createWechatPayClient, wechatPayConfigFromEnv } from './wechatpay'

/** Development: the simulator and its clock live in the running server, so it is asked to run it. */
async function throughDevServer(dataDir: string, billDate: string): Promise<string> {
  const url = readFileSync(devServerUrlFile(dataDir), 'utf8').trim()
  const response = await fetch(`${url}/sim/reconcile`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ billDate }) })
  if (!response.ok) throw new Error(`对账失败：${response.status} ${await response.text()}`)
  return ((await response.json()) as { table: string }).table
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { date: { type: 'string' } } })
  const billDate = values.date ?? ''
  if (!/^\d{4}-\d{2}-\d{2}$/.test(billDate)) throw new Error('用法：npm run reconcile -- --date YYYY-MM-DD')
  const config = readConfig()
  if (!config.wechatPay.fromEnv) return console.log(await throughDevServer(config.dataDir, billDate))
  const wechatConfig = wechatPayConfigFromEnv(process.env)
  const client = createWechatPayClient(wechatConfig)
  const pay = createWechatPayProvider({ client: () => client, config: () => wechatConfig }, 'wechat')
  const database = await openDatabase(config)
  try {
    await migrate(database.pool)
    console.log(differencesTable(billDate, await reconcileDay(database.pool, pay, billDate, Date.now())))
  } finally {
    await database.close()
  }
}

main().catch((error) => {
  console.error((error as Error).message)
  process.exit(1)
})
