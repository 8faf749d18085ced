/**
 * The two backends (the embedded mock, the merchant server) word their refusals from one table,
 * src/domain/backendMessages. A backend file that spells a message out itself — one of the table's
 * words copied, or a new literal handed to fail()/RpcError/MockError — has started a second table.
 * (tests/server/messages.test.ts asks both backends the same questions and compares the answers.)
 */
import * as fs from 'fs'
import * as path from 'path'
import { BACKEND_MESSAGES, FAIL_REASONS } from '@/domain/backendMessages'
import { sourceFiles, SRC } from './imports'

const SERVER = path.resolve(SRC, '../server/src')
const BACKEND_FILES = [...sourceFiles(path.join(SRC, 'services/mock')), ...sourceFiles(SERVER)].filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f))
const WORDS = [...Object.values(BACKEND_MESSAGES), ...Object.values(FAIL_REASONS)]
/** A refusal whose message is a string literal: fail('CODE', '…'), new RpcError('CODE', '…'), MockError({ code: 'CODE', message: '…' }). */
const LITERAL_REFUSAL = /\b(?:fail|RpcError)\(\s*'[A-Z_]+'\s*,\s*['"`]|\bMockError\(\s*\{[^}]*message:\s*['"`]/

const relative = (file: string) => path.relative(path.resolve(SRC, '..'), file)

describe('one table of backend messages', () => {
  it('covers both backends', () => {
    expect(BACKEND_FILES.map(relative)).toEqual(expect.arrayContaining(['src/services/mock/handlers.ts', 'server/src/rpc/orders.ts', 'server/src/tax/simulator.ts']))
  })

  it('no backend file repeats a word of the table', () => {
    const copies = BACKEND_FILES.flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8')
      return WORDS.filter((w) => text.includes(`'${w}'`) || text.includes(`"${w}"`)).map((w) => `${relative(file)}: ${w}`)
    })
    expect(copies).toEqual([])
  })

  it('no backend refuses with a message of its own', () => {
    const literal = BACKEND_FILES.flatMap((file) =>
      fs.readFileSync(file, 'utf8').split('\n').flatMap((line, i) => (LITERAL_REFUSAL.test(line) ? [`${relative(file)}:${i + 1}: ${line.trim()}`] : [])),
    )
    expect(literal).toEqual([])
  })

  it('sees a literal refusal when there is one (the check itself works)', () => {
    expect(LITERAL_REFUSAL.test("return fail('ORDER_NOT_FOUND', '未找到该订单')")).toBe(true)
    expect(LITERAL_REFUSAL.test("throw new RpcError('SERVER', `忙`)")).toBe(true)
    expect(LITERAL_REFUSAL.test("throw new MockError({ code: 'SERVER', message: '忙' })")).toBe(true)
    expect(LITERAL_REFUSAL.test("return fail('ORDER_NOT_FOUND', BACKEND_MESSAGES.orderNotFound)")).toBe(false)
  })
})
