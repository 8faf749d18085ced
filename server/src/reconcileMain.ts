/**
 * `npm run reconcile -- --date YYYY-MM-DD`: reconciles that day now (the daily job does the same
 * every morning for yesterday), stores the differences and prints them. WeChat Pay comes from
 * WECHATPAY_*, or in development from the running server's simulator; the database from
 * DATABASE_URL, or the embedded one in DATA_DIR (only while no server holds it).
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { readConfig } from './config'
import { openDatabase } from './db/database'
import { migrate } from './db/migrate'
import { reconcileDay } from './jobs/reconcile'
import { devWechatPayEnvFile } from './pay/devWechatPay'
import { createWechatPayProvider } from './pay/wechatProvider'
import { createWechatPayClient, fenToYuan, wechatPayConfigFromEnv, type BillDifference } from './wechatpay'

const KIND_LABEL: Record<BillDifference['kind'], string> = {
  'paid-at-wechat-only': '微信支付有、本系统无',
  'paid-here-only': '本系统有、微信支付无',
  'payment-amount-differs': '支付金额不一致',
  'refunded-at-wechat-only': '退款：微信支付有、本系统无',
  'refunded-here-only': '退款：本系统有、微信支付无',
  'refund-amount-differs': '退款金额不一致',
}

const yuan = (fen: number | undefined) => (fen === undefined ? '' : fenToYuan(fen))

export function differencesTable(billDate: string, differences: BillDifference[]): string {
  if (differences.length === 0) return `${billDate} 对账一致：没有差异`
  const rows = differences.map((d) => [KIND_LABEL[d.kind], d.outTradeNo, 'outRefundNo' in d ? d.outRefundNo : '', yuan('wechat' in d ? d.wechat : undefined), yuan('here' in d ? d.here : undefined)])
  const header = ['差异', '商户订单号', '商户退款单号', '微信支付（元）', '本系统（元）']
  const lines = [header, ...rows].map((r) => r.join('\t'))
  return `${billDate} 对账差异 ${differences.length} 条：\n${lines.join('\n')}`
}

function envFile(path: string): Record<string, string> {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.includes('='))
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]))
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { date: { type: 'string' } } })
  const billDate = values.date ?? ''
  if (!/^\d{4}-\d{2}-\d{2}$/.test(billDate)) throw new Error('用法：npm run reconcile -- --date YYYY-MM-DD')
  const config = readConfig()
  const wechatConfig = wechatPayConfigFromEnv(config.wechatPay.fromEnv ? process.env : envFile(devWechatPayEnvFile(config.dataDir)))
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
