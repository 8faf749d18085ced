/**
 * What a screen reader says for a payment on confirm and result: one sentence a person would say
 * ("为张*国缴纳2027年度城乡居民医保，400元"), instead of the table read cell by cell.
 */
import { isFen, type Fen } from './money'

/** 40000 → '400元', 40050 → '400元5角', 40005 → '400元零5分': how an amount is said, not '¥400.00'. */
export function spokenAmount(fen: Fen): string {
  if (!isFen(fen)) throw new RangeError(`not an amount in fen: ${String(fen)}`)
  const yuan = Math.floor(fen / 100)
  const jiao = Math.floor((fen % 100) / 10)
  const cents = fen % 10
  return `${yuan}元${jiao ? `${jiao}角` : cents ? '零' : ''}${cents ? `${cents}分` : ''}`
}

/** The insurance as people call it: 城乡居民基本医疗保险 → 城乡居民医保. */
export function spokenItem(itemName: string): string {
  return itemName.replace('基本医疗保险', '医保')
}

export interface SpokenPayment {
  maskedName: string
  periodLabel: string
  itemName: string
  amountFen: Fen
}

export function spokenPayment({ maskedName, periodLabel, itemName, amountFen }: SpokenPayment): string {
  return `为${maskedName}缴纳${periodLabel}${spokenItem(itemName)}，${spokenAmount(amountFen)}`
}
