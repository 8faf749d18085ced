import fc from 'fast-check'
import {
  ID_DOC_TYPES,
  IdDocType,
  IdParseResult,
  idCheckChar,
  idDocLabel,
  idInputHint,
  isIdDocType,
  normaliseIdInput,
  parseIdDocument,
} from './idDocument'

const TODAY = '2026-05-20'
const ALL_TYPES: IdDocType[] = ID_DOC_TYPES.map((t) => t.type)
const PROVINCES = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
]

/** Independent MOD 11-2, written from the table in the domain doc, to cross-check idCheckChar. */
function referenceCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = first17.split('').reduce((acc, c, i) => acc + Number(c) * weights[i], 0)
  return ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][sum % 11]
}

const withCheck = (first17: string) => first17 + idCheckChar(first17)

function problemOf(r: IdParseResult): string {
  return r.ok ? 'ok' : r.problem
}

function expectOk(type: IdDocType, raw: string, today = TODAY) {
  const r = parseIdDocument(type, raw, today)
  if (!r.ok) throw new Error(`expected ${type} ${raw} to parse, got ${r.problem}: ${r.message}`)
  return r.doc
}

describe('document types', () => {
  it('lists the seven types with their labels in order', () => {
    expect(ID_DOC_TYPES.map((t) => t.label)).toEqual([
      '居民身份证',
      '港澳台居民居住证',
      '外国人永久居留身份证',
      '2017版外国人永久居留身份证',
      '社会保障号码',
      '港澳居民来往内地通行证',
      '台湾居民来往大陆通行证',
    ])
    expect(idDocLabel('hmt_permit')).toBe('港澳台居民居住证')
    expect(idDocLabel('foreign_pr_2017')).toBe('2017版外国人永久居留身份证')
  })

  it('recognises type values', () => {
    for (const t of ALL_TYPES) expect(isIdDocType(t)).toBe(true)
    for (const v of ['', 'passport', 'RESIDENT_ID', null, undefined, 1, {}, ['resident_id']]) {
      expect(isIdDocType(v)).toBe(false)
    }
  })
})

describe('normaliseIdInput', () => {
  it('removes every kind of space and upper-cases x', () => {
    expect(normaliseIdInput(' 110105 19491231\t002x ')).toBe('11010519491231002X')
    expect(normaliseIdInput('110105\u300019491231\u00A0002\u200BX')).toBe('11010519491231002X')
  })

  it('folds full-width digits and letters to ASCII', () => {
    expect(normaliseIdInput('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X')
    expect(normaliseIdInput('ＡＢＣ１２３')).toBe('ABC123')
  })

  it('keeps other characters so they can be reported', () => {
    expect(normaliseIdInput('110105-1949')).toBe('110105-1949')
    // Non-ASCII letters must not be upper-cased into something legal.
    expect(normaliseIdInput('ß')).toBe('ß')
  })
})

describe('idCheckChar', () => {
  it('computes MOD 11-2 including X', () => {
    expect(idCheckChar('11010519491231002')).toBe('X')
    expect(idCheckChar('51010419900307123')).toBe('7')
    expect(idCheckChar('93268219850101001')).toBe('7')
  })

  it('rejects anything but 17 digits', () => {
    expect(() => idCheckChar('1234')).toThrow(RangeError)
    expect(() => idCheckChar('1101051949123100X')).toThrow(RangeError)
  })

  it('agrees with the reference implementation', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 17, maxLength: 17 }), (s) => {
        expect(idCheckChar(s)).toBe(referenceCheck(s))
      }),
      { numRuns: 500 },
    )
  })
})

