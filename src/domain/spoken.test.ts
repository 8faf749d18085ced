import { spokenAmount, spokenPayment } from './spoken'

describe('spokenPayment', () => {
  it('says who, what and how much in one sentence', () => {
    expect(spokenPayment({ maskedName: '张*国', periodLabel: '2027年度', itemName: '城乡居民基本医疗保险', amountFen: 40000 })).toBe(
      '为张*国缴纳2027年度城乡居民医保，400元',
    )
  })

  it('names flexible-work insurance the short way too', () => {
    expect(spokenPayment({ maskedName: '王*', periodLabel: '2026年10月至2026年12月（共3个月）', itemName: '灵活就业人员基本医疗保险', amountFen: 123456 })).toBe(
      '为王*缴纳2026年10月至2026年12月（共3个月）灵活就业人员医保，1234元5角6分',
    )
  })
})

describe('spokenAmount', () => {
  it.each([
    [40000, '400元'],
    [40050, '400元5角'],
    [40005, '400元零5分'],
    [1, '0元零1分'],
    [0, '0元'],
  ])('%i fen is said as %s', (fen, said) => {
    expect(spokenAmount(fen)).toBe(said)
  })

  it('refuses what is not an amount in fen', () => {
    expect(() => spokenAmount(1.5)).toThrow(RangeError)
    expect(() => spokenAmount(-1)).toThrow(RangeError)
  })
})
