/** Which number belongs to which document type: province codes, the 81/82/83 switch, the 通行证. */
import { idCheckChar, idInputHint, parseIdDocument } from './idDocument'
import { TODAY } from './idDocument.testkit'

const withCheck = (first17: string) => first17 + idCheckChar(first17)

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
