/**
 * 全家缴费一览: each person's standing for the coverage year now payable, from what the backend
 * answered for them (lookupPayer, listDueItems, listRecords), and what missing the collection
 * window would cost. Pure: "today" is passed in; one person's answers never touch another's row.
 */
import type { DueItemsResponse, ErrorCode, OrderSelection, OrderView, ResidentDueYear } from '../contract'
import { residentCoverStart } from './coverage'
import { FULLY_FUNDED_MESSAGE, isFullyFunded } from './fullyFunded'
import { formatFen } from './money'
import { isPaidState } from './orderState'
import { daysLeftInWindow, openResidentWindow } from './periods'
import type { ProvinceCode } from './regions'
import { spokenAmount } from './spoken'
import { type IsoDate, addDays, formatChineseDate } from './time'

export type BoardStatus = 'paid' | 'settled' | 'unpaid' | 'paying' | 'funded' | 'employee' | 'no_due' | 'failed'

export const BOARD_STATUS_LABEL: Record<BoardStatus, string> = {
  paid: '已缴费',
  settled: '已入库',
  unpaid: '未缴',
  paying: '支付中',
  funded: '无需个人缴费',
  employee: '已参加职工医保',
  no_due: '无应缴信息',
  failed: '查询失败',
}

/** A call's answer as the board keeps it: the data, or the error's code and message. */
export type Answer<T> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string }

export interface BoardRow {
  status: BoardStatus
  label: string
  /** What the row says under the name: the amount and period, the funding, the cover date, the reason. */
  detail: string
  /** Unpaid in a window: the days left and what paying after it costs. */
  deadline?: string
  amountFen?: number
  coverageYear?: number
  /** Unpaid: what paying the row's amount orders (the quoted year; every due month at the default 档次). */
  selection?: OrderSelection
}

/** Errors that say something about the person (shown as such), not that the query failed. */
const ANSWERS_ABOUT_PERSON: readonly ErrorCode[] = ['NOT_REGISTERED', 'NOTHING_DUE', 'POLICY_NOT_PUBLISHED', 'WINDOW_CLOSED']

/** The coverage year people talk about today in a province: the one whose window is open, else this year. */
export function boardYear(today: IsoDate, province: ProvinceCode): number {
  return openResidentWindow(today, province)?.coverageYear ?? Number(today.slice(0, 4))
}

/** The days left in the window, and when cover would start for someone paying the day after it closes. */
export function windowDeadline(today: IsoDate, province: ProvinceCode, year: ResidentDueYear): string {
  const left = daysLeftInWindow(today, { end: year.windowEnd })
  const late = residentCoverStart({
    paymentDate: addDays(year.windowEnd, 1),
    coverageYear: year.coverageYear,
    province,
    history: { continuousYears: 1, breakYears: 0 },
  })
  return `缴费期还剩${left}天；${formatChineseDate(year.windowEnd)}后缴费，需等待${late.waitingMonths}个月才能享受待遇`
}

const row = (status: BoardStatus, detail: string, extra: Partial<BoardRow> = {}): BoardRow => ({ status, label: BOARD_STATUS_LABEL[status], detail, ...extra })

function paidRow(order: OrderView): BoardRow {
  return row(order.state === 'settled' ? 'settled' : 'paid', `${order.periodLabel} · 医保待遇自${formatChineseDate(order.coverStart)}起享受`, {
    amountFen: order.amountFen,
  })
}

function residentRow(today: IsoDate, province: ProvinceCode, years: ResidentDueYear[], yearNow: number): BoardRow {
  const quote = years.find((y) => y.coverageYear === yearNow) ?? years[0]
  const extra = { coverageYear: quote.coverageYear }
  if (isFullyFunded(quote)) return row('funded', `${quote.label} · ${FULLY_FUNDED_MESSAGE}`, extra)
  const amount = { ...extra, amountFen: quote.payableFen, selection: { kind: 'resident' as const, coverageYear: quote.coverageYear } }
  const detail = `${quote.label} · 应缴${formatFen(quote.payableFen)}`
  // Missing the window costs a wait only to someone who would otherwise be covered from 1 January.
  if (quote.inWindow && quote.coverReason === 'in_window') return row('unpaid', detail, { ...amount, deadline: windowDeadline(today, province, quote) })
  return row('unpaid', `${detail} · ${formatChineseDate(quote.coverStart)}起享受待遇`, amount)
}

/**
 * One person's row. `records` are theirs (listRecords by payerRef); a paid order for the board
 * year wins over what listDueItems says, since the due list lags behind a fresh payment.
 */
export function boardRow(input: {
  today: IsoDate
  province: ProvinceCode
  due: Answer<DueItemsResponse>
  records: readonly OrderView[]
}): BoardRow {
  const { today, province, due, records } = input
  const yearNow = boardYear(today, province)
  const ofBoardPeriod = records
    .filter((r) => (r.kind === 'flexible' ? r.periodStart <= today && today <= r.periodEnd : r.periodStart.startsWith(String(yearNow))))
    .sort((a, b) => b.createdAt - a.createdAt)
  const paid = ofBoardPeriod.find((r) => isPaidState(r.state))
  if (paid) return paidRow(paid)
  // An attempt running (another payment, another 全部缴纳): shown as such, never paid beside it.
  const paying = ofBoardPeriod.find((r) => r.state === 'paying')
  if (paying) return row('paying', `${paying.periodLabel} · ${formatFen(paying.amountFen)}正在另一笔订单中支付，请稍后查看结果`, { amountFen: paying.amountFen })
  if (!due.ok) return answeredRow(due.code, due.message, yearNow)
  const { resident, flexible } = due.data
  if (resident && resident.years.length > 0) return residentRow(today, province, resident.years, yearNow)
  if (flexible && flexible.months.length > 0) {
    const tier = flexible.tiers.find((t) => t.code === flexible.defaultTierCode) ?? flexible.tiers[0]
    const amountFen = tier.monthlyFen * flexible.months.length
    const selection = { kind: 'flexible' as const, months: flexible.months.map((m) => m.month), tierCode: tier.code }
    return row('unpaid', `灵活就业 · ${flexible.months.length}个月 · 按${tier.label}应缴${formatFen(amountFen)}`, { amountFen, selection })
  }
  return row('no_due', '暂无应缴信息')
}

/** The person's lookup did not get through: said so on their row, with 重试 beside it. */
export function lookupFailed(): BoardRow {
  return row('failed', '暂时无法查询，请稍后重试')
}

/** A call that answered with an error: about the person (employee cover, nothing due) or a failed query. */
export function answeredRow(code: ErrorCode, message: string, yearNow?: number): BoardRow {
  if (code === 'EMPLOYEE_COVERED') return row('employee', '由单位缴纳职工医保，无需缴纳居民医保')
  if (code === 'ALREADY_PAID') return row('paid', `${yearNow ? `${yearNow}年度` : '本期'}已缴费`)
  if (ANSWERS_ABOUT_PERSON.includes(code)) return row('no_due', message)
  return lookupFailed()
}

/** What a screen reader says for the row: who, then the standing, amounts in words (“120元”). */
export function spokenBoardRow(who: string, r: BoardRow): string {
  const detail = r.amountFen === undefined ? r.detail : r.detail.replace(formatFen(r.amountFen), spokenAmount(r.amountFen))
  return [who, r.label, ...detail.split(' · '), r.deadline].filter(Boolean).join('，')
}
