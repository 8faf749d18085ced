// A minimal static file server for the H5 build (hash router: no SPA fallback needed). It gzips
// text as any production host would, so first-load figures are not inflated by the server. With
// `api`, it forwards /v1/ and /sim/ to the merchant server as a production host's reverse proxy
// would, so the H5 build speaks to its server on its own origin.
import { createServer, request } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg'])
const gzipped = new Map()

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

const API_PATHS = /^\/(v1|sim)\//

/** Hands one request to the server at `api` (e.g. http://127.0.0.1:3000) and its answer back. */
function forward(api, req, res) {
  const target = new URL(req.url ?? '/', api)
  const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers)
    answer.pipe(res)
  })
  upstream.on('error', () => res.writeHead(502, { 'content-type': 'application/json' }).end('{"ok":false,"error":{"code":"SERVER","message":"服务暂时不可用，请稍后重试"}}'))
  req.pipe(upstream)
}

/** Serves `root` on 127.0.0.1; port 0 picks a free one. Resolves to { url, close }. */
export async function serveStatic(root, port = 0, { api } = {}) {
  const base = resolve(root)
  const server = createServer(async (req, res) => {
    if (api && API_PATHS.test(req.url ?? '')) return forward(api, req, res)
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    let file = normalize(join(base, path))
    if (!file.startsWith(base)) {
      res.writeHead(403).end()
      return
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html')
      const { mtimeMs } = await stat(file)
      let body = await readFile(file)
      const hashed = /\.[0-9a-f]{8}\./.test(file)
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        vary: 'accept-encoding',
      }
      if (COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        const key = `${file}:${mtimeMs}`
        if (!gzipped.has(key)) gzipped.set(key, gzipSync(body))
        body = gzipped.get(key)
        headers['content-encoding'] = 'gzip'
      }
      res.writeHead(200, headers)
      res.end(body)
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found')
    }
  })
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok))
  const { port: actual } = server.address()
  return { url: `http://127.0.0.1:${actual}/`, close: () => new Promise((ok) => server.close(ok)) }
}
