/**
 * The shape of src/ a newcomer relies on: no import cycles (type-only imports count: a two-way
 * dependency is one for the reader too) and no file over 300 lines.
 */
import * as fs from 'fs'
import * as path from 'path'
import { cycles, importGraph, sourceFiles, SRC } from './imports'

const MAX_LINES = 300

describe('src/ layout', () => {
  it('has no import cycle', () => {
    expect(cycles(importGraph())).toEqual([])
  })

  it('finds a cycle when there is one (the check itself works)', () => {
    const a = path.join(SRC, 'a.ts')
    const b = path.join(SRC, 'b.ts')
    const c = path.join(SRC, 'c.ts')
    expect(cycles(new Map([[a, [b]], [b, [c]], [c, [a]]]))).toEqual([['a.ts', 'b.ts', 'c.ts']])
    expect(cycles(new Map([[a, [b]], [b, []]]))).toEqual([])
  })

  it('sees the imports of a real file', () => {
    const graph = importGraph()
    expect(graph.get(path.join(SRC, 'services/mock/mockBackend.ts'))).toContain(path.join(SRC, 'services/mock/handlers.ts'))
  })

  it('has no file over 300 lines', () => {
    const long = sourceFiles()
      .map((file) => ({ file: path.relative(SRC, file), lines: fs.readFileSync(file, 'utf8').replace(/\n$/, '').split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES)
    expect(long).toEqual([])
  })
})
