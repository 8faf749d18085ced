/**
 * ID enumeration: 代他人缴费 lookups of people new to the user are rationed per WeChat user and per
 * client address (10 per 10 minutes and 30 a day per user by default), with the wait in the
 * message; 本人, saved payers and people looked up before are free; the counts hold across two
 * server instances on one PostgreSQL.
 */
import { BackendError } from '@/contract'
import { idCheckChar } from '@/domain/idDocument'
import { DEFAULT_LOOKUP_LIMITS, LOOKUP_WINDOW_MS } from '../../server/src/abuse/lookupLimits'
import { lookupOther, postJson, userClient } from './httpClient'
import { startPostgres, type Postgres } from './postgres'
import { startServerProcess, type ServerProcess } from './serverProcess'

const { user: PER_USER } = DEFAULT_LOOKUP_LIMITS

/** A well-formed ID number nobody in the demo registry holds: a probe answered NOT_REGISTERED. */
const stranger = (n: number) => {
  const first17 = `110101199003${String(1 + Math.floor(n / 900)).padStart(2, '0')}${100 + (n % 900)}`
  return { mode: 'other' as const, name: '王小明', idType: 'resident_id' as const, idNumber: first17 + idCheckChar(first17) }
}

type Client = Awaited<ReturnType<typeof userClient>>

/** What one probe answers: NOT_REGISTERED (counted) or LOOKUP_LIMITED (refused) — and the message. */
async function probe(user: Client, n: number): Promise<{ code: string; message: string }> {
  const error = await user.backend.lookupPayer(stranger(n)).then(() => undefined, (e: unknown) => e)
  if (!(error instanceof BackendError)) throw new Error(`probe ${n} was answered: ${String(error)}`)
  return { code: error.code, message: error.message }
}

async function probes(user: Client, from: number, count: number) {
  const answers = []
  for (let n = from; n < from + count; n++) answers.push(await probe(user, n))
  return answers
}

