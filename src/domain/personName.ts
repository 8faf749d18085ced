export type NameParseResult = { ok: true; name: string } | { ok: false; message: string }

export const NAME_DOT = '\u00B7'

/**
 * Han characters accepted in a name. Beyond the BMP blocks this also takes extensions B–H:
 * rare characters (生僻字) do occur in registered names and must not lock their holders out.
 */
export function isCjkCodePoint(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    cp === 0x3007 ||
    (cp >= 0x20000 && cp <= 0x2ebef) ||
    (cp >= 0x30000 && cp <= 0x323af)
  )
}

const M = {
  empty: '请输入姓名',
  illegal: '姓名只能包含汉字、字母和间隔号“·”',
  mixed: '姓名请全部使用汉字，或按证件上的外文字母填写',
  chineseLength: '姓名应为2至20个汉字',
  dotEdge: '间隔号“·”只能出现在姓名中间',
  dotDoubled: '间隔号“·”不能连续出现',
  latinIllegal: '外文姓名只能包含英文字母、空格和“.”“-”“\'”',
  latinLength: '外文姓名应为2至60个字符',
  latinStart: '外文姓名应以字母开头',
}

// Zero-width characters arrive with pasted text and are invisible to the user.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g
const FULL_WIDTH_LETTERS = /[\uFF21-\uFF3A\uFF41-\uFF5A]/g
// U+FF0E is handled per script below: a dot in a Chinese name, a full stop in a Latin one.
const DOT_VARIANTS = /[\u00B7\u2022\u2027\u30FB\uFF65\u2219\u22C5]/g
const ASCII_LETTER = /[A-Za-z]/

function fail(message: string): NameParseResult {
  return { ok: false, message }
}

function parseChinese(s: string): NameParseResult {
  // Spaces are never part of a registered Chinese name, and people type '.' or '。' when they cannot find '·'.
  const name = s.replace(/ /g, '').replace(/[.\u3002\uFF0E]/g, NAME_DOT)
  let han = 0
  let prevDot = false
  const cps = Array.from(name)
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]
    if (c === NAME_DOT) {
      if (i === 0 || i === cps.length - 1) return fail(M.dotEdge)
      if (prevDot) return fail(M.dotDoubled)
      prevDot = true
      continue
    }
    if (!isCjkCodePoint(c.codePointAt(0) ?? 0)) return fail(M.illegal)
    prevDot = false
    han++
  }
  if (han < 2 || han > 20) return fail(M.chineseLength)
  return { ok: true, name }
}

function parseLatin(s: string): NameParseResult {
  const name = s
    .replace(/\uFF0E/g, '.')
    .replace(/[\u2018\u2019\u02BC\uFF07]/g, "'")
    .replace(/[\u2010\u2011\uFF0D]/g, '-')
  if (!/^[A-Za-z .'-]*$/.test(name)) return fail(M.latinIllegal)
  if (name.length < 2 || name.length > 60) return fail(M.latinLength)
  if (!ASCII_LETTER.test(name[0])) return fail(M.latinStart)
  return { ok: true, name }
}

/** Cleans up a typed name and checks it is a plausible Chinese or Latin-script name as on the card. */
export function parsePersonName(raw: string): NameParseResult {
  const s = raw
    .replace(INVISIBLE, '')
    .replace(FULL_WIDTH_LETTERS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(DOT_VARIANTS, NAME_DOT)
    .replace(/\s+/g, ' ')
    .trim()
  if (s.length === 0) return fail(M.empty)

  let hasHan = false
  for (const c of s) {
    if (isCjkCodePoint(c.codePointAt(0) ?? 0)) {
      hasHan = true
      break
    }
  }
  const hasLatin = ASCII_LETTER.test(s)
  if (hasHan && hasLatin) return fail(M.mixed)
  // Input in neither script (digits, emoji, lone dots) is judged as a Chinese name, the common case.
  return hasLatin ? parseLatin(s) : parseChinese(s)
}