describe('resident_id', () => {
  it('parses a valid 18-digit id with birth date and sex', () => {
    expect(expectOk('resident_id', '510104199003071237')).toEqual({
      type: 'resident_id',
      number: '510104199003071237',
      birthDate: '1990-03-07',
      sex: 'male',
    })
    expect(expectOk('resident_id', '11010519491231002X')).toMatchObject({ birthDate: '1949-12-31', sex: 'female' })
  })

  it('normalises spaces, lower-case x and full-width digits', () => {
    expect(expectOk('resident_id', ' 110105 1949 1231 002x').number).toBe('11010519491231002X')
    expect(expectOk('resident_id', '１１０１０５１９４９１２３１００２Ｘ').number).toBe('11010519491231002X')
  })

  it('converts an old 15-digit id to 18 digits', () => {
    // 510104 800101 123 → 510104 19800101 123 + MOD 11-2 of those 17 digits (6).
    expect(expectOk('resident_id', '510104800101123')).toEqual({
      type: 'resident_id',
      number: '510104198001011236',
      birthDate: '1980-01-01',
      sex: 'male',
    })
    expect(expectOk('resident_id', '510104800229002').birthDate).toBe('1980-02-29')
  })

  it('accepts leap days and today', () => {
    expect(expectOk('resident_id', '51010420000229002X').birthDate).toBe('2000-02-29')
    const first17 = '51010420260520001'
    expect(expectOk('resident_id', first17 + idCheckChar(first17)).birthDate).toBe(TODAY)
  })

  const cases: Array<[string, string, string]> = [
    ['', 'empty', '请输入证件号码'],
    ['  \u3000 ', 'empty', '请输入证件号码'],
    ['51010419900307123A', 'illegal_char', '证件号码只能包含数字和字母X'],
    ['510104-19900307123', 'illegal_char', '证件号码只能包含数字和字母X'],
    ['5101041990030712X7', 'illegal_char', '字母X只能出现在最后一位（第18位）'],
    ['51010480010112X', 'illegal_char', '字母X只能出现在最后一位（第18位）'],
    ['5101041990030712', 'wrong_length', '身份证号码应为18位（或15位旧号码）'],
    ['5101041990030712370', 'wrong_length', '身份证号码应为18位（或15位旧号码）'],
    ['101041990030712' + '37', 'wrong_length', '身份证号码应为18位（或15位旧号码）'],
    ['910104199003071237', 'unknown_area', '身份证号码前两位不是有效的地区代码'],
    ['000000199003071237', 'unknown_area', '身份证号码前两位不是有效的地区代码'],
    ['510104199002301237', 'impossible_birth_date', '出生日期不存在，请核对第7至14位'],
    ['510104199013011237', 'impossible_birth_date', '出生日期不存在，请核对第7至14位'],
    ['510104190002291237', 'impossible_birth_date', '出生日期不存在，请核对第7至14位'],
    ['510104189912311237', 'impossible_birth_date', '出生日期早于1900年，请核对第7至14位'],
    ['510104801301123', 'impossible_birth_date', '出生日期不存在，请核对第7至12位'],
    ['510104202605211237', 'future_birth_date', '出生日期晚于今天，请核对'],
    ['510104199003071238', 'wrong_check_char', '校验位不正确，请核对最后一位'],
    ['110105194912310020', 'wrong_check_char', '校验位不正确，请核对最后一位'],
  ]
  it.each(cases)('%j → %s', (raw, problem, message) => {
    const r = parseIdDocument('resident_id', raw, TODAY)
    expect(r).toEqual({ ok: false, problem, message })
  })

  it('reports the most useful problem first', () => {
    // Illegal char beats length; area beats date; date beats check char.
    expect(problemOf(parseIdDocument('resident_id', '5101a', TODAY))).toBe('illegal_char')
    expect(problemOf(parseIdDocument('resident_id', '990104199002301230', TODAY))).toBe('unknown_area')
    expect(problemOf(parseIdDocument('resident_id', '510104199002301230', TODAY))).toBe('impossible_birth_date')
  })

  it('judges the future relative to the given today', () => {
    expect(problemOf(parseIdDocument('resident_id', '510104199003071237', '1990-03-06'))).toBe('future_birth_date')
    expect(problemOf(parseIdDocument('resident_id', '510104199003071237', '1990-03-07'))).toBe('ok')
  })
})

