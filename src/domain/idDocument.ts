import type { IdType } from '../contract'
import { check2017BirthDate, checkBirthDate, compactToday, isFailure, toIso, type DateOutcome } from './idBirthDate'
import type { IsoDate } from './time'

export type IdDocType = IdType

export const ID_DOC_TYPES: ReadonlyArray<{ type: IdDocType; label: string }> = [
  { type: 'resident_id', label: '居民身份证' },
  { type: 'hmt_permit', label: '港澳台居民居住证' },
  { type: 'foreign_pr', label: '外国人永久居留身份证' },
  { type: 'foreign_pr_2017', label: '外国人永久居留证（2017版）' },
  { type: 'social_security', label: '社会保障号码' },
]

export function idDocLabel(type: IdDocType): string {
  const found = ID_DOC_TYPES.find((t) => t.type === type)
  return found ? found.label : '证件'
}

export function isIdDocType(value: unknown): value is IdDocType {
  return typeof value === 'string' && ID_DOC_TYPES.some((t) => t.type === value)
}

export type Sex = 'male' | 'female'

export interface IdDocument {
  type: IdDocType
  /** Normalised; an old 15-digit resident id is returned converted to 18 digits. */
  number: string
  birthDate?: IsoDate
  sex?: Sex
}

export type IdProblem =
  | 'empty'
  | 'wrong_length'
  | 'illegal_char'
  | 'wrong_prefix'
  | 'unknown_area'
  | 'impossible_birth_date'
  | 'future_birth_date'
  | 'wrong_check_char'

export type IdParseResult = { ok: true; doc: IdDocument } | { ok: false; problem: IdProblem; message: string }

type Failure = { problem: IdProblem; message: string }

// Zero-width characters are not in \s but come along when numbers are pasted from chats or PDFs.
const SPACES = /[\s\u200B-\u200D\u2060]+/g
const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g

/**
 * Removes whitespace, folds full-width digits/letters to ASCII and upper-cases ASCII letters.
 * Every other character is kept so that validation can report it instead of silently eating it.
 */
export function normaliseIdInput(raw: string): string {
  return (
    raw
      .replace(SPACES, '')
      .replace(FULL_WIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      // ASCII only: String.prototype.toUpperCase would turn 'ß' into 'SS' and make it look legal.
      .replace(/[a-z]+/g, (c) => c.toUpperCase())
  )
}

const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

/** ISO 7064 MOD 11-2 check character of the first 17 digits. Throws on anything but 17 ASCII digits. */
export function idCheckChar(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) {
    throw new RangeError('idCheckChar needs exactly 17 digits')
  }
  let sum = 0
  for (let i = 0; i < 17; i++) {
    sum += (first17.charCodeAt(i) - 48) * CHECK_WEIGHTS[i]
  }
  return CHECK_CHARS[sum % 11]
}

const PROVINCES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
])

const HMT_PREFIXES = ['810000', '820000', '830000']

const MAX_LENGTH: Record<IdDocType, number> = {
  resident_id: 18,
  hmt_permit: 18,
  foreign_pr: 18,
  foreign_pr_2017: 15,
  social_security: 30,
}

/** The three types that share the resident-id layout: 17 digits + MOD 11-2 check char. */
function isCheckedType(type: IdDocType): boolean {
  return type === 'resident_id' || type === 'hmt_permit' || type === 'foreign_pr'
}

// Messages never interpolate the input: they are shown on screen and may end up in logs.
const M = {
  empty: '请输入证件号码',
  digitsAndX: '证件号码只能包含数字和字母X',
  misplacedX: '字母X只能出现在最后一位（第18位）',
  alnum: '证件号码只能包含字母和数字',
  pr2017Layout: '外国人永久居留证号码应为3位字母加12位数字',
  socialAlnum: '社会保障号码只能包含字母和数字',
  length: {
    resident_id: '身份证号码应为18位（或15位旧号码）',
    hmt_permit: '港澳台居民居住证号码应为18位',
    foreign_pr: '外国人永久居留身份证号码应为18位',
    foreign_pr_2017: '外国人永久居留证号码应为15位（3位字母加12位数字）',
    social_security: '社会保障号码不能超过30位',
  } satisfies Record<IdDocType, string>,
  residentArea: '身份证号码前两位不是有效的地区代码',
  hmtPrefix: '港澳台居民居住证号码应以810000、820000或830000开头',
  foreignPrefix: '外国人永久居留身份证号码应以数字9开头',
  foreignArea: '外国人永久居留身份证号码第2至3位不是有效的地区代码',
  checkChar: '校验位不正确，请核对最后一位',
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9'
}

function isUpper(c: string): boolean {
  return c >= 'A' && c <= 'Z'
}

/**
 * The alphabet check. Works on prefixes too, so the typing hint and the final parse agree.
 * A stray character anywhere is reported before a misplaced X or a layout slip.
 */
function charProblem(type: IdDocType, s: string): Failure | null {
  if (isCheckedType(type)) {
    let misplacedX = false
    for (let i = 0; i < s.length; i++) {
      const c = s[i]
      if (isDigit(c)) continue
      if (c !== 'X') return { problem: 'illegal_char', message: M.digitsAndX }
      // X is only ever the check char, which sits at index 17 (15-digit ids have none).
      if (i !== 17) misplacedX = true
    }
    return misplacedX ? { problem: 'illegal_char', message: M.misplacedX } : null
  }
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (!isDigit(c) && !isUpper(c)) {
      return { problem: 'illegal_char', message: type === 'social_security' ? M.socialAlnum : M.alnum }
    }
  }
  if (type === 'foreign_pr_2017') {
    const n = Math.min(s.length, 15)
    for (let i = 0; i < n; i++) {
      if (i < 3 ? !isUpper(s[i]) : !isDigit(s[i])) return { problem: 'illegal_char', message: M.pr2017Layout }
    }
  }
  return null
}

