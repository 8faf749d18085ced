/**
 * Fuzzed input for the pure parsers (10,000 generated values per property): ID documents of every
 * type and the typing hint, person names, and the 小程序码 scene. None may throw; each answers
 * with a well-formed value or a specific Chinese message that never repeats what was typed.
 */
import fc from 'fast-check'
import { ID_DOC_TYPES, idCheckChar, idInputHint, normaliseIdInput, parseIdDocument, type IdDocType, type IdProblem } from '@/domain/idDocument'
import { isCjkCodePoint, NAME_DOT, parsePersonName } from '@/domain/personName'
import { REGIONS } from '@/domain/regions'
import { buildScene, parseScene, SCENE_MAX_LENGTH, type SceneParams } from '@/domain/scene'
import { DEMO_PEOPLE } from '@/services/mock/registry'
import { CHINESE, evilString, isoDay, mutated } from './evilStrings'

const RUNS = { numRuns: 10_000 }
const PROBLEMS: IdProblem[] = ['empty', 'wrong_length', 'illegal_char', 'wrong_prefix', 'unknown_area', 'impossible_birth_date', 'future_birth_date', 'wrong_check_char', 'hmt_number']
const PROVINCES = ['11', '31', '35', '44', '51', '65', '81']

function ensure(ok: boolean, what: string): void {
  if (!ok) throw new Error(what)
}

/** A message for the person: specific, Chinese, no control characters, never an echo of the input. */
function checkMessage(message: string, raw: string, where: string): void {
  ensure(typeof message === 'string' && message.length >= 4, `${where}: empty message`)
  ensure(CHINESE.test(message), `${where}: message not in Chinese: ${message}`)
  // eslint-disable-next-line no-control-regex
  ensure(!/[\u0000-\u001f\u007f]/.test(message), `${where}: control characters in the message`)
  const typed = normaliseIdInput(raw)
  if (typed.length >= 7) ensure(!message.includes(typed) && !message.includes(raw), `${where}: the message repeats the input`)
}

function isRealIsoDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso
}

// ---- valid numbers of each type (and their near misses) ------------------------------------

const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''))
const compact = (iso: string) => iso.replace(/-/g, '')
const withCheck = (first17: string) => first17 + idCheckChar(first17)

/** Today, and a birth date on or before it. */
const todayAndBirth = fc.tuple(isoDay(1990, 2099), isoDay(1900, 2099)).map(([a, b]) => (a < b ? [b, a] : [a, b]) as [string, string])

const validId = (type: IdDocType): fc.Arbitrary<{ raw: string; today: string }> => {
  switch (type) {
    case 'resident_id':
      return fc
        .tuple(todayAndBirth, fc.constantFrom(...PROVINCES.slice(0, 6)), digits(4), digits(3), fc.boolean())
        .map(([[today, birth], p, area, seq, old]) =>
          old && birth >= '1900-01-01' && birth < '2000-01-01'
            ? { raw: p + area + compact(birth).slice(2) + seq, today }
            : { raw: withCheck(p + area + compact(birth) + seq), today },
        )
    case 'hmt_permit':
      return fc.tuple(todayAndBirth, fc.constantFrom('810000', '820000', '830000'), digits(3)).map(([[today, birth], head, seq]) => ({ raw: withCheck(head + compact(birth) + seq), today }))
    case 'foreign_pr':
      return fc.tuple(todayAndBirth, fc.constantFrom(...PROVINCES.slice(0, 6)), digits(3), digits(3)).map(([[today, birth], p, country, seq]) => ({ raw: withCheck(`9${p}${country}${compact(birth)}${seq}`), today }))
    case 'foreign_pr_2017':
      return fc
        .tuple(todayAndBirth, fc.array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), { minLength: 3, maxLength: 3 }), digits(4), digits(2))
        .map(([[today, birth], letters, head, tail]) => ({ raw: letters.join('') + head + compact(birth).slice(2) + tail, today }))
    case 'social_security':
      return fc.tuple(isoDay(1990, 2099), fc.array(fc.constantFrom(...'0123456789ABCDEFGHJKXYZ'), { minLength: 1, maxLength: 30 })).map(([today, cs]) => ({ raw: cs.join(''), today }))
    case 'hk_macau_pass':
      return fc.tuple(isoDay(1990, 2099), fc.constantFrom('H', 'M'), fc.oneof(digits(8), digits(10))).map(([today, head, tail]) => ({ raw: head + tail, today }))
    case 'taiwan_pass':
      return fc.tuple(isoDay(1990, 2099), digits(8)).map(([today, raw]) => ({ raw, today }))
  }
}

const SHAPE: Record<IdDocType, RegExp> = {
  resident_id: /^\d{17}[\dX]$/,
  hmt_permit: /^8[123]0000\d{11}[\dX]$/,
  foreign_pr: /^9\d{16}[\dX]$/,
  foreign_pr_2017: /^[A-Z]{3}\d{12}$/,
  social_security: /^[0-9A-Z]{1,30}$/,
  hk_macau_pass: /^[HM](\d{8}|\d{10})$/,
  taiwan_pass: /^\d{8}$/,
}

