/**
 * The session property has teeth: against deliberately broken backends (brokenMock.ts: the mock
 * with a broken part injected) it fails, with a seed and a shrunk, readable counterexample.
 */
import fc from 'fast-check'
import { mockFamilyIgnoringOtherOrders, mockIgnoringIdempotency, mockWithoutPersistence } from './brokenMock'
import { cmd, runSession, sessions, type MockFactory } from './sessionModel'

/** fast-check's report (seed, path, shrunk commands) and the invariant that broke. */
async function failureAgainst(makeMock: MockFactory): Promise<string> {
  try {
    await fc.assert(
      fc.asyncProperty(sessions(), async (session) => {
        await runSession(session, makeMock)
      }),
      { numRuns: 3000 },
    )
  } catch (error) {
    const { message, cause } = error as Error & { cause?: Error }
    return `${message}\nCause: ${cause?.message ?? ''}`
  }
  throw new Error('the session property passed against a broken backend')
}

const summary = (report: string) =>
  report
    .split('\n')
    .filter((l) => /seed|Counterexample|Cause/.test(l))
    .join('\n')

describe('the session property catches broken backends', () => {
  it('a backend that ignores the idempotency key (and the open order on the period)', async () => {
    const report = await failureAgainst(mockIgnoringIdempotency())
    console.log(summary(report))
    expect(report).toMatch(/seed: -?\d+/)
    expect(report).toMatch(/Counterexample: .*lookup\(/)
    expect(report).toMatch(/Cause: .*(is paid by .* and by|ledger|restore\(\)|pending record)/)
  }, 120_000)

  it('… and the paid-once invariant itself sees its double payment', async () => {
    // A late result is on its way for 周涛's order; the same period is looked up and paid again.
    const session = {
      first: cmd.lookup('p11'),
      then: [cmd.confirm(), cmd.cashier('pay', undefined, 'frozen'), cmd.lookup('p11'), cmd.confirm(), cmd.cashier('pay', undefined, 'frozen'), cmd.advance(6_000)],
    }
    // The honest mock hands back the open order: one payment, which settles.
    expect((await runSession(session)).outcomes).toMatchObject({ success: 1 })
    await expect(runSession(session, mockIgnoringIdempotency())).rejects.toThrow(/person-period p11:2027 is paid by \w+ and by \w+/)
  })

  it('a backend whose 全部缴纳 ignores the people’s other orders', async () => {
    // 陈桂兰 is paid for in the app; the second phone then asks 全部缴纳 for her and 陈嘉欣.
    const session = { first: cmd.lookup('p06'), then: [cmd.confirm(), cmd.cashier('pay'), cmd.familyCreate(['p06', 'p08']), cmd.familyCashier('pay')] }
    // The honest mock leaves her out (ALREADY_PAID): the family order pays 陈嘉欣 alone.
    expect(await runSession(session)).toMatchObject({ outcomes: { success: 1 }, familyPaid: 1 })
    await expect(runSession(session, mockFamilyIgnoringOtherOrders())).rejects.toThrow(/person-period p06:2027 is paid by \w+ and by \w+/)
  })

  it('a backend that forgets its orders when the app restarts', async () => {
    const report = await failureAgainst(mockWithoutPersistence)
    console.log(summary(report))
    expect(report).toMatch(/Counterexample: .*restart\(mock reloaded from storage/)
    expect(report).toMatch(/Cause: .*(does not have|ledger|restore\(\))/)
  }, 120_000)
})
