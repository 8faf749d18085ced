/** The server project's globalTeardown: the scan of every server log line of the run (./logScan). */
import { rmSync } from 'node:fs'
import { scanServerLogs } from './logScan'

export default function tearDown(): void {
  const dir = process.env.YIBAO_SERVER_LOG_DIR
  if (!dir) return
  const { files, lines, findings } = scanServerLogs(dir)
  rmSync(dir, { recursive: true, force: true })
  if (findings.length > 0) throw new Error(`server logs hold what they must not (${findings.length}):\n${findings.slice(0, 20).join('\n')}`)
  console.log(`\nserver log scan: ${lines} lines from ${files} server processes, no ID number, name, token, session_key or key material`)
}
