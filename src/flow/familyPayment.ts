/**
 * 全部缴纳's payment: one family order under a client key, one attempt at a time through the
 * cashier, then the backend asked until the payment settles (paid, failed, back to pending after
 * a cancel, or still unknown). The key is kept for as long as the same people and periods are
 * confirmed, so a repeated tap or a retry after a lost answer finds the same order, never a
 * second one. The key and the people are saved on the device before the order is made, so a
 * reload or a closed app finds the same payment again (restore). Dependencies are injected so
 * tier-1 tests drive it against the mock.
 */
import { BackendError, isRetryable, type Backend, type ErrorCode, type FamilyOrderItemRequest, type FamilyOrderView, type PayResult } from '../contract'
import type { CashierStart } from '../services/adapter'
import { familyOrderEnded, type FamilyPending, type FamilyPendingStore, type FoundFamilyPending } from '../storage/familyPending'
import { newIdempotencyKey } from '../storage/pendingOrder'
import { createChanges } from './changes'
import { POLL_DELAYS_MS, retried } from './payment'

export interface FamilyPayError {
  code: ErrorCode
  message: string
  /** The person the refusal is about (IN_OTHER_ORDER, ALREADY_PAID, PAYMENT_LOCKED). */
  payerRef?: string
}

export type FamilyOutcome = 'paid' | 'cancelled' | 'failed' | 'unconfirmed'

export type FamilyPayState =
  | { step: 'idle' }
  | { step: 'creating' | 'starting' | 'cashier' | 'checking'; order?: FamilyOrderView }
  | { step: 'done'; outcome: FamilyOutcome; order: FamilyOrderView }
  | { step: 'error'; error: FamilyPayError; order?: FamilyOrderView }

export interface FamilyPaymentDeps {
  backend: Backend
  pending: FamilyPendingStore
  pay: (start: CashierStart) => Promise<PayResult>
  clock: () => number
  sleep: (ms: number) => Promise<void>
  pollDelaysMs?: readonly number[]
}

function toError(error: unknown): FamilyPayError {
  if (error instanceof BackendError) return { code: error.code, message: error.message, payerRef: error.payerRef }
  return { code: 'SERVER', message: '服务繁忙，请稍后重试' }
}

/** The payment's state as an outcome, or undefined while it is still being decided. */
function outcomeOf(order: FamilyOrderView): FamilyOutcome | undefined {
  switch (order.state) {
    case 'paid':
    case 'settled':
      return 'paid'
    case 'pending':
      return 'cancelled'
    case 'failed':
    case 'closed':
      return 'failed'
    default:
      return undefined
  }
}

/** The same people and periods, however their fields are ordered (a saved record comes back through its schema). */
const itemsKey = (items: readonly FamilyOrderItemRequest[]) =>
  JSON.stringify(items.map(({ payerRef, selection: s }) => [payerRef, s.kind === 'resident' ? s.coverageYear : [s.months, s.tierCode]]))