describe('on one server', () => {
  let server: ServerProcess
  beforeAll(async () => {
    // A tighter address allowance than the default, so two users behind one address reach it.
    server = await startServerProcess({ env: { LOOKUP_LIMIT_ADDRESS: '15,100' } })
  }, 60_000)
  afterAll(() => server?.stop())
  beforeEach(() => postJson(`${server.url()}/sim/reset`, {}))
  const advance = (ms: number) => postJson(`${server.url()}/sim/clock`, { advanceMs: ms })

  it('refuses the 11th new person in 10 minutes with the wait; 本人, known people and refs stay free', async () => {
    const user = await userClient(server.url, 'demo')
    const self = await user.backend.lookupPayer({ mode: 'self' })
    const family = await lookupOther(user.backend) // the one new person: counted
    const answers = await probes(user, 0, PER_USER.perWindow - 1)
    expect(answers.map((a) => a.code)).toEqual(Array(PER_USER.perWindow - 1).fill('NOT_REGISTERED'))
    const refused = await probe(user, 100)
    expect(refused.code).toBe('LOOKUP_LIMITED')
    // The clock stands at 10:00 Shanghai, the start of a window: the whole 10 minutes to wait.
    expect(refused.message).toBe('查询他人参保信息过于频繁，请 10 分钟后再试')
    // Who the user already has costs nothing, however often: 本人, the family member by ref or typed again.
    for (let i = 0; i < 3; i++) {
      expect((await user.backend.lookupPayer({ mode: 'self' })).payerRef).toBe(self.payerRef)
      expect((await user.backend.lookupPayer({ mode: 'ref', payerRef: family.payerRef })).payerRef).toBe(family.payerRef)
      expect((await lookupOther(user.backend)).payerRef).toBe(family.payerRef)
    }
    // A mistyped number says nothing of anyone: it is checked, not counted, and still explained.
    await expect(user.backend.lookupPayer({ ...stranger(1), idNumber: stranger(1).idNumber.slice(0, 17) + 'Y' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    await advance(4 * 60_000)
    expect((await probe(user, 101)).message).toBe('查询他人参保信息过于频繁，请 6 分钟后再试')
    await advance(6 * 60_000)
    expect((await probe(user, 102)).code).toBe('NOT_REGISTERED')
  })

  it('caps a day at 30 per user, told to come back tomorrow', async () => {
    const user = await userClient(server.url, 'wx-prober')
    const answered: string[] = []
    for (let window = 0; window < 4; window++) {
      answered.push(...(await probes(user, window * 100, PER_USER.perWindow)).map((a) => a.code))
      await advance(LOOKUP_WINDOW_MS)
    }
    expect(answered.filter((c) => c === 'NOT_REGISTERED')).toHaveLength(PER_USER.perDay)
    const refused = await probe(user, 999)
    // 10:40 Shanghai now: midnight is 13 h 20 min away.
    expect(refused).toEqual({ code: 'LOOKUP_LIMITED', message: '今日查询他人参保信息的次数已达上限，请明天再试（约 14 小时后）' })
    await advance(14 * 3_600_000)
    expect((await probe(user, 1000)).code).toBe('NOT_REGISTERED')
  })

  it('takes nothing from the day for a refused lookup: refusals in one window leave the 30 whole', async () => {
    const user = await userClient(server.url, 'wx-refused')
    const first = await probes(user, 0, 2 * PER_USER.perWindow)
    expect(first.filter((a) => a.code === 'LOOKUP_LIMITED')).toHaveLength(PER_USER.perWindow)
    const later: string[] = []
    for (let window = 1; window < PER_USER.perDay / PER_USER.perWindow; window++) {
      await advance(LOOKUP_WINDOW_MS)
      later.push(...(await probes(user, window * 100, PER_USER.perWindow)).map((a) => a.code))
    }
    expect(later).toEqual(Array(PER_USER.perDay - PER_USER.perWindow).fill('NOT_REGISTERED'))
    await advance(LOOKUP_WINDOW_MS)
    expect((await probe(user, 999)).message).toMatch(/^今日查询他人参保信息的次数已达上限/)
  })

  it('limits one client address across WeChat users (15 per 10 minutes here)', async () => {
    const first = await userClient(server.url, 'wx-account-1')
    const second = await userClient(server.url, 'wx-account-2')
    expect((await probes(first, 0, 10)).every((a) => a.code === 'NOT_REGISTERED')).toBe(true)
    expect((await probes(second, 100, 5)).every((a) => a.code === 'NOT_REGISTERED')).toBe(true)
    expect(await probe(second, 200)).toEqual({ code: 'LOOKUP_LIMITED', message: '当前网络查询他人参保信息过于频繁，请 10 分钟后再试' })
    // The second user's saved people still work: the limit is on strangers only.
    expect((await second.backend.lookupPayer({ mode: 'self' }).catch((e: BackendError) => e.code))).toBe('REALNAME_REQUIRED')
  })

  it('counts lookups sent at once exactly: 10 of 20 get through', async () => {
    const user = await userClient(server.url, 'wx-burst')
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => probe(user, n)))
    expect(answers.filter((a) => a.code === 'NOT_REGISTERED')).toHaveLength(PER_USER.perWindow)
    expect(answers.filter((a) => a.code === 'LOOKUP_LIMITED')).toHaveLength(20 - PER_USER.perWindow)
  })
})

describe('on two servers sharing one PostgreSQL', () => {
  let postgres: Postgres
  const servers: ServerProcess[] = []
  beforeAll(async () => {
    postgres = await startPostgres()
    // One after the other: each creates its simulators' tables on start.
    for (let i = 0; i < 2; i++) servers.push(await startServerProcess({ databaseUrl: postgres.url }))
  }, 90_000)
  afterAll(async () => {
    for (const s of servers) await s.stop()
    await postgres?.stop()
  }, 30_000)

  it('one allowance: lookups spread over both instances are counted together', async () => {
    const [a, b] = await Promise.all(servers.map((s) => userClient(s.url, 'wx-spread')))
    const answers = []
    for (let n = 0; n < PER_USER.perWindow + 4; n++) answers.push((await probe(n % 2 ? a : b, n)).code)
    expect(answers.filter((c) => c === 'NOT_REGISTERED')).toHaveLength(PER_USER.perWindow)
    expect(answers.slice(PER_USER.perWindow)).toEqual(Array(4).fill('LOOKUP_LIMITED'))
  })

  it('and exact when 30 arrive at once, half at each instance', async () => {
    const [a, b] = await Promise.all(servers.map((s) => userClient(s.url, 'wx-burst-both')))
    const answers = await Promise.all(Array.from({ length: 30 }, (_, n) => probe(n % 2 ? a : b, n)))
    expect(answers.filter((x) => x.code === 'NOT_REGISTERED')).toHaveLength(PER_USER.perWindow)
    expect(answers.filter((x) => x.code === 'LOOKUP_LIMITED')).toHaveLength(30 - PER_USER.perWindow)
  })
})
