/**
 * No full ID number (nor a name typed for a lookup, nor a token) in the server's log lines, with
 * request bodies logged at debug: pino's redaction, checked over every demo person's lookup.
 */
import { DEMO_PEOPLE } from '@/services/mock/registry'
import { newKey } from '../unit/contract/backendContract'
import { lookupOther, postJson, userClient } from './httpClient'
import { startServerProcess, type ServerProcess } from './serverProcess'

let server: ServerProcess
beforeAll(async () => {
  server = await startServerProcess({ env: { LOG_LEVEL: 'debug', LOOKUP_LIMIT_USER: '100,100' } })
}, 60_000)
afterAll(() => server?.stop())

const OLD_15_DIGIT = '510104500101003' // 张德明's old number, typed as such

it('logs request bodies with ID numbers, names and tokens censored', async () => {
  const user = await userClient(server.url, 'demo')
  const api = user.backend
  const typed = DEMO_PEOPLE.map((p) => ({ name: p.name, idType: p.idType, idNumber: p.idNumber }))
  typed.push({ name: '张德明', idType: 'resident_id', idNumber: OLD_15_DIGIT })
  typed.push({ name: '不是本人', idType: 'resident_id', idNumber: DEMO_PEOPLE[1].idNumber }) // name mismatch
  typed.push({ name: '测试', idType: 'resident_id', idNumber: DEMO_PEOPLE[0].idNumber.slice(0, 17) + '9' }) // bad check digit
  const found: string[] = []
  for (const t of typed) {
    const payer = await api.lookupPayer({ mode: 'other', ...t }).catch(() => undefined)
    if (payer) found.push(payer.payerRef)
  }
  expect(found.length).toBeGreaterThan(5)
  // A request outside the schema reaches the log too (it is logged before it is checked).
  const raw = await postJson(`${server.url()}/v1/rpc/lookupPayer`, { mode: 'other', name: '王强', idType: 'passport', idNumber: DEMO_PEOPLE[2].idNumber }, { authorization: `Bearer ${user.token()}` })
  expect(raw.body).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
  const self = await api.lookupPayer({ mode: 'self' })
  const year = (await api.listDueItems({ payerRef: self.payerRef })).resident!.years[0].coverageYear
  const order = await api.createOrder({ idempotencyKey: newKey(), payerRef: self.payerRef, selection: { kind: 'resident', coverageYear: year } })
  const started = await api.startPayment({ orderId: order.orderId })
  await user.pay(started.attemptId, 'pay')
  await api.getReceipt({ orderId: order.orderId })
  const family = await lookupOther(api)
  const share = await api.createShareToken({ payerRef: family.payerRef, selection: { kind: 'resident', coverageYear: year } })
  await api.openShareToken({ token: share.token }).catch(() => undefined)

  const lines = server.logs.join('\n')
  // The scan can see what it looks for: bodies were logged, with the fields censored.
  const lookups = server.logs.filter((l) => l.includes('"method":"lookupPayer"') && l.includes('rpc request'))
  expect(lookups.length).toBeGreaterThanOrEqual(typed.length + 1)
  expect(lookups.filter((l) => l.includes('"idNumber":"[redacted]"')).length).toBeGreaterThanOrEqual(typed.length + 1)
  for (const p of [...DEMO_PEOPLE.map((d) => d.idNumber), OLD_15_DIGIT]) expect(lines).not.toContain(p)
  for (const p of DEMO_PEOPLE.filter((d) => Array.from(d.name).length >= 2)) expect(lines).not.toContain(p.name)
  for (const secret of [user.token(), share.token]) expect(lines).not.toContain(secret)
}, 60_000)
