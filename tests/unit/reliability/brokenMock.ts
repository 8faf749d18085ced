/**
 * Deliberately broken backends, to show the session property has teeth. Nothing in src/ is
 * touched: the embedded mock's source is read, patched in memory (a scratch copy), transpiled and
 * evaluated here with the real domain modules.
 */
import * as fs from 'fs'
import * as path from 'path'
import * as ts from 'typescript'
import * as zodMini from 'zod/mini'
import * as coverage from '@/domain/coverage'
import * as idDocument from '@/domain/idDocument'
import * as mask from '@/domain/mask'
import * as money from '@/domain/money'
import * as orderState from '@/domain/orderState'
import * as periods from '@/domain/periods'
import * as personName from '@/domain/personName'
import * as policy from '@/domain/policy'
import * as time from '@/domain/time'
import * as contract from '@/contract'
import * as schemas from '@/contract/schemas'
import { createMockBackend } from '@/services/mock/mockBackend'
import * as registry from '@/services/mock/registry'
import * as storage from '@/services/storage'
import type { MockFactory } from './sessionModel'

const MOCK_SOURCE = path.resolve(__dirname, '../../../src/services/mock/mockBackend.ts')

/** What the mock's imports resolve to in the scratch copy. */
const MODULES: Record<string, unknown> = {
  'zod/mini': zodMini,
  '../../domain/coverage': coverage,
  '../../domain/idDocument': idDocument,
  '../../domain/mask': mask,
  '../../domain/money': money,
  '../../domain/orderState': orderState,
  '../../domain/periods': periods,
  '../../domain/personName': personName,
  '../../domain/policy': policy,
  '../../domain/time': time,
  '../contract': contract,
  '../schemas': schemas,
  '../storage': storage,
  './registry': registry,
}

/** Applies each patch exactly once, or says which one no longer fits the mock. */
function patch(source: string, patches: [RegExp, string][]): string {
  let out = source
  for (const [pattern, replacement] of patches) {
    const matches = out.match(new RegExp(pattern.source, 'g'))
    if (matches?.length !== 1) throw new Error(`brokenMock.ts: ${pattern} matched ${matches?.length ?? 0} times in mockBackend.ts; update the patch`)
    out = out.replace(pattern, replacement)
  }
  return out
}

function evaluate(source: string): MockFactory {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2019, esModuleInterop: true } }).outputText
  const module = { exports: {} as Record<string, unknown> }
  const requireMapped = (id: string) => {
    if (!(id in MODULES)) throw new Error(`brokenMock.ts: the mock now imports ${id}; add it to MODULES`)
    return MODULES[id]
  }
  new Function('require', 'module', 'exports', js)(requireMapped, module, module.exports)
  return module.exports.createMockBackend as MockFactory
}

/**
 * The mock, except that createOrder ignores the idempotency key and the open order already
 * holding the person-period: every createOrder makes a new order. (A wrapper that only rewrote
 * the key would not do: the honest mock also hands back the open order for the same period.)
 */
export function mockIgnoringIdempotency(): MockFactory {
  const source = fs.readFileSync(MOCK_SOURCE, 'utf8')
  return evaluate(
    patch(source, [
      [/const existing = state\.orders\.find\(\(o\) => o\.idempotencyKey === idempotencyKey\)/, 'const existing = undefined as StoredOrder | undefined'],
      [/const holder = ordersOf\(person\)\.find\(/, 'const holder = ([] as StoredOrder[]).find('],
    ]),
  )
}

/** The honest mock whose storage forgets everything it is told: a restart of the app loses its orders. */
export const mockWithoutPersistence: MockFactory = (options) => createMockBackend({ ...options, storage: storage.createMemoryStore() })
