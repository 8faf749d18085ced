/**
 * The server with its loopback WeChat Pay, as the WeChat Pay tests drive it: orders for demo
 * people, the payment sheet with the simulator's notify knobs, the clock, and (on PostgreSQL) a
 * look straight into the server's tables, so "nothing changed" is checked without a request
 * that would itself ask WeChat Pay.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import type { IdType } from '@/contract'
import { findPersonById } from '@/services/mock/registry'
import { newKey } from '../unit/contract/backendContract'
import { postJson, userClient } from './httpClient'
import { startPostgres, type Postgres } from './postgres'
import { startServerProcess, type ServerProcess } from './serverProcess'

export interface SheetKnobs {
  deliveries?: number
  concurrent?: boolean
  delayMs?: number
  notify?: boolean
  spoil?: 'probe' | 'forged' | 'stale'
  amount?: number
  openid?: string
  evenIfClosed?: boolean
}

export interface SheetAnswer {
  result: 'ok' | 'cancel' | 'fail'
  errMsg: string
  notifyId?: string
  deliveries?: (number | string)[]
}

/** `cashierUrl`: the server whose development cashier pays (another instance may be configured for its simulator by WECHATPAY_* only). */
export function wechatPayWorld(url: () => string, cashierUrl = url) {
  /** An order for a demo person (by id) or anyone else the tax simulator knows (a population member). */
  async function orderFor(person: string | { name: string; idType: IdType; idNumber: string }) {
    const user = await userClient(url, 'demo')
    const p = typeof person === 'string' ? findPersonById(person)! : person
    const payer = await user.backend.lookupPayer({ mode: 'other', name: p.name, idType: p.idType, idNumber: p.idNumber })
    const year = (await user.backend.listDueItems({ payerRef: payer.payerRef })).resident!.years[0].coverageYear
    const order = await user.backend.createOrder({ idempotencyKey: newKey(), payerRef: payer.payerRef, selection: { kind: 'resident', coverageYear: year } })
    const start = () => user.backend.startPayment({ orderId: order.orderId })
    const sheet = async (attemptId: string, action: 'pay' | 'cancel' | 'fail', knobs: SheetKnobs = {}): Promise<SheetAnswer> => {
      const prepayId = user.http.prepayIds.get(attemptId)
      if (!prepayId) throw new Error(`no prepay id seen for ${attemptId}`)
      return (await postJson(`${cashierUrl()}/sim/cashier`, { prepayId, action, ...knobs })).body as SheetAnswer
    }
    return { user, order, start, sheet, query: () => user.backend.queryOrder({ orderId: order.orderId }) }
  }
  return {
    orderFor,
    advance: (ms: number) => postJson(`${url()}/sim/clock`, { advanceMs: ms }),
    reset: () => postJson(`${url()}/sim/reset`, {}),
  }
}

/** The WECHATPAY_* a development server writes for its simulator (DATA_DIR/wechatpay-sim/wechatpay.env), so another process can use it. */
export function devWechatPayEnv(dataDir: string): Record<string, string> {
  const lines = readFileSync(join(dataDir, 'wechatpay-sim', 'wechatpay.env'), 'utf8').trim().split('\n')
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]))
}

/** The server's own tables, read directly (PostgreSQL only: the embedded database has one connection). */
export function tables(databaseUrl: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 })
  const rows = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[]
  return {
    rows,
    attempt: async (attemptId: string) => (await rows<{ state: string; transaction_id: string | null; amount_fen: number }>('SELECT * FROM payment_attempts WHERE attempt_id = $1', [attemptId]))[0],
    order: async (orderId: string) => (await rows<{ state: string; fail_reason: string | null }>('SELECT * FROM orders WHERE order_id = $1', [orderId]))[0],
    inbox: (outTradeNo: string) => rows<{ notify_id: string; outcome: string; flagged: boolean }>('SELECT * FROM wxpay_inbox WHERE out_trade_no = $1', [outTradeNo]),
    receipts: (orderId: string) => rows('SELECT * FROM receipts WHERE order_id = $1', [orderId]),
    refunds: (orderId: string) => rows<{ state: string; attempt_id: string; amount_fen: number }>('SELECT * FROM refunds WHERE order_id = $1', [orderId]),
    close: () => pool.end(),
  }
}

/**
 * A file's set-up for the WeChat Pay tests on PostgreSQL: a throwaway cluster, one server on it,
 * its tables open for reading, and the world driving that server; all stopped after the file.
 */
export function wechatPayOnPostgres(env: Record<string, string> = {}) {
  const on = {} as { pg: Postgres; server: ServerProcess; db: ReturnType<typeof tables> }
  beforeAll(async () => {
    on.pg = await startPostgres()
    on.server = await startServerProcess({ databaseUrl: on.pg.url, env })
    on.db = tables(on.pg.url)
  }, 120_000)
  afterAll(async () => {
    await on.db?.close()
    await on.server?.stop()
    await on.pg?.stop()
  }, 30_000)
  return { on, world: wechatPayWorld(() => on.server.url()) }
}
