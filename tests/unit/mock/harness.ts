/** A mock backend on a pinned clock and a memory store, with the people named by their registry ids. */
import { BackendError, type Backend, type ErrorCode } from '@/contract'
import { createBackend } from '@/contract/schemas'
import { createTestMock } from '@/services/mock/testMock'
import { type MockDelays } from '@/services/mock/orders'
import { findPersonById } from '@/services/mock/registry'
import { createMemoryStore, type KeyValueStore } from '@/services/storage'

/** 2026-11-23 10:00 Asia/Shanghai: the 2027 resident window is open in Sichuan and Fujian. */
export const START = Date.UTC(2026, 10, 23, 2, 0)

export function harness(options: { storage?: KeyValueStore; now?: number; delays?: Partial<MockDelays> } = {}) {
  const clock = { now: options.now ?? START }
  const storage = options.storage ?? createMemoryStore()
  const mock = createTestMock({ clock: () => clock.now, storage, latencyMs: 0, delays: options.delays })
  const backend: Backend = createBackend(mock.transport)
  let keys = 0

  const person = (id: string) => {
    const p = findPersonById(id)
    if (!p) throw new Error(`no demo person ${id}`)
    return p
  }

  async function refOf(id: string): Promise<string> {
    const p = person(id)
    return (await backend.lookupPayer({ mode: 'other', name: p.name, idType: p.idType, idNumber: p.idNumber })).payerRef
  }

  async function residentOrder(id: string, key = `key_${id}_${++keys}`) {
    const payerRef = await refOf(id)
    const due = await backend.listDueItems({ payerRef })
    const year = due.resident!.years.find((y) => y.inWindow)!
    const request = { idempotencyKey: key, payerRef, selection: { kind: 'resident' as const, coverageYear: year.coverageYear } }
    return { payerRef, request, order: await backend.createOrder(request) }
  }

  return {
    mock,
    backend,
    storage,
    clock,
    advance: (ms: number) => {
      clock.now += ms
    },
    person,
    refOf,
    residentOrder,
  }
}

export async function errorOf(promise: Promise<unknown>): Promise<BackendError> {
  try {
    const value = await promise
    throw new Error(`expected a BackendError, got ${JSON.stringify(value)}`)
  } catch (error) {
    if (!(error instanceof BackendError)) throw error
    return error
  }
}

export async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<BackendError> {
  const error = await errorOf(promise)
  expect(error.code).toBe(code)
  return error
}