describe('hmt_permit', () => {
  it('parses HK, Macau and Taiwan permits', () => {
    expect(expectOk('hmt_permit', '810000199001010027')).toEqual({
      type: 'hmt_permit',
      number: '810000199001010027',
      birthDate: '1990-01-01',
      sex: 'female',
    })
    expect(expectOk('hmt_permit', '830000198512310047').birthDate).toBe('1985-12-31')
    const macau = '82000020010615003'
    expect(expectOk('hmt_permit', macau + idCheckChar(macau)).sex).toBe('male')
  })

  const cases: Array<[string, string]> = [
    ['', 'empty'],
    ['81000019900101002*', 'illegal_char'],
    ['810000199001010X27', 'illegal_char'],
    ['810000800101002', 'wrong_length'],
    ['8100001990010100270', 'wrong_length'],
    ['510104199003071237', 'wrong_prefix'],
    ['810001199001010027', 'wrong_prefix'],
    ['810000199002300027', 'impossible_birth_date'],
    ['810000203001010027', 'future_birth_date'],
    ['810000199001010028', 'wrong_check_char'],
  ]
  it.each(cases)('%j → %s', (raw, problem) => {
    expect(problemOf(parseIdDocument('hmt_permit', raw, TODAY))).toBe(problem)
  })

  it('names the allowed prefixes and the type in its messages', () => {
    const r = parseIdDocument('hmt_permit', '510104199003071237', TODAY)
    expect(r).toMatchObject({ message: '港澳台居民居住证号码应以810000、820000或830000开头' })
    expect(parseIdDocument('hmt_permit', '8100', TODAY)).toMatchObject({ message: '港澳台居民居住证号码应为18位' })
  })
})

describe('foreign_pr (2023)', () => {
  it('parses the layout example from the domain doc', () => {
    expect(expectOk('foreign_pr', '932682198501010017')).toEqual({
      type: 'foreign_pr',
      number: '932682198501010017',
      birthDate: '1985-01-01',
      sex: 'male',
    })
  })

  const cases: Array<[string, string, string]> = [
    ['', 'empty', '请输入证件号码'],
    ['93268219850101001Y', 'illegal_char', '证件号码只能包含数字和字母X'],
    ['93268219850101001', 'wrong_length', '外国人永久居留身份证号码应为18位'],
    ['832682198501010017', 'wrong_prefix', '外国人永久居留身份证号码应以数字9开头'],
    ['992682198501010017', 'unknown_area', '外国人永久居留身份证号码第2至3位不是有效的地区代码'],
    ['932682198502300017', 'impossible_birth_date', '出生日期不存在，请核对第7至14位'],
    ['932682202701010017', 'future_birth_date', '出生日期晚于今天，请核对'],
    ['932682198501010018', 'wrong_check_char', '校验位不正确，请核对最后一位'],
  ]
  it.each(cases)('%j → %s', (raw, problem, message) => {
    expect(parseIdDocument('foreign_pr', raw, TODAY)).toEqual({ ok: false, problem, message })
  })
})

