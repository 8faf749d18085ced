// Each tier-3 file against the server gets a server process of its own (embedded PostgreSQL in a
// fresh data folder, simulators on) for its tests; the page's /v1/ and /sim/ calls go to it (H5_API).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before } from 'node:test'
import { startApiServer } from '../../scripts/apiServer.mjs'
import { e2e } from '../h5/helpers.mjs'

/** Starts the file's server before its tests and removes it after; returns the file's `test`. */
export function withOwnServer(fileUrl) {
  let server
  let dataDir
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'yibao-h5-server-'))
    server = await startApiServer({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' })
    process.env.H5_API = server.url
  })
  after(async () => {
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })
  return (artifact, name, fn) => e2e(name, fn, { file: fileUrl, artifact, timeout: 120_000 })
}
