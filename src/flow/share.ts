/**
 * 请家人代缴: the share card's path, and opening a card into the ordinary 代他人缴费 journey so
 * the confirm page pays it like any other item. The card carries only the backend's opaque,
 * expiring token: never an ID number, a name or a payerRef.
 */
import type { FlowError, Selection } from '../domain/payFlow'
import { inShanghai } from '../domain/time'
import { SHARE_TOKEN_PATTERN, type Backend, type DueItemsResponse, type PayerView } from '../contract'
import { toFlowError } from './payment'
import { summarise, type SelectionSummary } from '../view/selection'
import { ROUTES } from '../routeTable'
import type { FlowStore } from './store'

/** The path a 请家人代缴 card opens: the token is URL-safe by contract, so it goes in as is. */
export function sharePath(token: string): string {
  if (!SHARE_TOKEN_PATTERN.test(token)) throw new Error('not a share token')
  return `${ROUTES.share}?t=${token}`
}

/** 有效期至 2026年11月24日 10:00 (Beijing time, as everything on screen). */
export function formatShareExpiry(expiresAt: number): string {
  return inShanghai(expiresAt).format('YYYY年M月D日 HH:mm')
}

export type SharedItemResult =
  | {
      ok: true
      payer: PayerView
      due: DueItemsResponse
      selection: Selection
      summary: SelectionSummary
      expiresAt: number
    }
  | { ok: false; error: FlowError }

const INVALID: FlowError = { code: 'SHARE_INVALID', message: '缴费链接无效或不完整' }

export interface ShareDeps {
  backend: Pick<Backend, 'openShareToken'>
  store: FlowStore
}

/**
 * Opens the item a card points at and, when it can be paid, makes it the current journey:
 * 代他人缴费 with the shared payer, their due items and the shared period selected. Nothing in
 * the store changes when it cannot.
 */
export async function openSharedItem(token: string | undefined, { backend, store }: ShareDeps): Promise<SharedItemResult> {
  const t = typeof token === 'string' ? token.trim() : ''
  if (!SHARE_TOKEN_PATTERN.test(t)) return { ok: false, error: INVALID }
  let opened: Awaited<ReturnType<Backend['openShareToken']>>
  try {
    opened = await backend.openShareToken({ token: t })
  } catch (error) {
    const flowError = toFlowError(error)
    return { ok: false, error: flowError.code === 'INVALID_REQUEST' ? INVALID : flowError }
  }
  const { payer, due, expiresAt } = opened
  const selection = opened.selection as Selection
  const summary = summarise(due, selection)
  // The backend promised the shared period is among the payable ones; if not, the link is no good.
  if (!summary || due.payer.payerRef !== payer.payerRef) return { ok: false, error: INVALID }
  store.startJourney('other')
  store.dispatch({ type: 'lookup_succeeded', payer, due, selection })
  return { ok: true, payer, due, selection, summary, expiresAt }
}
