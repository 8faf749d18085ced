/**
 * Personal data at rest, on embedded PGlite and on PostgreSQL: after the demo journeys (本人 and
 * 代他人缴费 paid, every demo person looked up, a share opened and paid by another user, a
 * flexible worker's months) a dump of every row of every table holds no demo person's full ID
 * number or name, no token and no development key; the names and numbers are there sealed, and
 * open to what was typed; a new key takes over at the next start and the old one can then go.
 */
import { randomBytes } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { DEMO_PEOPLE } from '@/services/mock/registry'
import { createPiiCipher, piiKeysFromEnv } from '../../server/src/pii/cipher'
import { newKey } from '../unit/contract/backendContract'
import { DEMO_FIXTURES } from '../unit/contract/demoFixtures'
import { userClient } from './httpClient'
import { dumpAll, dumpPglite, type Rows } from './dump'
import { findingsIn, forbiddenTexts } from './logScan'
import { startPostgres } from './postgres'
import { startServerProcess, type ServerProcess } from './serverProcess'

const key = () => randomBytes(32).toString('base64')
const FIRST_KEYS = { PII_KEYS: `k1:${key()}`, PII_HMAC_KEY: key() }
const OLD_15_DIGIT = '510104500101003' // 张德明's old number, typed as such

const ROOT = resolve(__dirname, '..', '..')
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx')
/** Enough lookups for one user to meet every demo person. */
const LIMITS = { LOOKUP_LIMIT_USER: '100,100' }

/** What the app's users do in a season, and every token they were handed. */
async function demoJourneys(url: () => string): Promise<string[]> {
  const user = await userClient(url, 'demo')
  const api = user.backend
  const pay = async (payerRef: string, selection: Parameters<typeof api.createOrder>[0]['selection']) => {
    const order = await api.createOrder({ idempotencyKey: newKey(), payerRef, selection })
    await user.pay((await api.startPayment({ orderId: order.orderId })).attemptId, 'pay')
    return order.orderId
  }
  const self = await api.lookupPayer({ mode: 'self' })
  await api.getReceipt({ orderId: await pay(self.payerRef, { kind: 'resident', coverageYear: (await api.listDueItems({ payerRef: self.payerRef })).resident!.years[0].coverageYear }) })
  for (const p of DEMO_PEOPLE) await api.lookupPayer({ mode: 'other', name: p.name, idType: p.idType, idNumber: p.idNumber }).catch(() => undefined)
  await api.lookupPayer({ mode: 'other', name: '张德明', idType: 'resident_id', idNumber: OLD_15_DIGIT })
  const { name, idType, idNumber } = DEMO_FIXTURES.otherDue
  const family = await api.lookupPayer({ mode: 'other', name, idType, idNumber })
  const year = (await api.listDueItems({ payerRef: family.payerRef })).resident!.years[0].coverageYear
  await pay(family.payerRef, { kind: 'resident', coverageYear: year })
  const flexRef = (await api.lookupPayer({ mode: 'other', ...DEMO_FIXTURES.flexible })).payerRef
  const flex = (await api.listDueItems({ payerRef: flexRef })).flexible!
  await pay(flexRef, { kind: 'flexible', months: flex.months.slice(0, 2).map((m) => m.month), tierCode: flex.defaultTierCode })
  // 请家人代缴: 张建国 shares someone's due year; his daughter opens the link and pays it.
  const shared = (await api.lookupPayer({ mode: 'other', ...DEMO_FIXTURES.subsidised })).payerRef
  const sharedYear = (await api.listDueItems({ payerRef: shared })).resident!.years[0].coverageYear
  const share = await api.createShareToken({ payerRef: shared, selection: { kind: 'resident', coverageYear: sharedYear } })
  const daughter = await userClient(url, 'wx-daughter')
  const opened = await daughter.backend.openShareToken({ token: share.token })
  const order = await daughter.backend.createOrder({ idempotencyKey: newKey(), payerRef: opened.payer.payerRef, selection: opened.selection })
  await daughter.pay((await daughter.backend.startPayment({ orderId: order.orderId })).attemptId, 'pay')
  return [user.token(), daughter.token(), share.token]
}

