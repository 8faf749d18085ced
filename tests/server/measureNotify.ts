/**
 * Measures POST /v1/wxpay/notify (not part of npm test): p50/p99 of 1,000 sequential notifies,
 * each signed and encrypted as WeChat Pay does with the development simulator's keys, over
 * loopback HTTP, verified, decrypted and written to the inbox in one transaction.
 *   npx tsx tests/server/measureNotify.ts            embedded PGlite: 1,000 distinct notifies for one paid attempt
 *   npx tsx tests/server/measureNotify.ts --postgres also 1,000 notifies that each pay their own open attempt
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { encryptResource } from '../../server/src/wechatpay/aead'
import { importSimulatorKeys } from '../../server/src/wechatpay/simulator/keys'
import { signedHeaders } from '../../server/src/wechatpay/simulator/notifier'
import { shanghaiTime } from '../../server/src/wechatpay/simulator/wire'
import { postJson } from './httpClient'
import { startPostgres } from './postgres'
import { startServerProcess, type ServerProcess } from './serverProcess'
import { wechatPayWorld } from './wechatpayWorld'

const NOTIFIES = 1_000
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]

async function notifier(server: ServerProcess) {
  const saved = JSON.parse(readFileSync(join(server.dataDir, 'wechatpay-sim.json'), 'utf8'))
  const keys = importSimulatorKeys(saved.keys)
  const now = ((await postJson(`${server.url()}/sim/clock`, { advanceMs: 0 })).body as { now: number }).now
  return async (transaction: { outTradeNo: string; total: number; openid: string }): Promise<number> => {
    const resource = {
      appid: 'wx8888888888888888', mchid: keys.mchid, out_trade_no: transaction.outTradeNo, transaction_id: `4200${randomBytes(12).toString('hex')}`,
      trade_type: 'JSAPI', trade_state: 'SUCCESS', trade_state_desc: '支付成功', success_time: shanghaiTime(now), payer: { openid: transaction.openid },
      amount: { total: transaction.total, payer_total: transaction.total, currency: 'CNY', payer_currency: 'CNY' },
    }
    const body = JSON.stringify({
      id: randomBytes(16).toString('hex'), create_time: shanghaiTime(now), resource_type: 'encrypt-resource', event_type: 'TRANSACTION.SUCCESS', summary: '支付成功',
      resource: encryptResource(JSON.stringify(resource), keys.apiV3Key, randomBytes(6).toString('hex'), 'transaction', 'transaction'),
    })
    const headers = { ...signedHeaders(keys.signers['public-key'], body, Math.floor(now / 1000)), 'content-type': 'application/json' }
    const started = performance.now()
    const response = await fetch(`${server.url()}/v1/wxpay/notify`, { method: 'POST', headers, body })
    await response.arrayBuffer()
    if (response.status !== 204) throw new Error(`notify answered ${response.status}`)
    return performance.now() - started
  }
}

const report = (label: string, times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b)
  console.log(`${label}: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms over ${times.length}`)
}

async function main(): Promise<void> {
  const postgres = process.argv.includes('--postgres') ? await startPostgres() : undefined
  const server = await startServerProcess({ databaseUrl: postgres?.url, env: { LOG_LEVEL: 'warn' } })
  try {
    const world = wechatPayWorld(server.url)
    const { start, sheet } = await world.orderFor('p08')
    const attempt = await start()
    await sheet(attempt.attemptId, 'pay')
    const send = await notifier(server)
    const openid = (await (await fetch(`${server.url()}/sim/wechat/sns/jscode2session?js_code=demo`)).json()).openid as string
    const already: number[] = []
    for (let i = 0; i < NOTIFIES; i++) already.push(await send({ outTradeNo: attempt.attemptId, total: attempt.amountFen, openid }))
    report(`${postgres ? 'PostgreSQL' : 'PGlite'}, distinct notifies for a paid attempt`, already)
    if (!postgres) return
    // 1,000 open attempts, cloned in SQL from the one above, each paid by its own notify.
    const db = new pg.Client({ connectionString: postgres.url })
    await db.connect()
    const { rows } = await db.query('SELECT * FROM orders WHERE order_id = (SELECT order_id FROM payment_attempts WHERE attempt_id = $1)', [attempt.attemptId])
    const order = rows[0]
    for (let i = 0; i < NOTIFIES; i++) {
      const id = `M${String(i).padStart(6, '0')}${randomBytes(4).toString('hex')}`
      await db.query(
        "INSERT INTO orders SELECT $1, owner_id, payer_ref, $2, $3, period_key, selection, 'paying', kind, item_name, period_label, period_start, period_end, amount_fen, subsidy_fen, tier_label, tax_authority, region_name, cover_start, created_at, updated_at FROM orders WHERE order_id = $4",
        [`OD${id}`, `pk${id}`, `ik${id}`, order.order_id],
      )
      await db.query("INSERT INTO payment_attempts (attempt_id, order_id, out_trade_no, amount_fen, state, openid, created_at, updated_at) VALUES ($1, $2, $1, $3, 'open', $4, 0, 0)", [`PA${id}`, `OD${id}`, order.amount_fen, openid])
    }
    const ids = (await db.query<{ attempt_id: string }>("SELECT attempt_id FROM payment_attempts WHERE attempt_id LIKE 'PAM%'")).rows.map((r) => r.attempt_id)
    await db.end()
    const accepted: number[] = []
    for (const id of ids) accepted.push(await send({ outTradeNo: id, total: order.amount_fen, openid }))
    report('PostgreSQL, each notify paying its own attempt (bookings queued behind it)', accepted)
  } finally {
    await server.stop()
    await postgres?.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