describe('foreign_pr_2017', () => {
  it('parses 3 letters + 12 digits and picks the century that is not in the future', () => {
    expect(expectOk('foreign_pr_2017', 'usa310085010112')).toEqual({
      type: 'foreign_pr_2017',
      number: 'USA310085010112',
      birthDate: '1985-01-01',
    })
    expect(expectOk('foreign_pr_2017', 'CAN110010061512').birthDate).toBe('2010-06-15')
    // 26-05-20 is today → 2026; 26-05-21 would be tomorrow → 1926.
    expect(expectOk('foreign_pr_2017', 'CAN110026052012').birthDate).toBe('2026-05-20')
    expect(expectOk('foreign_pr_2017', 'CAN110026052112').birthDate).toBe('1926-05-21')
    // 00-02-29 only exists in 2000.
    expect(expectOk('foreign_pr_2017', 'GBR440000022912').birthDate).toBe('2000-02-29')
    expect(problemOf(parseIdDocument('foreign_pr_2017', 'GBR440000022912', '2000-02-28'))).toBe('future_birth_date')
  })

  const cases: Array<[string, string, string]> = [
    ['', 'empty', '请输入证件号码'],
    ['USA31008501011#', 'illegal_char', '证件号码只能包含字母和数字'],
    ['US1310085010112', 'illegal_char', '2017版外国人永久居留身份证号码应为3位字母加12位数字'],
    ['USA3100850101A2', 'illegal_char', '2017版外国人永久居留身份证号码应为3位字母加12位数字'],
    ['USA31008501011', 'wrong_length', '2017版外国人永久居留身份证号码应为15位（3位字母加12位数字）'],
    ['USA3100850101121', 'wrong_length', '2017版外国人永久居留身份证号码应为15位（3位字母加12位数字）'],
    ['USA310085023012', 'impossible_birth_date', '出生日期不存在，请核对第8至13位'],
    ['USA310085130112', 'impossible_birth_date', '出生日期不存在，请核对第8至13位'],
  ]
  it.each(cases)('%j → %s', (raw, problem, message) => {
    expect(parseIdDocument('foreign_pr_2017', raw, TODAY)).toEqual({ ok: false, problem, message })
  })
})

describe('province codes and the 81/82/83 switch', () => {
  it('a 港澳台居民居住证 number typed as 居民身份证 says which type to choose', () => {
    const expected = { ok: false, problem: 'hmt_number', message: '这是港澳台居民居住证号码，请将证件类型改为港澳台居民居住证', switchTo: 'hmt_permit' }
    expect(parseIdDocument('resident_id', '810000199505050081', TODAY)).toEqual(expected)
    expect(parseIdDocument('resident_id', '830000198512310047', TODAY)).toEqual(expected)
    // While typing: nothing at "8", the switch as soon as two digits say so.
    expect(idInputHint('resident_id', '8', TODAY)).toBeNull()
    expect(idInputHint('resident_id', '82', TODAY)).toMatchObject({ problem: 'hmt_number', switchTo: 'hmt_permit' })
    // The same number under the type it names is fine.
    expect(parseIdDocument('hmt_permit', '810000199505050081', TODAY).ok).toBe(true)
  })
  it('71 is not issued, and 新版外国人永久居留身份证 carry only mainland issuing areas', () => {
    expect(parseIdDocument('resident_id', withCheck('71000019900101123'), TODAY)).toMatchObject({ problem: 'unknown_area', message: expect.stringContaining('港澳台居民居住证') })
    expect(parseIdDocument('resident_id', withCheck('99000019900101123'), TODAY)).toMatchObject({ problem: 'unknown_area' })
    expect(parseIdDocument('foreign_pr', withCheck('98100019850101001'), TODAY)).toMatchObject({ problem: 'unknown_area' })
    expect(parseIdDocument('foreign_pr', withCheck('97100019850101001'), TODAY)).toMatchObject({ problem: 'unknown_area' })
    expect(parseIdDocument('foreign_pr', '932682198501010017', TODAY).ok).toBe(true)
  })
})

describe('通行证 (format only)', () => {
  it.each([
    ['hk_macau_pass', 'H12345678', true],
    ['hk_macau_pass', 'm1234567890', true],
    ['hk_macau_pass', 'H123456789', false],
    ['hk_macau_pass', 'A12345678', false],
    ['taiwan_pass', '12345678', true],
    ['taiwan_pass', '1234567', false],
    ['taiwan_pass', 'T1234567', false],
  ] as const)('%s %s → %s', (type, raw, ok) => {
    const r = parseIdDocument(type, raw, TODAY)
    expect(r.ok).toBe(ok)
    if (r.ok) expect(r.doc).toEqual({ type, number: raw.toUpperCase() })
    else expect(r.message).toMatch(/通行证号码应为/)
  })
})

