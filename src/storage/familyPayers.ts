/**
 * 常用缴费人: family members saved on this device so 代他人缴费 is one tap the next time.
 *
 * An entry is made only from what the backend's lookup returned (a PayerView): its opaque
 * payerRef and the masked name and number. The typed ID number is never an input here, so it
 * cannot be saved; a masked number that still shows a long run of characters is masked again
 * before it is written. Stored data that does not match the entry's shape is set aside (digit
 * runs masked) and the list starts empty, never a crash.
 */
import { maskIdNumber } from '../domain/mask'
import { ID_TYPES, OPAQUE_REF_PATTERN, type PayerView } from '../contract'
import type { KeyValueStore } from '../services/storage'

export const FAMILY_KEY = 'yibao.family.v1'
/** Where unreadable data goes (for a look later), so it is not silently overwritten. */
export const FAMILY_CORRUPT_KEY = `${FAMILY_KEY}.corrupt`
export const FAMILY_LIMIT = 10

export const RELATION_CODES = ['parent', 'spouse', 'child', 'other'] as const
export type Relation = (typeof RELATION_CODES)[number]

export const RELATIONS: ReadonlyArray<{ code: Relation; label: string }> = [
  { code: 'parent', label: '父母' },
  { code: 'spouse', label: '配偶' },
  { code: 'child', label: '子女' },
  { code: 'other', label: '其他' },
]

export function relationLabel(code: Relation): string {
  return RELATIONS.find((r) => r.code === code)?.label ?? '其他'
}

export const FAMILY_MESSAGES = {
  limit: `最多保存${FAMILY_LIMIT}位常用缴费人，请先删除不常用的`,
  self: '这是您本人，请使用“本人缴费”，无需添加为常用缴费人',
  invalid: '缴费人信息有误，请重新查询后再添加',
} as const

/** A mask shows at most 6 characters in a row (the area code); a longer run is not masked. */
const UNMASKED_RUN = /[0-9A-Za-z]{7,}/
const UNMASKED_RUNS = /[0-9A-Za-z]{7,}/g

export function looksMasked(value: string): boolean {
  return value.includes('*') && !UNMASKED_RUN.test(value)
}

function safeMaskedId(value: string): string {
  return looksMasked(value) ? value : maskIdNumber(value.replace(/\*/g, ''))
}

export interface FamilyPayer {
  payerRef: string
  maskedName: string
  maskedIdNumber: string
  idType: PayerView['idType']
  regionName: string
  relation: Relation
  addedAt: number
}

const textWithin = (value: unknown, min: number, max: number): value is string =>
  typeof value === 'string' && value.length >= min && value.length <= max

/** The entry as it must be (only its own fields, each within bounds and masked), or undefined. */
function checkedEntry(value: unknown): FamilyPayer | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { payerRef, maskedName, maskedIdNumber, idType, regionName, relation, addedAt } = value as Record<string, unknown>
  const valid =
    typeof payerRef === 'string' &&
    OPAQUE_REF_PATTERN.test(payerRef) &&
    textWithin(maskedName, 1, 60) &&
    !UNMASKED_RUN.test(maskedName) &&
    textWithin(maskedIdNumber, 0, 40) &&
    looksMasked(maskedIdNumber) &&
    ID_TYPES.includes(idType as FamilyPayer['idType']) &&
    textWithin(regionName, 0, 200) &&
    RELATION_CODES.includes(relation as Relation) &&
    Number.isSafeInteger(addedAt) &&
    (addedAt as number) >= 0
  return valid ? { payerRef, maskedName, maskedIdNumber, idType: idType as FamilyPayer['idType'], regionName, relation: relation as Relation, addedAt: addedAt as number } : undefined
}

export type AddFamilyResult =
  | { ok: true; entry: FamilyPayer; list: FamilyPayer[]; /** The person was saved already: relation and display refreshed. */ updated: boolean }
  | { ok: false; reason: 'limit' | 'self' | 'invalid'; message: string }

