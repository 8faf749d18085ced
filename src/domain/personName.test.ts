import fc from 'fast-check'
import { parsePersonName } from './personName'

function ok(raw: string): string {
  const r = parsePersonName(raw)
  if (!r.ok) throw new Error(`expected ${JSON.stringify(raw)} to be accepted, got ${r.message}`)
  return r.name
}

function message(raw: string): string {
  const r = parsePersonName(raw)
  if (r.ok) throw new Error(`expected ${JSON.stringify(raw)} to be rejected, got ${r.name}`)
  return r.message
}

describe('parsePersonName: Chinese names', () => {
  it('accepts 2–20 Han characters', () => {
    expect(ok('张三')).toBe('张三')
    expect(ok(' 张建国 ')).toBe('张建国')
    expect(ok('欧阳娜娜')).toBe('欧阳娜娜')
    expect(ok('李〇')).toBe('李〇')
    expect(ok('㐀㐁')).toBe('㐀㐁')
    expect(ok('王' + '一'.repeat(19))).toHaveLength(20)
  })

  it('accepts rare characters outside the BMP, counting each as one', () => {
    expect(ok('张𠀀')).toBe('张𠀀')
  })

  it('normalises every middle-dot variant to U+00B7', () => {
    for (const dot of ['·', '•', '‧', '・', '．', '\u00B7', '\u2022', '\u2027', '\u30FB', '\uFF0E', '.', '。']) {
      expect(ok(`艾散${dot}亚森`)).toBe('艾散\u00B7亚森')
    }
    expect(ok('阿卜杜勒·克里木·买买提')).toBe('阿卜杜勒·克里木·买买提')
  })

  it('drops spaces inside a Chinese name, including ideographic ones', () => {
    expect(ok('张 三')).toBe('张三')
    expect(ok('艾散 · 亚森')).toBe('艾散·亚森')
    expect(ok('\u3000张\u3000三\u3000')).toBe('张三')
  })

  it.each([
    ['', '请输入姓名'],
    ['   \u3000\t', '请输入姓名'],
    ['张', '姓名应为2至20个汉字'],
    ['王' + '一'.repeat(20), '姓名应为2至20个汉字'],
    ['·张三', '间隔号“·”只能出现在姓名中间'],
    ['张三·', '间隔号“·”只能出现在姓名中间'],
    ['艾散··亚森', '间隔号“·”不能连续出现'],
    ['张三3', '姓名只能包含汉字、字母和间隔号“·”'],
    ['张三😀', '姓名只能包含汉字、字母和间隔号“·”'],
    ['张\u0000三', '姓名只能包含汉字、字母和间隔号“·”'],
    ['张三（小）', '姓名只能包含汉字、字母和间隔号“·”'],
    ['张San', '姓名请全部使用汉字，或按证件上的外文字母填写'],
  ])('%j → %s', (raw, expected) => {
    expect(message(raw)).toBe(expected)
  })
})

describe('parsePersonName: Latin names', () => {
  it('keeps the case as typed and collapses spaces', () => {
    expect(ok('John Smith')).toBe('John Smith')
    expect(ok('  JOHN    SMITH  ')).toBe('JOHN SMITH')
    expect(ok("Mary-Jane O'Neil Jr.")).toBe("Mary-Jane O'Neil Jr.")
    expect(ok('Li')).toBe('Li')
    expect(ok('A'.repeat(60))).toHaveLength(60)
  })

  it('folds full-width letters and punctuation', () => {
    expect(ok('ＪＯＨＮ　ＳＭＩＴＨ')).toBe('JOHN SMITH')
    expect(ok('J．Smith')).toBe('J.Smith')
    expect(ok('O’Neil')).toBe("O'Neil")
  })

  it.each([
    ['J', '外文姓名应为2至60个字符'],
    ['A'.repeat(61), '外文姓名应为2至60个字符'],
    ['-John', '外文姓名应以字母开头'],
    ['.JS', '外文姓名应以字母开头'],
    ['John2', "外文姓名只能包含英文字母、空格和“.”“-”“'”"],
    ['José', "外文姓名只能包含英文字母、空格和“.”“-”“'”"],
    ['John_Smith', "外文姓名只能包含英文字母、空格和“.”“-”“'”"],
  ])('%j → %s', (raw, expected) => {
    expect(message(raw)).toBe(expected)
  })
})

describe('parsePersonName properties', () => {
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: fc.constantFrom(...'张三艾散·•. 　AbＪ-\'\u0000\t'), maxLength: 30 }),
  )

  it('never throws, and an accepted name is already in normal form', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const r = parsePersonName(raw)
        if (r.ok) {
          expect(parsePersonName(r.name)).toEqual(r)
          expect(r.name).toBe(r.name.trim())
          expect(r.name).not.toMatch(/\s{2}/)
        } else {
          expect(r.message.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('copes with huge input', () => {
    const started = Date.now()
    expect(message('张'.repeat(100_000))).toBe('姓名应为2至20个汉字')
    expect(message('A'.repeat(100_000))).toBe('外文姓名应为2至60个字符')
    expect(message(' '.repeat(100_000))).toBe('请输入姓名')
    expect(message('😀'.repeat(50_000))).toBe('姓名只能包含汉字、字母和间隔号“·”')
    expect(Date.now() - started).toBeLessThan(1000)
  })
})