function lengthOk(type: IdDocType, len: number): boolean {
  switch (type) {
    case 'resident_id':
      return len === 18 || len === 15
    case 'social_security':
      return len >= 1 && len <= 30
    default:
      return len === MAX_LENGTH[type]
  }
}

/** Could `typed` (1–2 chars) still become a valid province code? */
function provincePrefixOk(typed: string): boolean {
  if (typed.length >= 2) return PROVINCES.has(typed.slice(0, 2))
  if (typed.length === 0) return true
  for (const p of PROVINCES) if (p[0] === typed[0]) return true
  return false
}

/** Prefix and area checks on as many characters as are present. */
function prefixProblem(type: IdDocType, s: string): Failure | null {
  switch (type) {
    case 'resident_id':
      return provincePrefixOk(s.slice(0, 2)) ? null : { problem: 'unknown_area', message: M.residentArea }
    case 'hmt_permit': {
      const head = s.slice(0, 6)
      return HMT_PREFIXES.some((p) => p.startsWith(head)) ? null : { problem: 'wrong_prefix', message: M.hmtPrefix }
    }
    case 'foreign_pr':
      if (s.length > 0 && s[0] !== '9') return { problem: 'wrong_prefix', message: M.foreignPrefix }
      return provincePrefixOk(s.slice(1, 3)) ? null : { problem: 'unknown_area', message: M.foreignArea }
    default:
      return null
  }
}

/**
 * The birth-date check for a string whose date digits may or may not all be present yet.
 * Returns undefined when the date cannot be judged (too short, or no date in this type).
 */
function dateOutcome(type: IdDocType, s: string, todayCompact: string, complete: boolean): DateOutcome | undefined {
  switch (type) {
    case 'resident_id': {
      if (complete && s.length === 15) return checkBirthDate('19' + s.slice(6, 12), todayCompact, '7至12')
      if (s.length < 14) return undefined
      const modern = checkBirthDate(s.slice(6, 14), todayCompact, '7至14')
      // While typing, 14 or 15 digits may still be an old 15-digit id; only flag if that reading fails too.
      if (!complete && s.length <= 15 && isFailure(modern)) {
        const old = checkBirthDate('19' + s.slice(6, 12), todayCompact, '7至12')
        if (!isFailure(old)) return undefined
      }
      return modern
    }
    case 'hmt_permit':
    case 'foreign_pr':
      return s.length < 14 ? undefined : checkBirthDate(s.slice(6, 14), todayCompact, '7至14')
    case 'foreign_pr_2017':
      return s.length < 13 ? undefined : check2017BirthDate(s.slice(7, 13), todayCompact)
    default:
      return undefined
  }
}

function checkCharProblem(s: string): Failure | null {
  return idCheckChar(s.slice(0, 17)) === s[17] ? null : { problem: 'wrong_check_char', message: M.checkChar }
}

function sexFromDigit(c: string): Sex {
  return (c.charCodeAt(0) - 48) % 2 === 1 ? 'male' : 'female'
}

function failed(f: Failure): IdParseResult {
  return { ok: false, problem: f.problem, message: f.message }
}

export function parseIdDocument(type: IdDocType, raw: string, today: IsoDate): IdParseResult {
  const s = normaliseIdInput(raw)
  if (s.length === 0) return failed({ problem: 'empty', message: M.empty })
  const chars = charProblem(type, s)
  if (chars) return failed(chars)
  if (!lengthOk(type, s.length)) return failed({ problem: 'wrong_length', message: M.length[type] })
  const prefix = prefixProblem(type, s)
  if (prefix) return failed(prefix)

  if (type === 'social_security') {
    // The national number is the holder's resident id; local 个人编号 carry no birth date.
    const asResident = s.length === 18 ? parseIdDocument('resident_id', s, today) : null
    if (asResident && asResident.ok) {
      const { birthDate, sex } = asResident.doc
      return { ok: true, doc: { type, number: s, birthDate, sex } }
    }
    return { ok: true, doc: { type, number: s } }
  }

  const date = dateOutcome(type, s, compactToday(today), true)
  if (date && isFailure(date)) return failed(date)
  const birthDate = date ? toIso(date.date) : undefined

  if (type === 'foreign_pr_2017') return { ok: true, doc: { type, number: s, birthDate } }

  let number = s
  if (s.length === 15) {
    const first17 = s.slice(0, 6) + '19' + s.slice(6)
    number = first17 + idCheckChar(first17)
  } else {
    const check = checkCharProblem(s)
    if (check) return failed(check)
  }
  return { ok: true, doc: { type, number, birthDate, sex: sexFromDigit(number[16]) } }
}

/**
 * Validation while typing: reports a problem only when no continuation of the input can be valid,
 * so a correct number never shows an error on the way.
 */
export function idInputHint(type: IdDocType, raw: string, today: IsoDate): Failure | null {
  const s = normaliseIdInput(raw)
  if (s.length === 0) return null
  const chars = charProblem(type, s)
  if (chars) return chars
  if (s.length > MAX_LENGTH[type]) return { problem: 'wrong_length', message: M.length[type] }
  const prefix = prefixProblem(type, s)
  if (prefix) return prefix
  const date = dateOutcome(type, s, compactToday(today), false)
  if (date && isFailure(date)) return date
  if (isCheckedType(type) && s.length === 18) return checkCharProblem(s)
  return null
}