/** Only the backend's masked display and opaque reference, whatever else the view carries. */
function entryFrom(payer: PayerView, relation: Relation, addedAt: number): FamilyPayer {
  return {
    payerRef: payer.payerRef,
    maskedName: payer.maskedName.replace(UNMASKED_RUNS, (run) => maskIdNumber(run)),
    maskedIdNumber: safeMaskedId(payer.maskedIdNumber),
    idType: payer.idType,
    regionName: payer.region.name,
    relation,
    addedAt,
  }
}

export function createFamilyPayers(storage: KeyValueStore, clock: () => number = Date.now) {
  function setAside(raw: string): void {
    // Kept for a look later, but never with a number in it that could be a full ID.
    storage.setItem(FAMILY_CORRUPT_KEY, raw.slice(0, 4000).replace(UNMASKED_RUNS, (run) => maskIdNumber(run)))
    storage.removeItem(FAMILY_KEY)
  }

  function load(): FamilyPayer[] {
    const raw = storage.getItem(FAMILY_KEY)
    if (!raw) return []
    let entries: Array<FamilyPayer | undefined> | undefined
    try {
      const data: unknown = JSON.parse(raw)
      if (Array.isArray(data)) entries = data.map(checkedEntry)
    } catch {
      // Unreadable: set aside below.
    }
    if (!entries || entries.some((e) => !e)) {
      setAside(raw)
      return []
    }
    // Written by us, so already unique and within the cap; an older or edited copy is tidied.
    const seen = new Set<string>()
    return (entries as FamilyPayer[]).filter((e) => !seen.has(e.payerRef) && seen.add(e.payerRef)).slice(0, FAMILY_LIMIT)
  }

  function save(list: FamilyPayer[]): void {
    storage.setItem(FAMILY_KEY, JSON.stringify(list))
  }

  return {
    /** Saved family members, oldest first (so a row keeps its place). */
    list(): FamilyPayer[] {
      return load()
    },

    /** Saves a person the backend has just verified; again for the same person updates the relation. */
    add(payer: PayerView, relation: Relation): AddFamilyResult {
      if (payer.isSelf) return { ok: false, reason: 'self', message: FAMILY_MESSAGES.self }
      if (!RELATION_CODES.includes(relation)) return { ok: false, reason: 'invalid', message: FAMILY_MESSAGES.invalid }
      const list = load()
      const index = list.findIndex((e) => e.payerRef === payer.payerRef)
      if (index < 0 && list.length >= FAMILY_LIMIT) return { ok: false, reason: 'limit', message: FAMILY_MESSAGES.limit }
      const entry = entryFrom(payer, relation, index < 0 ? clock() : list[index].addedAt)
      if (!checkedEntry(entry)) return { ok: false, reason: 'invalid', message: FAMILY_MESSAGES.invalid }
      const next = index < 0 ? [...list, entry] : list.map((e, i) => (i === index ? entry : e))
      save(next)
      return { ok: true, entry, list: next, updated: index >= 0 }
    },

    /** A fresh lookup of a saved person: keeps the masked display (e.g. 参保地) current. */
    refresh(payer: PayerView): FamilyPayer[] {
      const list = load()
      const index = list.findIndex((e) => e.payerRef === payer.payerRef)
      if (index < 0 || payer.isSelf) return list
      const entry = entryFrom(payer, list[index].relation, list[index].addedAt)
      if (!checkedEntry(entry) || JSON.stringify(entry) === JSON.stringify(list[index])) return list
      const next = list.map((e, i) => (i === index ? entry : e))
      save(next)
      return next
    },

    remove(payerRef: string): FamilyPayer[] {
      const list = load()
      const next = list.filter((e) => e.payerRef !== payerRef)
      if (next.length !== list.length) save(next)
      return next
    },

    isFull(): boolean {
      return load().length >= FAMILY_LIMIT
    },
  }
}

export type FamilyPayers = ReturnType<typeof createFamilyPayers>