/** The dump holds none of it in the clear, and the sealed columns open to what was typed. */
function expectSealedOnly(dump: Rows, tokens: string[], env: Record<string, string>) {
  const text = JSON.stringify(dump)
  expect(Object.keys(dump)).toEqual(expect.arrayContaining(['payers', 'users', 'sessions', 'orders', 'share_tokens', 'lookup_counts']))
  expect(findingsIn(text, forbiddenTexts([...tokens, ...env.PII_KEYS.split(',').map((k) => k.split(':')[1]), env.PII_HMAC_KEY]))).toEqual([])
  const pii = createPiiCipher(piiKeysFromEnv(env))
  const typed = dump.payers.filter((p) => p.id_number_sealed !== null)
  // 本人, every registered demo person looked up, and the 15-digit number stored as its 18-digit form.
  expect(typed.length).toBeGreaterThanOrEqual(8)
  const opened = typed.map((p) => ({ name: pii.open(String(p.name_sealed)), idNumber: pii.open(String(p.id_number_sealed)) }))
  expect(opened).toContainEqual({ name: DEMO_FIXTURES.otherDue.name, idNumber: DEMO_FIXTURES.otherDue.idNumber })
  expect(opened).toContainEqual({ name: DEMO_FIXTURES.selfDue.name, idNumber: DEMO_FIXTURES.selfDue.idNumber })
  expect(opened.map((o) => o.idNumber)).not.toContain(OLD_15_DIGIT)
  // The share's opener never typed a number: her payer has none.
  expect(dump.payers.filter((p) => p.via_share).every((p) => p.id_number_sealed === null && p.name_sealed === null)).toBe(true)
  for (const u of dump.users) expect(pii.isSealed(String(u.session_key))).toBe(true)
}

describe('on embedded PGlite', () => {
  let server: ServerProcess
  beforeAll(async () => {
    server = await startServerProcess({ env: { ...FIRST_KEYS, ...LIMITS } })
  }, 60_000)
  afterAll(() => server?.stop())

  async function dumpStopped(): Promise<Rows> {
    await server.halt()
    return dumpPglite(server.dataDir)
  }

  it('dumps no ID number, name, token or key after the demo journeys', async () => {
    const tokens = await demoJourneys(server.url)
    expectSealedOnly(await dumpStopped(), tokens, FIRST_KEYS)
  }, 90_000)

  it('seals everything again under a new first key at start; then the old key can go', async () => {
    const rotated = { ...LIMITS, PII_KEYS: `k2:${key()},${FIRST_KEYS.PII_KEYS}`, PII_HMAC_KEY: FIRST_KEYS.PII_HMAC_KEY }
    await server.restart(rotated)
    expect(server.logs.some((l) => l.includes('"resealed"'))).toBe(true)
    const onlyNew = { ...LIMITS, PII_KEYS: rotated.PII_KEYS.split(',')[0], PII_HMAC_KEY: FIRST_KEYS.PII_HMAC_KEY }
    await server.restart(onlyNew)
    // The same people are found again: the lookup hash did not change with the sealing key.
    const user = await userClient(server.url, 'demo')
    const before = (await user.backend.listRecords({})).records.length
    await user.backend.lookupPayer({ mode: 'other', ...DEMO_FIXTURES.otherDue })
    expect((await user.backend.listRecords({})).records.length).toBe(before)
    const dump = await dumpStopped()
    const sealed = [...dump.payers.flatMap((p) => [p.name_sealed, p.id_number_sealed]), ...dump.users.map((u) => u.session_key)].filter((v) => v !== null)
    expect(sealed.length).toBeGreaterThan(10)
    expect(sealed.every((v) => String(v).startsWith('p1.k2.'))).toBe(true)
    expectSealedOnly(dump, [user.token()], onlyNew)
  }, 90_000)
})

describe('on PostgreSQL', () => {
  it('dumps no ID number, name, token or key after the demo journeys', async () => {
    const postgres = await startPostgres()
    const server = await startServerProcess({ databaseUrl: postgres.url, env: { ...FIRST_KEYS, ...LIMITS } })
    const pool = new pg.Pool({ connectionString: postgres.url, max: 1 })
    try {
      const tokens = await demoJourneys(server.url)
      expectSealedOnly(await dumpAll(async (sql) => (await pool.query(sql)).rows), tokens, FIRST_KEYS)
    } finally {
      await pool.end()
      await server.stop()
      await postgres.stop()
    }
  }, 120_000)
})

describe('in production', () => {
  const start = (env: Record<string, string>) => {
    const run = spawnSync(TSX, ['server/src/main.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, NODE_ENV: 'production', WECHAT_APP_ID: 'wx_real', WECHAT_APP_SECRET: 'a-real-secret', PORT: '0', PII_KEYS: '', PII_HMAC_KEY: '', ...env },
    })
    return { status: run.status, lines: run.stderr.trim().split('\n') }
  }

  it.each([
    ['no PII keys at all', {}, /PII_KEYS is not set/],
    ['no lookup key', { PII_KEYS: `k1:${key()}` }, /PII_HMAC_KEY is not set/],
    ['the development key', { PII_KEYS: `k1:${Buffer.alloc(32, 'yibao development-only PII key ').toString('base64')}`, PII_HMAC_KEY: key() }, /PII_KEYS holds the development key/],
  ])('refuses to start with %s, in one line naming the variable', (_name, env, message) => {
    const { status, lines } = start(env)
    expect(status).toBe(1)
    expect(lines).toEqual([expect.stringMatching(message)])
  })
})