function checkId(type: IdDocType, raw: string, today: string): void {
  const where = `${type} ${JSON.stringify(raw.slice(0, 80))} on ${today}`
  const parsed = parseIdDocument(type, raw, today)
  const hint = idInputHint(type, raw, today)
  if (parsed.ok) {
    const { doc } = parsed
    ensure(doc.type === type, `${where}: type changed to ${doc.type}`)
    ensure(SHAPE[type].test(doc.number), `${where}: accepted a malformed number ${doc.number}`)
    if (type === 'resident_id' || type === 'hmt_permit' || type === 'foreign_pr') ensure(idCheckChar(doc.number.slice(0, 17)) === doc.number[17], `${where}: wrong check character accepted`)
    if (doc.birthDate) ensure(isRealIsoDate(doc.birthDate) && doc.birthDate >= '1900-01-01' && doc.birthDate <= today, `${where}: birth date ${doc.birthDate}`)
    // A valid number never shows an error while it is typed.
    ensure(hint === null, `${where}: valid, yet the typing hint says ${hint?.message}`)
  } else {
    ensure(PROBLEMS.includes(parsed.problem), `${where}: unknown problem ${parsed.problem}`)
    checkMessage(parsed.message, raw, where)
  }
  if (hint) {
    ensure(PROBLEMS.includes(hint.problem), `${where}: unknown hint problem ${hint.problem}`)
    checkMessage(hint.message, raw, `${where} (hint)`)
    // The hint only speaks when nothing typed after it could help: the input as it is is invalid too.
    ensure(!parsed.ok, `${where}: the hint says ${hint.message}, yet the number parses`)
  }
}

describe('fuzz: parseIdDocument and idInputHint', () => {
  it.each(ID_DOC_TYPES.map((t) => [t.type]))('%s: any text never throws; a number or a specific Chinese message', (type) => {
    const raw = fc.oneof(
      { weight: 5, arbitrary: evilString },
      { weight: 3, arbitrary: mutated(validId(type).map((v) => v.raw)) },
      { weight: 1, arbitrary: mutated(fc.constantFrom(...DEMO_PEOPLE.map((p) => p.idNumber))) },
    )
    fc.assert(
      fc.property(raw, isoDay(1990, 2099), (text, today) => checkId(type, text, today)),
      RUNS,
    )
  })

  it.each(ID_DOC_TYPES.map((t) => [t.type]))('%s: a valid number parses, widened or spaced too, and no prefix of it shows an error', (type) => {
    fc.assert(
      fc.property(validId(type), fc.constantFrom('plain', 'wide', 'spaced', 'lower'), ({ raw, today }, how) => {
        const typed =
          how === 'wide' ? raw.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) : how === 'spaced' ? ` ${raw.slice(0, 6)} ${raw.slice(6)}\u200b` : how === 'lower' ? raw.toLowerCase() : raw
        const parsed = parseIdDocument(type, typed, today)
        ensure(parsed.ok, `${type} ${typed} on ${today}: ${parsed.ok ? '' : parsed.message}`)
        for (let n = 0; n <= typed.length; n++) {
          const hint = idInputHint(type, typed.slice(0, n), today)
          ensure(hint === null, `${type} prefix ${JSON.stringify(typed.slice(0, n))} of ${typed} on ${today}: ${hint?.message}`)
        }
        checkId(type, typed, today)
      }),
      RUNS,
    )
  })
})

// ---- names ----------------------------------------------------------------------------------

const han = fc.oneof(fc.integer({ min: 0x4e00, max: 0x9fff }), fc.integer({ min: 0x20000, max: 0x2a6df }), fc.constant(0x3007)).map((cp) => String.fromCodePoint(cp))
const chineseName = fc.array(fc.oneof({ weight: 6, arbitrary: han }, { weight: 1, arbitrary: fc.constantFrom('·', '•', '.', ' ', '。') }), { maxLength: 24 }).map((cs) => cs.join(''))
const latinName = fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', ' ', '.', '-', "'", '’', 'Ａ', 'ｚ', '．'), { maxLength: 70 }).map((cs) => cs.join(''))

