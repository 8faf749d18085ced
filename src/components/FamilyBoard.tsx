import { Text, View } from '@tarojs/components'
import { type BoardRow, type BoardStatus, spokenBoardRow } from '../domain/familyBoard'
import { formatFen } from '../domain/money'
import type { BoardEntry } from '../view/familyBoard'
import { roleProps } from './a11yRole'
import ActionButton from './ActionButton'
import Tappable from './Tappable'

/** The tag's colour: amber for what still needs doing, red for a failed query, green for done. */
const TAG: Partial<Record<BoardStatus, string>> = { unpaid: ' tag--paying', paying: ' tag--paying', failed: ' tag--failed' }

function RowText({ who, row, note }: { who: string; row?: BoardRow; note?: string }) {
  return (
    <View>
      <View className="board__head">
        <Text className="board__who">{who}</Text>
        {row ? <Text className={`tag${TAG[row.status] ?? ''}`}>{row.label}</Text> : null}
      </View>
      {row ? <Text className="cell__note">{row.detail}</Text> : null}
      {row?.deadline ? <Text className="cell__note em">{row.deadline}</Text> : null}
      {note ? <Text className="cell__note">{note}</Text> : null}
    </View>
  )
}

interface BoardRowProps {
  index: number
  who: string
  row?: BoardRow
  /** Some row's journey is being opened: no second one meanwhile. */
  busy: boolean
  /** This row's. */
  opening: boolean
  onOpen: () => void
  onRetry: () => void
}

function BoardRowView({ index, who, row, busy, opening, onOpen, onRetry }: BoardRowProps) {
  const id = `board-row-${index}`
  if (!row) {
    return (
      <View id={id} className="board__row" {...roleProps('status')}>
        <RowText who={who} note="查询中…" />
      </View>
    )
  }
  if (row.status === 'failed') {
    return (
      <View id={id} className="board__row">
        <RowText who={who} row={row} />
        <Tappable id={`board-retry-${index}`} className="link" label={`重试查询${who}`} onTap={onRetry}>
          <Text>重试</Text>
        </Tappable>
      </View>
    )
  }
  return (
    <Tappable id={id} className="board__row" label={spokenBoardRow(who, row)} disabled={busy} onTap={onOpen}>
      <RowText who={who} row={row} note={opening ? '查询中…' : undefined} />
    </Tappable>
  )
}

export interface FamilyBoardProps {
  entries: BoardEntry[]
  /** The person whose journey is being opened (their lookup is running). */
  opening?: string
  onOpen: (key: string) => void
  onRetry: (key: string) => void
  /** 全部缴纳: the unpaid people together, offered when there are two or more. */
  payAll?: { count: number; totalFen: number }
  onPayAll: () => void
}

/** 全家缴费一览: one row per person; a row opens that person's payment, a failed one offers 重试. */
export default function FamilyBoard({ entries, opening, onOpen, onRetry, payAll, onPayAll }: FamilyBoardProps) {
  return (
    <View id="board">
      <Text className="section-title">全家缴费一览（点按去缴费）</Text>
      <View className="card">
        {/* Each row in a slot of its own: a row changing kind (查询中 → 查询失败 → a tappable row)
            updates its slot, not the whole list. */}
        {entries.map(({ person, row }, index) => (
          <View key={person.key}>
            <BoardRowView index={index} who={person.who} row={row} busy={opening !== undefined} opening={opening === person.key} onOpen={() => onOpen(person.key)} onRetry={() => onRetry(person.key)} />
          </View>
        ))}
      </View>
      {/* A fixed slot: the button arriving with the last row updates this node only. */}
      <View className="actions">
        {payAll ? (
          <ActionButton id="board-pay-all" label={`全部缴纳（${payAll.count}人，${formatFen(payAll.totalFen)}）`} disabled={opening !== undefined} onTap={onPayAll} />
        ) : null}
      </View>
    </View>
  )
}
