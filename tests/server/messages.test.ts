/**
 * One table of backend messages (src/domain/backendMessages): the same refusal, asked of the
 * embedded mock and of the server, comes back with the same code and the same words, and those
 * are the table's. A side that drifts (its own wording, another code) fails here.
 */
import { BackendError, type Backend } from '@/contract'
import { createBackend } from '@/contract/schemas'
import { BACKEND_MESSAGES } from '@/domain/backendMessages'
import { createTestMock } from '@/services/mock/testMock'
import { createMemoryStore } from '@/services/storage'
import { DEMO_FIXTURES } from '../unit/contract/demoFixtures'
import { userClient } from './httpClient'
import { CONTRACT_DAY, serverForThisFile } from './serverProcess'

const server = serverForThisFile({ resetEachTest: true })

function mockBackend(): Backend {
  const now = Date.parse(CONTRACT_DAY)
  return createBackend(createTestMock({ clock: () => now, storage: createMemoryStore(), latencyMs: 0 }).transport)
}

async function refusalOf(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call
  } catch (error) {
    if (error instanceof BackendError) return { code: error.code, message: error.message }
    throw error
  }
  throw new Error('expected a refusal')
}

const other = (fixture: { name: string; idType: string; idNumber: string }, name = fixture.name) =>
  ({ mode: 'other', name, idType: fixture.idType, idNumber: fixture.idNumber }) as const
const refOf = async (backend: Backend, fixture: { name: string; idType: string; idNumber: string }) =>
  (await backend.lookupPayer(other(fixture) as Parameters<Backend['lookupPayer']>[0])).payerRef

type Case = [label: string, ask: (backend: Backend) => Promise<unknown>, code: string, message: string]

const CASES: Case[] = [
  ['an unregistered person', (b) => b.lookupPayer(other(DEMO_FIXTURES.unregistered) as never), 'NOT_REGISTERED', BACKEND_MESSAGES.notRegistered],
  ['a wrong name', (b) => b.lookupPayer(other(DEMO_FIXTURES.otherDue, '王五') as never), 'NAME_MISMATCH', BACKEND_MESSAGES.nameMismatch],
  ['someone in employee cover', (b) => b.lookupPayer(other(DEMO_FIXTURES.employee) as never), 'EMPLOYEE_COVERED', BACKEND_MESSAGES.employee],
  ['a year already paid', async (b) => b.listDueItems({ payerRef: await refOf(b, DEMO_FIXTURES.alreadyPaid) }), 'ALREADY_PAID', BACKEND_MESSAGES.alreadyPaid],
  ['an unknown order', (b) => b.queryOrder({ orderId: 'OD_abcdefgh' }), 'ORDER_NOT_FOUND', BACKEND_MESSAGES.orderNotFound],
  ['an unknown share link', (b) => b.openShareToken({ token: 'st_unknown0123456789' }), 'SHARE_INVALID', BACKEND_MESSAGES.shareInvalid],
  [
    'flexible months that skip the earliest',
    async (b) => {
      const payerRef = await refOf(b, DEMO_FIXTURES.flexible)
      const flex = (await b.listDueItems({ payerRef })).flexible!
      return b.createOrder({ idempotencyKey: `k-${Date.now()}-skip`, payerRef, selection: { kind: 'flexible', months: [flex.months[1].month], tierCode: flex.defaultTierCode } })
    },
    'INVALID_REQUEST',
    BACKEND_MESSAGES.monthsNotFromStart,
  ],
  [
    'a receipt for an unpaid order',
    async (b) => {
      const payerRef = (await b.lookupPayer({ mode: 'self' })).payerRef
      const year = (await b.listDueItems({ payerRef })).resident!.years[0].coverageYear
      const order = await b.createOrder({ idempotencyKey: `k-${Date.now()}-receipt`, payerRef, selection: { kind: 'resident', coverageYear: year } })
      return b.getReceipt({ orderId: order.orderId })
    },
    'ORDER_NOT_PAYABLE',
    BACKEND_MESSAGES.notPaidYet,
  ],
]

it.each(CASES)('%s: the mock and the server refuse with the same code and words, the table’s', async (_label, ask, code, message) => {
  const onServer = (await userClient(server.url, 'demo')).backend
  const fromMock = await refusalOf(ask(mockBackend()))
  const fromServer = await refusalOf(ask(onServer))
  expect(fromMock).toEqual({ code, message })
  expect(fromServer).toEqual({ code, message })
})
