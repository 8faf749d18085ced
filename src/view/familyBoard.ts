/**
 * The family board's data: each person looked up on their own (lookupPayer, then listDueItems and
 * listRecords), so a slow or failed answer for one never holds up or hides another's row.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { BackendError, type Backend, type DueItemsResponse, type LookupPayerRequest, type PayerView } from '../contract'
import { type Answer, type BoardRow, answeredRow, boardRow, lookupFailed } from '../domain/familyBoard'
import { findRegion } from '../domain/regions'
import { shanghaiDate } from '../domain/time'
import { relationLabel, type FamilyPayer } from '../storage/familyPayers'

export interface BoardPerson {
  /** Stable per person: 'self' or the saved payerRef. */
  key: string
  /** How the row names them, e.g. 本人 张*国 / 父母 李*英. */
  who: string
  lookup: LookupPayerRequest
}

export type BoardEntry = { person: BoardPerson; row?: BoardRow }

/** 本人 first, then each saved family member, as the board lists them. */
export function boardPeople(family: readonly FamilyPayer[]): BoardPerson[] {
  return [
    { key: 'self', who: '本人', lookup: { mode: 'self' } },
    ...family.map((f) => ({ key: f.payerRef, who: `${relationLabel(f.relation)} ${f.maskedName}`, lookup: { mode: 'ref' as const, payerRef: f.payerRef } })),
  ]
}

/** 全部缴纳's confirm page for these people: their keys ('self' or a payerRef, never a name or number), '.' apart, URL-safe as they are. */
export const familyPayQuery = (people: readonly BoardPerson[]): Record<string, string> => ({ p: people.map((p) => p.key).join('.') })

/** A person's row and, when the lookup got through, the answers it came from (全部缴纳 orders from them). */
export interface Standing {
  row: BoardRow
  payer?: PayerView
  due?: DueItemsResponse
}

async function answerOf<T>(call: Promise<T>): Promise<Answer<T>> {
  try {
    return { ok: true, data: await call }
  } catch (error) {
    return error instanceof BackendError ? { ok: false, code: error.code, message: error.message } : { ok: false, code: 'NETWORK', message: '' }
  }
}

/** One person's standing, from their own three calls; never throws. */
export async function loadStanding(backend: Backend, lookup: LookupPayerRequest, now: number): Promise<Standing> {
  const today = shanghaiDate(now)
  const payer = await answerOf(backend.lookupPayer(lookup))
  if (!payer.ok) return { row: answeredRow(payer.code, payer.message) }
  const province = findRegion(payer.data.region.code)?.province
  if (!province) return { row: lookupFailed() }
  const { payerRef } = payer.data
  const [due, records] = await Promise.all([answerOf(backend.listDueItems({ payerRef })), answerOf(backend.listRecords({ payerRef }))])
  if (!records.ok) return { row: lookupFailed() }
  return { row: boardRow({ today, province, due, records: records.data.records }), payer: payer.data, due: due.ok ? due.data : undefined }
}

/** One person's row; never throws. */
export async function loadBoardRow(backend: Backend, lookup: LookupPayerRequest, now: number): Promise<BoardRow> {
  return (await loadStanding(backend, lookup, now)).row
}

/**
 * The rows for `people`, each filled in as its answers arrive; `reload()` asks again for
 * everyone (back on home), `retry(key)` for one. An answer to an earlier ask is dropped.
 */
export function useFamilyBoard(people: readonly BoardPerson[], backend: Backend, clock: () => number) {
  const [rows, setRows] = useState<Record<string, BoardRow | undefined>>({})
  const asked = useRef<Record<string, number>>({})
  const waiting = useRef(new Set<string>())
  // Read when asking, so a clock passed inline does not make every render ask everyone again.
  const now = useRef(clock)
  now.current = clock
  const alive = useRef(true)
  useEffect(
    () => () => {
      alive.current = false
    },
    [],
  )

  const ask = useCallback(
    (person: BoardPerson, keepShown: boolean) => {
      // Asked again while the answer is on its way (home shown twice): that answer will do.
      if (keepShown && waiting.current.has(person.key)) return
      waiting.current.add(person.key)
      const mine = (asked.current[person.key] ?? 0) + 1
      asked.current[person.key] = mine
      // Asked again on the way back to home, a row keeps what it showed until the new answer.
      if (!keepShown) setRows((current) => ({ ...current, [person.key]: undefined }))
      void loadBoardRow(backend, person.lookup, now.current()).then((row) => {
        if (asked.current[person.key] === mine) waiting.current.delete(person.key)
        if (alive.current && asked.current[person.key] === mine) setRows((current) => ({ ...current, [person.key]: row }))
      })
    },
    [backend],
  )

  const reload = useCallback(() => people.forEach((person) => ask(person, true)), [people, ask])
  useEffect(reload, [reload])

  const retry = useCallback(
    (key: string) => {
      const person = people.find((p) => p.key === key)
      if (person) ask(person, false)
    },
    [people, ask],
  )

  const entries: BoardEntry[] = people.map((person) => ({ person, row: rows[person.key] }))
  return { entries, reload, retry }
}
