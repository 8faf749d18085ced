import { isCjkCodePoint, NAME_DOT } from './personName'

const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙',
  '宇文', '司徒', '夏侯', '令狐', '端木', '西门', '南宫', '独孤', '申屠', '万俟',
  '闻人', '轩辕', '呼延', '百里', '东郭', '太史', '第五', '钟离', '澹台', '公冶',
  '赫连', '司空', '司寇', '左丘', '拓跋', '濮阳', '淳于', '单于', '宗政', '漆雕',
])

/** Characters a Latin name may show unmasked: they separate words and reveal nothing. */
const LATIN_SEPARATORS = new Set([' ', '.', '-', "'", NAME_DOT])

function stars(n: number): string {
  return '*'.repeat(Math.max(0, n))
}

function maskHanName(chars: string[]): string {
  const n = chars.length
  // A two-character name such as 欧阳 is a surname + given name, not a bare compound surname.
  if (n >= 3 && COMPOUND_SURNAMES.has(chars[0] + chars[1])) return chars[0] + chars[1] + stars(n - 2)
  if (n === 2) return chars[0] + '*'
  return chars[0] + stars(n - 2) + chars[n - 1]
}

/** Keeps the surname (or, for Latin and '·' names, the first letter) and hides the rest. */
export function maskName(name: string): string {
  // Code points, so a rare character outside the BMP counts (and is hidden) as one.
  const chars = Array.from(name)
  const n = chars.length
  if (n === 0) return ''
  if (n === 1) return '*'

  let masked: string
  if (chars.includes(NAME_DOT)) {
    masked = chars.map((c, i) => (i === 0 || c === NAME_DOT ? c : '*')).join('')
  } else if (chars.some((c) => isCjkCodePoint(c.codePointAt(0) ?? 0))) {
    masked = maskHanName(chars)
  } else {
    const first = chars.findIndex((c) => !LATIN_SEPARATORS.has(c))
    masked = chars.map((c, i) => (i === first || LATIN_SEPARATORS.has(c) ? c : '*')).join('')
  }
  // Odd input like 'A.' or '艾·' would otherwise come back whole; a mask must always hide something.
  if (masked === name) masked = chars[0] + stars(n - 1)
  if (masked === name) masked = stars(n)
  return masked
}

/** Keeps only the ends of an id (at most 10 characters visible); the result has as many characters as the input. */
export function maskIdNumber(number: string): string {
  const chars = Array.from(number)
  const n = chars.length
  const [head, tail] = n >= 15 ? [6, 4] : n >= 8 ? [2, 2] : n >= 3 ? [1, 1] : [0, 0]
  return chars.slice(0, head).join('') + stars(n - head - tail) + chars.slice(n - tail).join('')
}
