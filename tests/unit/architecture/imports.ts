/** The import graph of src/ (static imports and exports, type-only ones too, and import() of a literal path). */
import * as fs from 'fs'
import * as path from 'path'

export const SRC = path.resolve(__dirname, '../../../src')
const EXTENSIONS = ['.ts', '.tsx', '.weapp.ts', '.weapp.tsx', '.h5.ts', '.h5.tsx']

export function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.(tsx?|css|html)$/.test(entry.name) ? [full] : []
  })
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*(?:\/\*[^*]*\*\/\s*)?['"]([^'"]+)['"]\s*\)/g

function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.') && !spec.startsWith('@/')) return undefined
  const base = spec.startsWith('@/') ? path.join(SRC, spec.slice(2)) : path.resolve(path.dirname(from), spec)
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, 'index' + e))]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate
  }
  throw new Error(`${path.relative(SRC, from)} imports ${spec}, which does not resolve`)
}

/** file → the src/ files it imports. */
export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of sourceFiles().filter((f) => /\.tsx?$/.test(f))) {
    const text = fs.readFileSync(file, 'utf8')
    const targets = [...text.matchAll(IMPORT)].map((m) => resolve(file, m[1] ?? m[2] ?? m[3])).filter((t): t is string => t !== undefined && !/\.(css|html)$/.test(t))
    graph.set(file, [...new Set(targets)])
  }
  return graph
}

/** Every strongly connected group of more than one file (or a file importing itself): each is a cycle. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0
  const indices = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (v: string) => {
    indices.set(v, index)
    low.set(v, index++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!))
    }
    if (low.get(v) === indices.get(v)) {
      const group: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        group.push(w)
      } while (w !== v)
      if (group.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(group.map((f) => path.relative(SRC, f)).sort())
    }
  }
  for (const v of graph.keys()) if (!indices.has(v)) visit(v)
  return found
}
