import fc from 'fast-check'
import { formatFen, formatFenPlain, isFen, percentOfFen, toChineseCapital, yuanToFen } from './money'

/** Independent reader of 大写 amounts, used only to check toChineseCapital round-trips. */
function parseCapital(s: string): number {
  const digit: Record<string, number> = { 零: 0, 壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9 }
  const unit: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 }
  const section = (t: string): number => {
    let total = 0
    let pending = 0
    for (const ch of t) {
      if (ch in digit) pending = digit[ch]
      else if (ch in unit) {
        total += pending * unit[ch]
        pending = 0
      } else throw new Error(`unexpected ${ch} in ${s}`)
    }
    return total + pending
  }
  const integer = (t: string): number => {
    const yi = t.lastIndexOf('亿')
    if (yi >= 0) return integer(t.slice(0, yi)) * 100_000_000 + integer(t.slice(yi + 1))
    const wan = t.indexOf('万')
    if (wan >= 0) return section(t.slice(0, wan)) * 10_000 + section(t.slice(wan + 1))
    return section(t)
  }
  let body = s
  if (body.endsWith('整')) body = body.slice(0, -1)
  const yuanAt = body.indexOf('元')
  const yuan = yuanAt >= 0 ? integer(body.slice(0, yuanAt)) : 0
  const frac = yuanAt >= 0 ? body.slice(yuanAt + 1) : body
  const jiao = /(.)角/.exec(frac)
  const fen = /(.)分/.exec(frac)
  return yuan * 100 + (jiao ? digit[jiao[1]] * 10 : 0) + (fen ? digit[fen[1]] : 0)
}

describe('isFen / yuanToFen', () => {
  it('accepts only safe non-negative integers', () => {
    expect(isFen(0)).toBe(true)
    expect(isFen(40000)).toBe(true)
    expect(isFen(-1)).toBe(false)
    expect(isFen(1.5)).toBe(false)
    expect(isFen(NaN)).toBe(false)
    expect(isFen('400')).toBe(false)
    expect(isFen(Number.MAX_SAFE_INTEGER + 1)).toBe(false)
  })
  it('converts published yuan figures', () => {
    expect(yuanToFen(400)).toBe(40000)
    expect(yuanToFen(4699)).toBe(469900)
    expect(yuanToFen(0.1 + 0.2)).toBe(30)
    expect(yuanToFen(19.99)).toBe(1999)
  })
  it('throws on NaN, infinity and negatives', () => {
    expect(() => yuanToFen(NaN)).toThrow(RangeError)
    expect(() => yuanToFen(-1)).toThrow(RangeError)
    expect(() => yuanToFen(Infinity)).toThrow(RangeError)
  })
})

describe('formatFen', () => {
  it('formats with symbol and grouping', () => {
    expect(formatFen(40000)).toBe('¥400.00')
    expect(formatFen(123456)).toBe('¥1,234.56')
    expect(formatFen(5)).toBe('¥0.05')
    expect(formatFen(0)).toBe('¥0.00')
    expect(formatFen(100000000)).toBe('¥1,000,000.00')
  })
  it('formats plain', () => {
    expect(formatFenPlain(40000)).toBe('400.00')
    expect(formatFenPlain(123456)).toBe('1234.56')
    expect(formatFenPlain(50)).toBe('0.50')
  })
  it('rejects non-fen', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError)
    expect(() => formatFen(-100)).toThrow(RangeError)
  })
  it('never has more than 2 decimals and parses back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        const s = formatFen(fen)
        expect(s).toMatch(/^¥\d{1,3}(,\d{3})*\.\d{2}$/)
        const plain = s.slice(1).replace(/,/g, '')
        expect(plain).toBe(formatFenPlain(fen))
        const [y, c] = plain.split('.')
        expect(Number(y) * 100 + Number(c)).toBe(fen)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('percentOfFen', () => {
  it('rounds half up to the fen', () => {
    expect(percentOfFen(40000, 3000)).toBe(12000)
    expect(percentOfFen(469900, 1000)).toBe(46990)
    expect(percentOfFen(5, 5000)).toBe(3) // 2.5 → 3
    expect(percentOfFen(1, 4999)).toBe(0)
    expect(percentOfFen(40000, 0)).toBe(0)
    expect(percentOfFen(40000, 10000)).toBe(40000)
  })
  it('stays exact for large amounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_99 }), fc.integer({ min: 0, max: 10000 }), (fen, bp) => {
        const exact = (BigInt(fen) * BigInt(bp) * BigInt(2) + BigInt(10000)) / BigInt(20000)
        expect(percentOfFen(fen, bp)).toBe(Number(exact))
      }),
      { numRuns: 1000 },
    )
  })
  it('rejects bad basis points', () => {
    expect(() => percentOfFen(100, -1)).toThrow(RangeError)
    expect(() => percentOfFen(100, 1.5)).toThrow(RangeError)
  })
})

describe('toChineseCapital', () => {
  const cases: Array<[number, string]> = [
    [40000, '肆佰元整'],
    [1000, '壹拾元整'],
    [0, '零元整'],
    [100100, '壹仟零壹元整'],
    [10000000, '壹拾万元整'],
    [101000000, '壹佰零壹万元整'],
    [10000100000, '壹亿零壹仟元整'],
    [1640902, '壹万陆仟肆佰零玖元零贰分'],
    [32504, '叁佰贰拾伍元零肆分'],
    [168032, '壹仟陆佰捌拾元叁角贰分'],
    [40050, '肆佰元伍角整'],
    [5, '伍分'],
    [50, '伍角整'],
    [55, '伍角伍分'],
    [10700053, '壹拾万柒仟元伍角叁分'],
    [101000, '壹仟零壹拾元整'],
    [1000000100, '壹仟万零壹元整'],
    [10500000000, '壹亿零伍佰万元整'],
    [99999999999, '玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
    [100000000000000, '壹万亿元整'],
  ]
  it.each(cases)('%d fen → %s', (fen, text) => {
    expect(toChineseCapital(fen)).toBe(text)
  })
  it('round-trips through an independent parser', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_99 }), (fen) => {
        const s = toChineseCapital(fen)
        expect(parseCapital(s)).toBe(fen)
        expect(s).not.toMatch(/零零/)
        if (fen > 0) expect(s).not.toMatch(/零[元万亿]/)
        expect(s.endsWith('整') || s.endsWith('分')).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })
})
