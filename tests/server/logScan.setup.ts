/** The server project's globalSetup: one folder for every server log line of this jest run. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export default function setUp(): void {
  process.env.YIBAO_SERVER_LOG_DIR = mkdtempSync(join(tmpdir(), 'yibao-server-logs-'))
}
