/**
 * Fuzzed external inputs not covered elsewhere (10,000 generated values per property): the saved
 * family list as storage may hold it, share tokens from a card's path, and the order ids that
 * page queries (结果, 凭证) carry. Never a throw, always a typed answer, never an ID number echoed.
 */
import fc from 'fast-check'
import { createFamilyPayers, FAMILY_KEY } from '@/storage/familyPayers'
import { BackendError } from '@/contract'
import { DEMO_PEOPLE } from '@/services/mock/registry'
import { createMemoryStore } from '@/services/storage'
import { harness } from '../mock/harness'
import { evilString } from './evilStrings'

const RUNS = { numRuns: 10_000 }
const ID_NUMBERS = DEMO_PEOPLE.map((p) => p.idNumber)
const anyText = fc.oneof(evilString, fc.string({ maxLength: 64 }), fc.constantFrom(...ID_NUMBERS))
const stored = fc.oneof(fc.json(), anyText, fc.jsonValue().map((v) => JSON.stringify(v)), fc.array(fc.jsonValue()).map((v) => JSON.stringify(v)))

async function typedError(promise: Promise<unknown>): Promise<BackendError | undefined> {
  try {
    await promise
    return undefined
  } catch (error) {
    if (!(error instanceof BackendError)) throw error
    return error
  }
}

describe('fuzz: external inputs', () => {
  it('the saved family list: anything in storage reads as a list of masked entries or an empty one', () => {
    fc.assert(
      fc.property(stored, (raw) => {
        const storage = createMemoryStore()
        storage.setItem(FAMILY_KEY, raw)
        const list = createFamilyPayers(storage).list()
        expect(Array.isArray(list)).toBe(true)
        for (const entry of list) expect(ID_NUMBERS.some((id) => JSON.stringify(entry).includes(id))).toBe(false)
      }),
      RUNS,
    )
  })

  it('a share token from a card: a typed answer (SHARE_INVALID for junk), never a crash or an echo', async () => {
    const h = harness()
    await fc.assert(
      fc.asyncProperty(anyText, async (token) => {
        const error = await typedError(h.backend.openShareToken({ token }))
        expect(error?.code).toBe('SHARE_INVALID')
        expect(error?.message.includes(token) && token.length > 3).toBe(false)
      }),
      RUNS,
    )
  })

  it('an order id from a page query: 查询订单 and 缴费凭证 answer with a typed error, never a crash', async () => {
    const h = harness()
    await fc.assert(
      fc.asyncProperty(anyText, async (orderId) => {
        for (const call of [h.backend.queryOrder({ orderId }), h.backend.getReceipt({ orderId })]) {
          const error = await typedError(call)
          expect(['INVALID_REQUEST', 'ORDER_NOT_FOUND']).toContain(error?.code)
          expect(ID_NUMBERS.some((id) => error!.message.includes(id))).toBe(false)
        }
      }),
      RUNS,
    )
  })
})
