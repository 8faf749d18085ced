import fc from 'fast-check'
import { maskIdNumber, maskName } from './mask'

describe('maskName', () => {
  it.each([
    ['', ''],
    ['张', '*'],
    ['张三', '张*'],
    ['张建国', '张*国'],
    ['张建国强', '张**强'],
    ['欧阳修', '欧阳*'],
    ['欧阳娜娜', '欧阳**'],
    ['诸葛孔明', '诸葛**'],
    ['司马相如', '司马**'],
    ['欧阳', '欧*'],
    ['艾散·亚森', '艾*·**'],
    ['阿卜杜勒·克里木', '阿***·***'],
    ['John Smith', 'J*** *****'],
    ["Mary-Jane O'Neil", "M***-**** *'****"],
    ['Li', 'L*'],
    ['张𠀀', '张*'],
  ])('%j → %j', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })

  it('still hides something in odd input that is all separators after the first char', () => {
    expect(maskName('A.')).toBe('A*')
    expect(maskName('艾·')).toBe('艾*')
  })
})

describe('maskIdNumber', () => {
  it.each([
    ['510104199003071237', '510104********1237'],
    ['11010519491231002X', '110105********002X'],
    ['510104800101123', '510104*****1123'],
    ['USA310085010112', 'USA310*****0112'],
    ['12345678', '12****78'],
    ['1234567890ABCD', '12**********CD'],
    ['1234567', '1*****7'],
    ['123', '1*3'],
    ['12', '**'],
    ['1', '*'],
    ['', ''],
  ])('%j → %j', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked)
  })
})

const han = fc.integer({ min: 0x4e00, max: 0x9fff }).map((cp) => String.fromCodePoint(cp))
const chineseName = fc.oneof(
  fc.string({ unit: han, minLength: 2, maxLength: 20 }),
  fc
    .array(fc.string({ unit: han, minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 4 })
    .map((parts) => parts.join('·')),
  fc.tuple(fc.constantFrom('欧阳', '诸葛', '司马'), fc.string({ unit: han, maxLength: 3 })).map(([s, g]) => s + g),
)
const latinName = fc
  .array(fc.string({ unit: fc.constantFrom(...'abcXYZ'), minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 })
  .map((words) => words.join(' '))
  .filter((n) => n.length >= 2)

describe('mask properties', () => {
  it('maskIdNumber keeps the length and shows at most 10 characters', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 })), (id) => {
        const masked = maskIdNumber(id)
        const chars = Array.from(id)
        const out = Array.from(masked)
        expect(out).toHaveLength(chars.length)
        const shown = out.filter((c) => c !== '*').length
        expect(shown).toBeLessThanOrEqual(Math.min(10, Math.max(0, chars.length - 1)))
        if (chars.length >= 15) expect(masked.slice(6, chars.length - 4)).toMatch(/^\**$/)
      }),
      { numRuns: 1000 },
    )
  })

  it('maskName never returns a real name whole, and keeps its length', () => {
    fc.assert(
      fc.property(fc.oneof(chineseName, latinName), (name) => {
        const masked = maskName(name)
        expect(masked).not.toBe(name)
        expect(Array.from(masked)).toHaveLength(Array.from(name).length)
        expect(masked[0]).toBe(name[0])
      }),
      { numRuns: 1000 },
    )
  })

  it('maskName hides something in any string of two or more characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 2, maxLength: 30 }), (name) => {
        fc.pre(/[^*]/.test(name))
        expect(maskName(name)).not.toBe(name)
      }),
      { numRuns: 1000 },
    )
  })
})
