/**
 * Money is integer fen (分) everywhere: the tax system, WeChat Pay (`total_fee`) and receipts
 * all count in fen, and integers never drift the way 0.1 + 0.2 does.
 */

/** A safe, non-negative integer number of fen. */
export type Fen = number

export function isFen(n: unknown): n is Fen {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0
}

function assertFen(fen: Fen): void {
  if (!isFen(fen)) throw new RangeError(`not an amount in fen: ${String(fen)}`)
}

/** For policy data published in yuan (e.g. 400 元). Not for user input. */
export function yuanToFen(yuan: number): Fen {
  if (typeof yuan !== 'number' || !Number.isFinite(yuan) || yuan < 0) {
    throw new RangeError(`invalid yuan amount: ${String(yuan)}`)
  }
  const fen = Math.round(yuan * 100)
  assertFen(fen)
  return fen
}

/** '400.00': for forms and payment APIs that want a bare decimal. */
export function formatFenPlain(fen: Fen): string {
  assertFen(fen)
  const yuan = Math.floor(fen / 100)
  const cents = fen % 100
  return `${yuan}.${cents < 10 ? '0' : ''}${cents}`
}

/** '¥1,234.56': for display. */
export function formatFen(fen: Fen): string {
  const [yuan, cents] = formatFenPlain(fen).split('.')
  return `¥${yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`
}

/** Share of an amount in basis points (3000 = 30%), rounded half up to the fen. */
export function percentOfFen(fen: Fen, basisPoints: number): Fen {
  assertFen(fen)
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) {
    throw new RangeError(`invalid basis points: ${String(basisPoints)}`)
  }
  // Split fen so that no intermediate product leaves the safe-integer range.
  const high = Math.floor(fen / 10_000)
  const low = fen % 10_000
  const result = high * basisPoints + Math.floor((low * basisPoints + 5_000) / 10_000)
  assertFen(result)
  return result
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖']
const SMALL_UNITS = ['', '拾', '佰', '仟']

/** 1..9999 → e.g. 壹仟零壹拾; inner zero runs collapse to one 零, trailing zeros vanish. */
function capitalSection(n: number): string {
  let out = ''
  let zero = false
  for (let pos = 3; pos >= 0; pos--) {
    const d = Math.floor(n / 10 ** pos) % 10
    if (d === 0) {
      if (out !== '') zero = true
    } else {
      if (zero) out += '零'
      zero = false
      out += DIGITS[d] + SMALL_UNITS[pos]
    }
  }
  return out
}

/** Positive integer yuan in capitals, grouping by 万 and 亿. */
function capitalInteger(n: number): string {
  // A lower part that does not fill its top place needs a 零 bridge: 壹亿零壹仟, 壹佰零壹万.
  const rest = (low: number, fullFrom: number): string =>
    low === 0 ? '' : (low < fullFrom ? '零' : '') + capitalInteger(low)
  if (n >= 100_000_000) {
    return capitalInteger(Math.floor(n / 100_000_000)) + '亿' + rest(n % 100_000_000, 10_000_000)
  }
  if (n >= 10_000) {
    return capitalSection(Math.floor(n / 10_000)) + '万' + rest(n % 10_000, 1_000)
  }
  return capitalSection(n)
}

/**
 * 大写金额 for receipts, following 《支付结算办法》 conventions: 肆佰元整, 壹仟零壹元整,
 * 壹万陆仟肆佰零玖元零贰分, 肆佰元伍角整, 伍分.
 */
export function toChineseCapital(fen: Fen): string {
  assertFen(fen)
  const yuan = Math.floor(fen / 100)
  const jiao = Math.floor(fen / 10) % 10
  const cent = fen % 10
  if (fen === 0) return '零元整'
  let out = yuan > 0 ? capitalInteger(yuan) + '元' : ''
  if (jiao === 0 && cent === 0) return out + '整'
  if (jiao > 0) out += DIGITS[jiao] + '角'
  else if (yuan > 0) out += '零' // 元 then 分 with no 角: 拾元零贰分
  if (cent === 0) return out + '整' // ends at 角
  return out + DIGITS[cent] + '分'
}
