import { Text, View } from '@tarojs/components'
import { type BoardRow, type BoardStatus, spokenBoardRow } from '../domain/familyBoard'
import type { BoardEntry } from '../view/familyBoard'
import { roleProps } from './a11yRole'
import Tappable from './Tappable'

/** The tag's colour: amber for what still needs doing, red for a failed query, green for done. */
const TAG: Partial<Record<BoardStatus, string>> = { unpaid: ' tag--paying', failed: ' tag--failed' }

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

export interface FamilyBoardProps {
  entries: BoardEntry[]
  /** The person whose journey is being opened (their lookup is running). */
  opening?: string
  onOpen: (key: string) => void
  onRetry: (key: string) => void
}

/** 全家缴费一览: one row per person; a row opens that person's payment, a failed one offers 重试. */
export default function FamilyBoard({ entries, opening, onOpen, onRetry }: FamilyBoardProps) {
  return (
    <View id="board">
      <Text className="section-title">全家缴费一览（点按去缴费）</Text>
      <View className="card">
        {entries.map(({ person, row }, index) => {
          const id = `board-row-${index}`
          if (!row) {
            return (
              <View key={person.key} id={id} className="board__row" {...roleProps('status')}>
                <RowText who={person.who} note="查询中…" />
              </View>
            )
          }
          if (row.status === 'failed') {
            return (
              <View key={person.key} id={id} className="board__row">
                <RowText who={person.who} row={row} />
                <Tappable id={`board-retry-${index}`} className="link" label={`重试查询${person.who}`} onTap={() => onRetry(person.key)}>
                  <Text>重试</Text>
                </Tappable>
              </View>
            )
          }
          return (
            <Tappable key={person.key} id={id} className="board__row" label={spokenBoardRow(person.who, row)} disabled={opening !== undefined} onTap={() => onOpen(person.key)}>
              <RowText who={person.who} row={row} note={opening === person.key ? '查询中…' : undefined} />
            </Tappable>
          )
        })}
      </View>
    </View>
  )
}
