/**
 * 全部缴纳's people: each board person's standing looked up again on its own, then either an
 * item of the order (unpaid, with what to order and what it costs) or left out with the reason.
 */
import type { Backend } from '../contract'
import type { FamilyItem, LeftOut } from '../domain/familyPay'
import { type BoardPerson, loadStanding, type Standing } from './familyBoard'
import { summarise } from './selection'

export function familyCandidate(person: BoardPerson, { row, payer, due }: Standing): FamilyItem | LeftOut {
  const summary = due && summarise(due, row.selection)
  if (row.status !== 'unpaid' || !row.selection || !payer || !due || !summary) {
    return { key: person.key, who: person.who, reason: row.status === 'paying' ? '正在另一笔订单中支付' : row.label }
  }
  return {
    key: person.key,
    who: person.who,
    payerRef: payer.payerRef,
    maskedName: payer.maskedName,
    maskedIdNumber: payer.maskedIdNumber,
    isSelf: payer.isSelf,
    itemName: due.itemName,
    periodLabel: summary.periodLabel,
    amountFen: summary.totalFen,
    selection: row.selection,
  }
}

export const isFamilyItem = (c: FamilyItem | LeftOut): c is FamilyItem => 'payerRef' in c

/** Everyone's candidacy, each asked on their own and all at once. */
export async function loadFamilyCandidates(backend: Backend, people: readonly BoardPerson[], now: number): Promise<{ items: FamilyItem[]; leftOut: LeftOut[] }> {
  const all = await Promise.all(people.map(async (p) => familyCandidate(p, await loadStanding(backend, p.lookup, now))))
  return { items: all.filter(isFamilyItem), leftOut: all.filter((c): c is LeftOut => !isFamilyItem(c)) }
}