describe('social_security', () => {
  it('accepts 1–30 letters and digits without a birth date', () => {
    expect(expectOk('social_security', 'a1')).toEqual({ type: 'social_security', number: 'A1' })
    expect(expectOk('social_security', '1')).toEqual({ type: 'social_security', number: '1' })
    expect(expectOk('social_security', 'Z'.repeat(30)).number).toHaveLength(30)
    // An 18-digit number that is not a valid resident id is still a fine local number...
    expect(expectOk('social_security', '51010419900307123Y')).toEqual({
      type: 'social_security',
      number: '51010419900307123Y',
    })
  })

  it('warns, without refusing, when an 18-character number laid out like a citizen ID fails its check char', () => {
    expect(expectOk('social_security', '510104199003071238')).toEqual({
      type: 'social_security',
      number: '510104199003071238',
      warning: '该社会保障号码的校验位与身份证号码规则不符，请核对最后一位；如为本地个人编号可忽略',
    })
    // No citizen-ID layout (a month 13), so no check to fail.
    expect(expectOk('social_security', '510104199013071238').warning).toBeUndefined()
    expect(expectOk('social_security', '510104199003071237').warning).toBeUndefined()
  })

  it('fills birth date and sex when the number is a resident id', () => {
    expect(expectOk('social_security', '11010519491231002x')).toEqual({
      type: 'social_security',
      number: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    })
  })

  it.each([
    ['', 'empty'],
    ['ABC-123', 'illegal_char'],
    ['张三123', 'illegal_char'],
    ['1'.repeat(31), 'wrong_length'],
  ])('%j → %s', (raw, problem) => {
    expect(problemOf(parseIdDocument('social_security', raw, TODAY))).toBe(problem)
  })
})

describe('idInputHint', () => {
  const hint = (type: IdDocType, raw: string) => idInputHint(type, raw, TODAY)?.problem ?? null

  it('stays quiet for empty input and plausible prefixes', () => {
    expect(hint('resident_id', '')).toBeNull()
    expect(hint('resident_id', '5')).toBeNull()
    expect(hint('resident_id', '5101')).toBeNull()
    expect(hint('resident_id', '51010419900307')).toBeNull()
    expect(hint('resident_id', '5101041990030712')).toBeNull()
    expect(hint('hmt_permit', '82')).toBeNull()
    expect(hint('foreign_pr', '93')).toBeNull()
    expect(hint('foreign_pr_2017', 'US')).toBeNull()
    expect(hint('social_security', 'AB12')).toBeNull()
  })

  it('flags illegal characters at once', () => {
    expect(hint('resident_id', '51a')).toBe('illegal_char')
    expect(hint('resident_id', '5101X')).toBe('illegal_char')
    expect(hint('foreign_pr_2017', 'U1')).toBe('illegal_char')
    expect(hint('foreign_pr_2017', 'USAB')).toBe('illegal_char')
    expect(hint('social_security', 'AB-')).toBe('illegal_char')
  })

  it('flags input longer than the type allows', () => {
    expect(hint('resident_id', '5101041990030712371')).toBe('wrong_length')
    expect(hint('foreign_pr_2017', 'USA3100850101121')).toBe('wrong_length')
    expect(hint('social_security', '1'.repeat(31))).toBe('wrong_length')
  })

  it('flags a wrong prefix or area as soon as no continuation can fix it', () => {
    expect(hint('resident_id', '9')).toBe('unknown_area')
    expect(hint('resident_id', '0')).toBe('unknown_area')
    expect(hint('resident_id', '19')).toBe('unknown_area')
    expect(hint('hmt_permit', '5')).toBe('wrong_prefix')
    expect(hint('hmt_permit', '8101')).toBe('wrong_prefix')
    expect(hint('foreign_pr', '1')).toBe('wrong_prefix')
    expect(hint('foreign_pr', '99')).toBe('unknown_area')
  })

  it('flags the birth date once all its digits are typed', () => {
    expect(hint('resident_id', '5101041990023')).toBeNull()
    // 14 digits could still be an old 15-digit id (19900230 fails, but 1919-90-02 fails too).
    expect(hint('resident_id', '51010419900230')).toBe('impossible_birth_date')
    expect(hint('resident_id', '51010420300101')).toBe('future_birth_date')
    // 51010480010112: 8001-01-12 is in the future, but 1980-01-01 (old id) is fine.
    expect(hint('resident_id', '51010480010112')).toBeNull()
    expect(hint('resident_id', '510104800101123')).toBeNull()
    expect(hint('resident_id', '5101048001011')).toBeNull()
    expect(hint('resident_id', '5101048001011234')).toBe('future_birth_date')
    expect(hint('hmt_permit', '81000019900230')).toBe('impossible_birth_date')
    expect(hint('foreign_pr_2017', 'USA3100850230')).toBe('impossible_birth_date')
  })

  it('checks the check char only at full length', () => {
    expect(hint('resident_id', '51010419900307123')).toBeNull()
    expect(hint('resident_id', '510104199003071238')).toBe('wrong_check_char')
    expect(hint('resident_id', '510104199003071237')).toBeNull()
    expect(hint('foreign_pr', '932682198501010018')).toBe('wrong_check_char')
  })
})

