/**
 * The run-wide log scan of the server tier: every server process a test file starts writes its
 * lines into one folder for the whole jest run (created by the server project's globalSetup,
 * named in YIBAO_SERVER_LOG_DIR), the tests add every token they were handed, and globalTeardown
 * fails the run if any line holds a full ID number, a token, a WeChat session_key or key material.
 */
import { appendFileSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { idCheckChar } from '../../src/domain/idDocument'
import { DEMO_PEOPLE } from '../../src/services/mock/registry'
import { DEV_PII_KEYS } from '../../server/src/pii/keys'

const dir = () => process.env.YIBAO_SERVER_LOG_DIR
const SECRETS = 'secrets.txt'

export function logFileFor(dataDir: string): string | undefined {
  const d = dir()
  return d && join(d, `${basename(dataDir)}.log`)
}

export function rememberSecret(secret: string | undefined): void {
  const d = dir()
  if (d && secret) appendFileSync(join(d, SECRETS), `${secret}\n`)
}

/** Any 18-character citizen-style ID number whose check character holds (not only the demo's). */
const ID_LIKE = /(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])/g

/** The demo people's numbers, also as their 15-digit old form and with a lower-case x. */
function demoNumbers(): string[] {
  return DEMO_PEOPLE.flatMap((p) => [p.idNumber, p.idNumber.toLowerCase(), p.idNumber.length === 18 ? p.idNumber.slice(0, 6) + p.idNumber.slice(8, 17) : p.idNumber])
}

/** The development keys, and the development WECHAT_APP_SECRET (server/src/config.ts). */
function keyMaterial(): string[] {
  const keys = [...DEV_PII_KEYS.keys.values(), DEV_PII_KEYS.hmacKey]
  return [...keys.flatMap((k) => [k.toString('base64'), k.toString('base64url'), k.toString('hex'), k.toString('latin1')]), 'demo-secret']
}

export interface ScanResult {
  files: number
  lines: number
  findings: string[]
}

/** What must never be readable: every demo person's number and name, the given secrets, the development keys. */
export function forbiddenTexts(secrets: string[]): Map<string, string> {
  const needles = new Map<string, string>()
  for (const n of demoNumbers()) needles.set(n, 'a demo ID number')
  for (const p of DEMO_PEOPLE) if (Array.from(p.name).length >= 2) needles.set(p.name, 'a demo name')
  for (const s of secrets) needles.set(s, 'a token or key handed out in the run')
  for (const k of keyMaterial()) needles.set(k, 'development key material')
  return needles
}

/** What one text (a log line, a table's rows) holds of the forbidden texts, or of any ID number. */
export function findingsIn(text: string, needles: Map<string, string>): string[] {
  const found: string[] = []
  for (const [needle, what] of needles) if (text.includes(needle)) found.push(what)
  for (const [candidate] of text.matchAll(ID_LIKE)) if (idCheckChar(candidate.slice(0, 17)) === candidate[17]) found.push(`an ID number (${candidate.slice(0, 4)}…)`)
  if (/"(session_?key|sessionKey)":"(?!\[redacted\]|p1\.)/i.test(text)) found.push('a session_key')
  if (/[?&](secret|js_code)=/.test(text)) found.push('an app secret or login code in a URL')
  return found
}

export function scanServerLogs(logDir: string): ScanResult {
  const files = readdirSync(logDir).filter((f) => f.endsWith('.log'))
  const needles = forbiddenTexts(readFileSync(join(logDir, SECRETS), { encoding: 'utf8', flag: 'a+' }).split('\n').filter(Boolean))
  const findings: string[] = []
  let lines = 0
  for (const file of files) {
    for (const line of readFileSync(join(logDir, file), 'utf8').split('\n')) {
      if (!line) continue
      lines += 1
      for (const what of findingsIn(line, needles)) findings.push(`${what} in ${file}: ${line.slice(0, 160)}`)
    }
  }
  return { files: files.length, lines, findings }
}
