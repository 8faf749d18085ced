// A minimal static file server for the H5 build (hash router: no SPA fallback needed). It gzips
// text as any production host would, so first-load figures are not inflated by the server.
import { createServer } from 'node:http'
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

/** Serves `root` on 127.0.0.1; port 0 picks a free one. Resolves to { url, close }. */
export async function serveStatic(root, port = 0) {
  const base = resolve(root)
  const server = createServer(async (req, res) => {
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