// ---------- properties ----------

const digit = fc.constantFrom(...'0123456789')
const digits = (n: number) => fc.string({ unit: digit, minLength: n, maxLength: n })

const DAY_MS = 86_400_000
const FIRST_DAY = Date.UTC(1900, 0, 1)
const TODAY_MS = Date.UTC(2026, 4, 20)

/** A real date between 1900-01-01 and TODAY, as 'YYYYMMDD'. */
const pastDate = fc.integer({ min: 0, max: (TODAY_MS - FIRST_DAY) / DAY_MS }).map((d) => {
  return new Date(FIRST_DAY + d * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '')
})

const validResidentId = fc.tuple(fc.constantFrom(...PROVINCES), digits(4), pastDate, digits(3)).map(([p, a, d, s]) => {
  const first17 = p + a + d + s
  return first17 + referenceCheck(first17)
})

/** Re-types a valid number the way people do: spaces, lower-case x, full-width digits. */
function messUp(id: string, seed: number[]): string {
  return id
    .split('')
    .map((c, i) => {
      const r = seed[i % seed.length]
      let out = c === 'X' && r % 2 === 0 ? 'x' : c
      if (r % 3 === 0 && /[0-9]/.test(out)) out = String.fromCharCode(out.charCodeAt(0) + 0xfee0)
      return r % 5 === 0 ? out + ' ' : r % 7 === 0 ? '\u3000' + out : out
    })
    .join('')
}

/** Whatever the input, a message is one of a fixed set of texts; none can carry a run of the number. */
function assertMessageIsSafe(input: string, message: string) {
  const withoutConstants = message.replace('810000、820000或830000', '')
  expect(withoutConstants).not.toMatch(/[0-9]{5}/)
  for (const run of normaliseIdInput(input).match(/[0-9]{6,}/g) ?? []) {
    expect(withoutConstants).not.toContain(run)
  }
}

