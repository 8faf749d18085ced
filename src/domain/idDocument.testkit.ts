/** Shared by the idDocument tests: a fixed today, every type, the province codes and an independent check character. */
import { ID_DOC_TYPES, IdDocType, IdParseResult, parseIdDocument } from './idDocument'

export const TODAY = '2026-05-20'
export const ALL_TYPES: IdDocType[] = ID_DOC_TYPES.map((t) => t.type)
export const PROVINCES = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
]

/** Independent MOD 11-2, written from GB 11643's weight table, to cross-check idCheckChar. */
export function referenceCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = first17.split('').reduce((acc, c, i) => acc + Number(c) * weights[i], 0)
  return ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][sum % 11]
}

export function problemOf(r: IdParseResult): string {
  return r.ok ? 'ok' : r.problem
}

export function expectOk(type: IdDocType, raw: string, today = TODAY) {
  const r = parseIdDocument(type, raw, today)
  if (!r.ok) throw new Error(`expected ${type} ${raw} to parse, got ${r.problem}: ${r.message}`)
  return r.doc
}