export function createFamilyPayment(deps: FamilyPaymentDeps) {
  const { backend, pending, sleep } = deps
  const pollDelays = deps.pollDelaysMs ?? POLL_DELAYS_MS
  let state: FamilyPayState = { step: 'idle' }
  /** The people and periods last confirmed, their key, and the order it made, if it did: what the device keeps. */
  let confirmed: FamilyPending | undefined
  const changes = createChanges()
  const set = (next: FamilyPayState) => {
    state = next
    changes.notify()
  }
  const busy = () => state.step === 'creating' || state.step === 'starting' || state.step === 'cashier' || state.step === 'checking'

  async function cashier(start: CashierStart): Promise<PayResult> {
    try {
      return await deps.pay(start)
    } catch (error) {
      // Whatever went wrong at the cashier, the order's state decides; we only note it.
      return { outcome: 'fail', errMsg: String((error as { errMsg?: string })?.errMsg ?? error) }
    }
  }

  /** Asks until the payment settles. Right after a WeChat cashier came back unpaid, the backend first closes that attempt. */
  async function settle(order: FamilyOrderView, unpaid?: 'cancel' | 'fail'): Promise<void> {
    const { familyOrderId } = order
    let last = order
    for (const [i, delay] of [0, ...pollDelays].entries()) {
      if (delay > 0) await sleep(delay)
      try {
        last =
          i === 0 && unpaid
            ? await backend.familyCashierReturned({ familyOrderId, result: unpaid }).catch(() => backend.queryFamilyOrder({ familyOrderId }))
            : await backend.queryFamilyOrder({ familyOrderId })
      } catch {
        // One failed check changes nothing about the order; the next one may get through.
        continue
      }
      const outcome = outcomeOf(last)
      if (familyOrderEnded(last)) pending.clear()
      if (outcome) return set({ step: 'done', outcome, order: last })
      set({ step: 'checking', order: last })
    }
    set({ step: 'done', outcome: 'unconfirmed', order: last })
  }

  async function payOrder(known: FamilyOrderView | undefined, items: readonly FamilyOrderItemRequest[], key: string): Promise<void> {
    let order = known
    try {
      if (!order) {
        set({ step: 'creating' })
        order = await retried(() => backend.createFamilyOrder({ idempotencyKey: key, items: [...items] }), sleep)
        if (confirmed?.key === key) {
          confirmed = { ...confirmed, familyOrderId: order.familyOrderId }
          pending.save(confirmed)
        }
      }
      set({ step: 'starting', order })
      const start = await retried(() => backend.startFamilyPayment({ familyOrderId: order!.familyOrderId }), sleep)
      set({ step: 'cashier', order: start.familyOrder })
      const result = await cashier(start)
      set({ step: 'checking', order: start.familyOrder })
      // WeChat Pay tells the backend nothing when its sheet comes back unpaid (a demo cashier does).
      await settle(start.familyOrder, start.cashier === 'wechat' && result.outcome !== 'ok' ? result.outcome : undefined)
    } catch (error) {
      // Refused before any order was made (someone in another order, say): nothing to find again.
      if (!order && !isRetryable(error)) pending.clear()
      set({ step: 'error', error: toError(error), order })
    }
  }

  return {
    get: (): FamilyPayState => state,
    subscribe: changes.subscribe,

    /**
     * 确认缴费 (and 继续支付 / 重新支付): pays for `items`, reusing the order these same items made
     * when it can still be paid; false when a payment is already running.
     */
    pay(items: readonly FamilyOrderItemRequest[]): false | Promise<void> {
      if (busy() || items.length === 0) return false
      const fresh = (): FamilyPending => ({ key: newIdempotencyKey(deps.clock()), items: [...items] })
      if (!confirmed || itemsKey(confirmed.items) !== itemsKey(items)) confirmed = fresh()
      const order = state.step !== 'idle' && state.order?.familyOrderId === confirmed.familyOrderId ? state.order : undefined
      // A closed order cannot be paid again: the same people start over under a new key.
      if (order?.state === 'closed') confirmed = fresh()
      // Saved before the order is made: a reload from here on finds this key, never a second order.
      pending.save(confirmed)
      return payOrder(order?.state === 'closed' ? undefined : order, items, confirmed.key)
    },

    /** A new visit to the confirm page: forgets the last payment unless one is running. */
    reset(): void {
      if (busy()) return
      confirmed = undefined
      if (state.step !== 'idle') set({ step: 'idle' })
    },

    /**
     * After a reload or a restart (the confirm page opened again): the payment this device saved,
     * its order as the backend has it now. A cancelled or failed one is shown to be continued on the
     * same order; the same people confirmed again use the same key. Never opens the cashier.
     */
    async restore(): Promise<FoundFamilyPending | undefined> {
      if (busy()) return undefined
      const found = await pending.find(backend)
      // A payment started meanwhile wins.
      if (busy()) return undefined
      confirmed = found?.saved
      const order = found?.order
      const outcome = order && order.attempts > 0 ? outcomeOf(order) : undefined
      if (order && outcome) set({ step: 'done', outcome, order })
      return found
    },

    /** 刷新 on 结果确认中. */
    refresh(): false | Promise<void> {
      if (state.step !== 'done' || state.outcome !== 'unconfirmed') return false
      set({ step: 'checking', order: state.order })
      return settle(state.order)
    },
  }
}

export type FamilyPayment = ReturnType<typeof createFamilyPayment>