describe('properties', () => {
  it('a valid resident id parses, round-trips, and its sex follows the 17th digit', () => {
    fc.assert(
      fc.property(validResidentId, fc.array(fc.nat(100), { minLength: 1, maxLength: 18 }), (id, seed) => {
        for (const raw of [id, messUp(id, seed)]) {
          const doc = expectOk('resident_id', raw)
          expect(doc.number).toBe(id)
          expect(doc.birthDate?.replace(/-/g, '')).toBe(id.slice(6, 14))
          expect(doc.sex).toBe(Number(id[16]) % 2 === 1 ? 'male' : 'female')
        }
        // The same number is a valid social security number with the same birth data.
        expect(expectOk('social_security', id).birthDate).toBe(expectOk('resident_id', id).birthDate)
      }),
      { numRuns: 500 },
    )
  })

  it('an old 15-digit id converts to the 18-digit id of the same person', () => {
    const date1900s = pastDate.filter((d) => d.startsWith('19'))
    fc.assert(
      fc.property(fc.constantFrom(...PROVINCES), digits(4), date1900s, digits(3), (p, a, d, s) => {
        const doc = expectOk('resident_id', p + a + d.slice(2) + s)
        const first17 = p + a + d + s
        expect(doc.number).toBe(first17 + referenceCheck(first17))
        expect(expectOk('resident_id', doc.number)).toEqual(doc)
      }),
      { numRuns: 300 },
    )
  })

  it('changing any single character of a valid id makes it invalid', () => {
    fc.assert(
      fc.property(validResidentId, fc.nat(17), fc.constantFrom(...'0123456789X'), (id, at, c) => {
        fc.pre(id[at] !== c)
        const changed = id.slice(0, at) + c + id.slice(at + 1)
        expect(parseIdDocument('resident_id', changed, TODAY).ok).toBe(false)
      }),
      { numRuns: 1000 },
    )
  })

  it('no prefix of a valid id is ever flagged while typing', () => {
    fc.assert(
      fc.property(validResidentId, (id) => {
        for (let n = 0; n <= 18; n++) expect(idInputHint('resident_id', id.slice(0, n), TODAY)).toBeNull()
        const old = id.slice(0, 6) + id.slice(8, 17)
        if (id.startsWith('19', 6)) {
          for (let n = 0; n <= 15; n++) expect(idInputHint('resident_id', old.slice(0, n), TODAY)).toBeNull()
        }
      }),
      { numRuns: 300 },
    )
  })

  it('a flagged prefix can never be completed into a valid number', () => {
    const alnum = fc.constantFrom(...'0123456789X89ABU')
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_TYPES),
        fc.string({ unit: alnum, maxLength: 20 }),
        fc.string({ unit: alnum, maxLength: 20 }),
        (type, prefix, rest) => {
          const h = idInputHint(type, prefix, TODAY)
          if (h) {
            const r = parseIdDocument(type, prefix + rest, TODAY)
            expect(r.ok).toBe(false)
          }
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('at full length the typing hint agrees with the parser', () => {
    const idLike = fc.oneof(validResidentId, digits(18), digits(17).map((s) => s + 'X'))
    fc.assert(
      fc.property(fc.constantFrom<IdDocType>('resident_id', 'hmt_permit', 'foreign_pr'), idLike, (type, s) => {
        const r = parseIdDocument(type, s, TODAY)
        const h = idInputHint(type, s, TODAY)
        expect(h?.problem ?? 'ok').toBe(problemOf(r))
      }),
      { numRuns: 1000 },
    )
  })

  it('never throws on arbitrary input, and messages never echo the number', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: fc.constantFrom(...'0123456789Xx 　０９-'), maxLength: 40 }),
      validResidentId.map((id) => id + '1'),
    )
    fc.assert(
      fc.property(fc.constantFrom(...ALL_TYPES), anyText, (type, raw) => {
        const r = parseIdDocument(type, raw, TODAY)
        if (!r.ok) assertMessageIsSafe(raw, r.message)
        const h = idInputHint(type, raw, TODAY)
        if (h) assertMessageIsSafe(raw, h.message)
      }),
      { numRuns: 1000 },
    )
  })

  it('handles very long input quickly as wrong_length', () => {
    const started = Date.now()
    for (const type of ALL_TYPES) {
      const huge = (type === 'foreign_pr_2017' ? 'USA' : type === 'hk_macau_pass' ? 'H' : '') + '5'.repeat(100_000)
      expect(problemOf(parseIdDocument(type, huge, TODAY))).toBe('wrong_length')
      expect(idInputHint(type, huge, TODAY)?.problem).toBe('wrong_length')
      expect(problemOf(parseIdDocument(type, ' '.repeat(100_000), TODAY))).toBe('empty')
    }
    expect(Date.now() - started).toBeLessThan(1000)
  })
})