function checkName(raw: string): void {
  const where = `name ${JSON.stringify(raw.slice(0, 80))}`
  const parsed = parsePersonName(raw)
  if (!parsed.ok) {
    ensure(parsed.message.length >= 4 && CHINESE.test(parsed.message), `${where}: message ${parsed.message}`)
    if (raw.trim().length >= 12) ensure(!parsed.message.includes(raw), `${where}: the message repeats the input`)
    return
  }
  const { name } = parsed
  const cps = Array.from(name)
  const isLatin = /^[A-Za-z][A-Za-z .'-]{1,59}$/.test(name)
  if (!isLatin) {
    ensure(cps.every((c) => c === NAME_DOT || isCjkCodePoint(c.codePointAt(0)!)), `${where}: accepted ${JSON.stringify(name)}`)
    const hanCount = cps.filter((c) => c !== NAME_DOT).length
    ensure(hanCount >= 2 && hanCount <= 20, `${where}: ${hanCount} Han characters accepted`)
    ensure(cps[0] !== NAME_DOT && cps[cps.length - 1] !== NAME_DOT && !name.includes(NAME_DOT + NAME_DOT), `${where}: misplaced dot accepted`)
  }
  // What comes out is already clean: parsing it again changes nothing.
  const again = parsePersonName(name)
  ensure(again.ok && again.name === name, `${where}: not stable: ${JSON.stringify(again)}`)
}

describe('fuzz: parsePersonName', () => {
  it('any text never throws; a clean Chinese or Latin name, or a specific Chinese message', () => {
    const raw = fc.oneof(
      { weight: 4, arbitrary: evilString },
      { weight: 3, arbitrary: mutated(chineseName) },
      { weight: 2, arbitrary: mutated(latinName) },
      { weight: 1, arbitrary: mutated(fc.constantFrom(...DEMO_PEOPLE.map((p) => p.name))) },
    )
    fc.assert(fc.property(raw, checkName), RUNS)
  })
})

// ---- the 小程序码 scene -------------------------------------------------------------------

const CODES = REGIONS.map((r) => r.code)
const CHANNEL = /^[0-9A-Za-z_-]{1,12}$/
/** The keys this build of scene.ts reads (scene.ts is being extended alongside this suite). */
const probe = (scene: string) => parseScene(scene) as Record<string, unknown>
const SUPPORTED = {
  regionCode: probe('r=510100').regionCode === '510100',
  entry: probe('e=self').entry === 'self',
  channel: probe('c=abc').channel === 'abc',
  unknownRegion: probe('r=999999').unknownRegion === '999999',
}
const ALLOWED_KEYS = new Set(Object.entries(SUPPORTED).filter(([, on]) => on).map(([key]) => key))

const sceneValue = fc.oneof(
  fc.constantFrom(...CODES, '510101', '999999', '51010', '5101000', 'self', 'other', 'SELF', '', 'sq0012', 'a-b_c', 'x'.repeat(13), '=', '&'),
  fc.string({ unit: 'binary', maxLength: 8 }),
)
const sceneLike = fc
  .array(fc.tuple(fc.constantFrom('r', 'e', 'c', 'x', '', 'R', ' r', 'r '), sceneValue, fc.constantFrom('=', '==', '')), { maxLength: 5 })
  .map((pairs) => pairs.map(([k, v, eq]) => `${k}${eq}${v}`).join('&'))
const sceneRaw: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 3, arbitrary: evilString },
  { weight: 4, arbitrary: sceneLike },
  { weight: 2, arbitrary: sceneLike.map((s) => encodeURIComponent(s)) },
  { weight: 1, arbitrary: fc.tuple(sceneLike, fc.constantFrom('%', '%E4%B8', '%zz', '%%', '%u4E2D')).map(([s, bad]) => s + bad) },
  { weight: 1, arbitrary: fc.constant(undefined) },
)

function checkScene(raw: string | undefined): void {
  const where = `scene ${JSON.stringify(raw?.slice(0, 80))}`
  const params = parseScene(raw) as Record<string, unknown>
  for (const [key, value] of Object.entries(params)) {
    ensure(ALLOWED_KEYS.has(key), `${where}: unknown key ${key}`)
    ensure(typeof value === 'string', `${where}: ${key} is not text`)
  }
  if (params.regionCode !== undefined) ensure(CODES.includes(params.regionCode as string), `${where}: unknown region ${String(params.regionCode)}`)
  if (params.entry !== undefined) ensure(params.entry === 'self' || params.entry === 'other', `${where}: entry ${String(params.entry)}`)
  if (params.channel !== undefined) ensure(CHANNEL.test(params.channel as string), `${where}: channel ${String(params.channel)}`)
  if (params.unknownRegion !== undefined) {
    ensure(/^\d{6}$/.test(params.unknownRegion as string) && !CODES.includes(params.unknownRegion as string), `${where}: unknownRegion ${String(params.unknownRegion)}`)
  }
}

describe('fuzz: parseScene', () => {
  it('any scene never throws and yields only known regions, entries and well-formed channels', () => {
    fc.assert(fc.property(sceneRaw, checkScene), RUNS)
  })

  it('what buildScene writes fits a 小程序码 and parses back to itself', () => {
    const params = fc
      .record(
        {
          regionCode: fc.constantFrom(...CODES),
          entry: fc.constantFrom('self', 'other'),
          channel: fc.stringMatching(/^[0-9A-Za-z_-]{1,12}$/),
        },
        { requiredKeys: [] },
      )
      .map((p) => Object.fromEntries(Object.entries(p).filter(([key]) => ALLOWED_KEYS.has(key))))
    fc.assert(
      fc.property(params, (p) => {
        const scene = buildScene(p as SceneParams)
        ensure(scene.length <= SCENE_MAX_LENGTH, `${scene} is longer than ${SCENE_MAX_LENGTH}`)
        expect(parseScene(scene)).toEqual(p)
      }),
      RUNS,
    )
  })
})
