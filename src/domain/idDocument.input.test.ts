import fc from 'fast-check'
import { IdDocType, idInputHint, normaliseIdInput, parseIdDocument } from './idDocument'
import { TODAY, ALL_TYPES, PROVINCES, referenceCheck, problemOf, expectOk } from './idDocument.testkit'

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
  // The residence-permit prefixes (810000/820000/830000) are the only digits a message may quote.
  const withoutConstants = message.replace(/8[123]0000/g, '')
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
