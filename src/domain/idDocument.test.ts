import fc from 'fast-check'
import { ID_DOC_TYPES, idCheckChar, idDocLabel, isIdDocType, normaliseIdInput, parseIdDocument } from './idDocument'
import { TODAY, ALL_TYPES, referenceCheck, problemOf, expectOk } from './idDocument.testkit'

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
  it('parses a number laid out as the 2023 card prints it', () => {
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

describe('social_security', () => {
  it('accepts 1–30 letters and digits without a birth date', () => {
    expect(expectOk('social_security', 'a1')).toEqual({ type: 'social_security', number: 'A1' })
    expect(expectOk('social_security', '1')).toEqual({ type: 'social_security', number: '1' })
    expect(expectOk('social_security', 'Z'.repeat(30)).number).toHaveLength(30)
    // An 18-digit number that is not a valid resident id is still a fine local number...
    expect(expectOk('social_security', '51010419900307123Y')).toEqual({ type: 'social_security', number: '51010419900307123Y' })
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
