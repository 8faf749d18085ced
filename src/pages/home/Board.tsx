/**
 * Home's family board for returning users. Loaded on its own (home imports it lazily, and in the
 * weapp it sits in the packages/backend subpackage with the adapter), so none of it weighs on the
 * main package; home shows everything else while it loads.
 */
import { useDidShow } from '@tarojs/taro'
import { useMemo, useState } from 'react'
import ErrorPanel from '../../components/ErrorPanel'
import FamilyBoard from '../../components/FamilyBoard'
import { familyPayers, flowStore, payment } from '../../flow'
import { go } from '../../routes'
import { appClock, backend } from '../../services'
import { adviceFor, type Advice } from '../../view/advice'
import { type BoardEntry, boardPeople, familyPayQuery, useFamilyBoard } from '../../view/familyBoard'
import FamilyPendingCard from './FamilyPendingCard'

/** What 全部缴纳 would pay: every unpaid row with an amount, offered when there are two or more. */
function unpaidTogether(entries: readonly BoardEntry[]): { count: number; totalFen: number } | undefined {
  const unpaid = entries.filter((e) => e.row?.status === 'unpaid' && e.row.selection && (e.row.amountFen ?? 0) > 0)
  if (unpaid.length < 2) return undefined
  return { count: unpaid.length, totalFen: unpaid.reduce((sum, e) => sum + (e.row?.amountFen ?? 0), 0) }
}

export default function Board() {
  const [family, setFamily] = useState(() => familyPayers.list())
  // Back on home (paid, or someone added): everyone is asked again; rows keep showing meanwhile.
  useDidShow(() => setFamily(familyPayers.list()))
  const people = useMemo(() => boardPeople(family), [family])
  const { entries, retry } = useFamilyBoard(people, backend, appClock)
  const [opening, setOpening] = useState<string>()
  const [failure, setFailure] = useState<{ key: string; advice: Advice }>()

  // The same journey as 本人缴费 or a saved family member's 去缴费: looked up, then the items page.
  const open = async (key: string) => {
    const person = people.find((p) => p.key === key)
    if (!person) return
    setFailure(undefined)
    setOpening(key)
    flowStore.startJourney(person.lookup.mode === 'self' ? 'self' : 'other')
    const found = await payment.lookup(person.lookup)
    setOpening(undefined)
    if (found.ok) {
      if (person.lookup.mode === 'ref') familyPayers.refresh(found.payer)
      go('items')
    } else if (found.error) {
      setFailure({ key, advice: adviceFor(found.error.code, found.error.message) })
    }
  }

  const together = unpaidTogether(entries)
  const payAll = familyPayQuery(people)
  return (
    <>
      <FamilyPendingCard payAll={payAll} />
      <FamilyBoard
        entries={entries}
        opening={opening}
        onOpen={(key) => void open(key)}
        onRetry={retry}
        payAll={together}
        // Everyone on the board: the confirm page asks again and shows who is left out, and why.
        onPayAll={() => go('familyPay', payAll)}
      />
      {failure ? <ErrorPanel id="board-error" advice={failure.advice} onRetry={() => void open(failure.key)} /> : null}
    </>
  )
}
