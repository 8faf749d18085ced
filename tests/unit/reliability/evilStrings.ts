/**
 * Hostile and odd text for the fuzzers: any code point (controls, lone surrogates, emoji,
 * astral CJK), full-width and zero-width look-alikes, injection-shaped strings, very long input,
 * and near-misses of valid values built by the callers.
 */
import fc from 'fast-check'

export const INJECTIONS = [
  "'; DROP TABLE orders; --",
  "1' OR '1'='1",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '${7*7}{{7*7}}',
  '%00%0d%0a',
  '\u0000\u0001\u001f\u007f',
  '\u202e\u202d',
  '__proto__',
  'constructor',
  '{"__proto__":{"polluted":true}}',
  'null',
  'undefined',
  'NaN',
  '\ud800',
  '\udc00\ud800',
  '😀👨‍👩‍👧‍👦🏳️‍🌈',
  '𠀀𪚥𰻞',
  '\u3000\u00a0\u2028\u2029\ufeff',
]

/** Characters that sit close to what ID numbers and names are made of. */
const NEAR = [
  ...'0123456789Xx',
  ...'０１２３４５６７８９ＸｘＡＺａｚ',
  ' ', '\t', '\n', '\r', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00a0', '\u3000',
  '·', '•', '・', '.', '。', '．', '-', '－', "'", '’', '‐',
  'A', 'B', 'Z', 'ß', 'İ', 'ı', 'Å', 'é',
  '张', '〇', '㐀', '𠀀', '😀', '\u0000', '\u001b', '\u007f', '\ud800',
]

const near = fc.array(fc.constantFrom(...NEAR), { maxLength: 40 }).map((cs) => cs.join(''))

/** Any text at all, weighted towards the interesting. */
export const evilString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 3, arbitrary: near },
  { weight: 2, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...INJECTIONS), near).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1000, maxLength: 6000 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...'0123456789X０１'), fc.integer({ min: 31, max: 5000 })).map(([c, n]) => c.repeat(n)) },
)

/** Mutates a string: a character replaced, inserted or removed, widened, spaced out or cut short. */
export function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(base, fc.nat(), fc.constantFrom(...NEAR), fc.constantFrom('replace', 'insert', 'delete', 'widen', 'space', 'cut', 'same'))
    .map(([s, at, c, how]) => {
      const i = s.length ? at % s.length : 0
      switch (how) {
        case 'replace':
          return s.slice(0, i) + c + s.slice(i + 1)
        case 'insert':
          return s.slice(0, i) + c + s.slice(i)
        case 'delete':
          return s.slice(0, i) + s.slice(i + 1)
        case 'widen':
          return s.replace(/[0-9A-Za-z]/g, (x) => String.fromCharCode(x.charCodeAt(0) + 0xfee0))
        case 'space':
          return s.split('').join(' ')
        case 'cut':
          return s.slice(0, i)
        default:
          return s
      }
    })
}

/** A calendar day as 'YYYY-MM-DD' between the given years. */
export const isoDay = (fromYear: number, toYear: number) =>
  fc.date({ min: new Date(Date.UTC(fromYear, 0, 1)), max: new Date(Date.UTC(toYear, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))

/** Has Han characters: what a Chinese message to the user has. */
export const CHINESE = /[\u4e00-\u9fff]/
