// Preloaded into `taro build` by scripts/bench.mjs (NODE_OPTIONS=--require …) to record which
// source module went into which output chunk and who imports it. It only listens to webpack's
// `done` hook: the build and its output are exactly those of `npm run build:*`.
// Writes BENCH_STATS_FILE (JSON): { chunks, entrypoints, modules: [{ id, name, size, chunks,
// issuers, inner: [{ name, size, issuers }] | null }] } — `inner` lists the modules webpack
// concatenated into one (scope hoisting), each with its own importers.
const fs = require('node:fs')
const path = require('node:path')

const out = process.env.BENCH_STATS_FILE

function collect(compilation) {
  const { moduleGraph, chunkGraph, requestShortener } = compilation
  const name = (m) => {
    try {
      return m.readableIdentifier(requestShortener)
    } catch {
      return String(m.identifier())
    }
  }
  const issuers = (m) => {
    const names = new Set()
    for (const c of moduleGraph.getIncomingConnections(m)) if (c.originModule) names.add(name(c.originModule))
    return [...names]
  }
  const size = (m) => {
    try {
      return m.size()
    } catch {
      return 0
    }
  }
  const modules = []
  for (const m of compilation.modules) {
    const chunks = [...chunkGraph.getModuleChunksIterable(m)].map((c) => c.id)
    const inner = m.modules ? [...m.modules].map((i) => ({ name: name(i), size: size(i), issuers: issuers(i) })) : null
    modules.push({ id: chunkGraph.getModuleId(m) ?? null, name: name(m), size: size(m), chunks, issuers: issuers(m), inner })
  }
  const chunks = [...compilation.chunks].map((c) => ({ id: c.id, name: c.name ?? null, files: [...c.files], initial: c.canBeInitial() }))
  const entrypoints = {}
  for (const [key, ep] of compilation.entrypoints) entrypoints[key] = ep.chunks.map((c) => c.id)
  return { context: compilation.compiler.context, chunks, entrypoints, modules }
}

if (out) {
  let Compiler
  try {
    Compiler = require(require.resolve('webpack/lib/Compiler', { paths: [process.cwd()] }))
  } catch {
    Compiler = undefined
  }
  if (Compiler && !Compiler.prototype.__benchStats) {
    Compiler.prototype.__benchStats = true
    const run = Compiler.prototype.run
    Compiler.prototype.run = function benchRun(...args) {
      if (!this.parentCompilation) {
        this.hooks.done.tap('bench-stats', (stats) => {
          try {
            fs.mkdirSync(path.dirname(out), { recursive: true })
            fs.writeFileSync(out, JSON.stringify(collect(stats.compilation)))
          } catch (error) {
            process.stderr.write(`[bench-stats] could not write ${out}: ${error && error.message}\n`)
          }
        })
      }
      return run.apply(this, args)
    }
  }
}
