/**
 * Runs the payment session the reducer describes: create the order under a saved idempotency
 * key, start an attempt, hand it to the cashier, then ask the backend (the only authority) until
 * the order settles. Dependencies are injected so tier-1 tests drive it against the mock.
 */
import type { FlowError, PaymentSession } from '../domain/payFlow'
import { BackendError, isRetryable, type Backend, type LookupPayerRequest, type PayerView, type StartPaymentResponse } from '../contract'
import type { CashierReturnedRequest, OrderView, PayResult } from '../contract'
import type { createPendingOrderStore } from '../storage/pendingOrder'
import { newIdempotencyKey } from '../storage/pendingOrder'
import { defaultSelection } from '../view/selection'
import type { FlowStore } from './store'

/** Back-off between order checks after the cashier returns: about a minute in all. */
export const POLL_DELAYS_MS = [1000, 2000, 3000, 5000, 8000, 13000, 13000, 15000]
const CREATE_RETRY_DELAYS_MS = [500, 1500]

export interface PaymentDeps {
  backend: Backend
  store: FlowStore
  pending: ReturnType<typeof createPendingOrderStore>
  pay: (start: StartPaymentResponse) => Promise<PayResult>
  clock: () => number
  sleep: (ms: number) => Promise<void>
  pollDelaysMs?: readonly number[]
}

/** No error: the lookup was dropped (another one is running, or the person has moved on). */
export type LookupResult = { ok: true; payer: PayerView } | { ok: false; error?: FlowError }

export function toFlowError(error: unknown): FlowError {
  if (error instanceof BackendError) return { code: error.code, message: error.message, orderId: error.orderId }
  return { code: 'SERVER', message: '服务繁忙，请稍后重试' }
}

/** The same call again after a network failure: safe because its key makes it idempotent. */
export async function retried<T>(call: () => Promise<T>, sleep: (ms: number) => Promise<void>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await call()
    } catch (error) {
      if (!isRetryable(error) || i >= CREATE_RETRY_DELAYS_MS.length) throw error
      await sleep(CREATE_RETRY_DELAYS_MS[i])
    }
  }
}

export function createPaymentController(deps: PaymentDeps) {
  const { backend, store, pending, clock, sleep } = deps
  const pollDelays = deps.pollDelaysMs ?? POLL_DELAYS_MS
  /** Bumped by every new polling loop so an older loop stops at its next step. */
  let pollGeneration = 0
  let polling = false

  const withRetries = <T>(call: () => Promise<T>) => retried(call, sleep)

  /** Bumped by every lookup, so only the latest one's answer is shown. */
  let lookupGeneration = 0

  async function lookup(request: LookupPayerRequest): Promise<LookupResult> {
    if (store.get().flow.lookup.status === 'loading') return { ok: false }
    const generation = ++lookupGeneration
    store.dispatch({ type: 'lookup_started' })
    // A late answer to a lookup the person has since left (a new journey, another lookup) is dropped.
    const stillWaiting = () => generation === lookupGeneration && store.get().flow.lookup.status === 'loading'
    try {
      const payer = await backend.lookupPayer(request)
      if (!stillWaiting()) return { ok: false }
      const due = await backend.listDueItems({ payerRef: payer.payerRef })
      if (!stillWaiting()) return { ok: false }
      store.dispatch({ type: 'lookup_succeeded', payer, due, selection: defaultSelection(due) })
      return { ok: true, payer }
    } catch (error) {
      if (!stillWaiting()) return { ok: false }
      const flowError = toFlowError(error)
      store.dispatch({ type: 'lookup_failed', error: flowError })
      return { ok: false, error: flowError }
    }
  }

  function savePending(): void {
    const { flow } = store.get()
    const session = flow.payment
    if (session.step === 'idle' || !flow.payerRef || !flow.selection) return
    pending.save({ key: session.key, payerRef: flow.payerRef, selection: flow.selection, orderId: session.orderId })
  }

  async function pay(start: StartPaymentResponse): Promise<PayResult> {
    try {
      return await deps.pay(start)
    } catch (error) {
      // Whatever went wrong at the cashier, the order's state decides; we only note it.
      return { outcome: 'fail', errMsg: String((error as { errMsg?: string })?.errMsg ?? error) }
    }
  }

  /** The session a drive started for is still the one on screen, at the step it expects. */
  function stillCurrent(key: string, step: PaymentSession['step']): boolean {
    const session = store.get().flow.payment
    return session.step !== 'idle' && session.step === step && session.key === key
  }

  /**
   * Carries the session from creating/starting through the cashier to checking. After every wait
   * it checks the session is still the current one: a person who left (a new journey, a restore)
   * must never get an old order in the new session or a cashier for a session they left.
   */
  async function drive(): Promise<void> {
    const { flow } = store.get()
    const session = flow.payment
    if (session.step !== 'creating' && session.step !== 'starting') return
    const { key } = session
    const { payerRef, selection } = flow
    let unpaid: CashierReturnedRequest['result'] | undefined
    try {
      let orderId = session.step === 'starting' ? session.orderId : undefined
      if (session.step === 'creating') {
        const order = await withRetries(() => backend.createOrder({ idempotencyKey: key, payerRef: payerRef!, selection: selection! }))
        if (!stillCurrent(key, 'creating')) return
        store.dispatch({ type: 'order_created', order })
        savePending()
        orderId = order.orderId
      }
      const start = await withRetries(() => backend.startPayment({ orderId: orderId! }))
      if (!stillCurrent(key, 'starting')) return
      store.dispatch({ type: 'payment_started', order: start.order })
      const result = await pay(start)
      if (!stillCurrent(key, 'cashier')) return
      store.dispatch({ type: 'cashier_returned', outcome: result.outcome })
      // WeChat Pay tells the backend nothing when its sheet comes back unpaid (a demo cashier does).
      if (start.cashier === 'wechat' && result.outcome !== 'ok') unpaid = result.outcome
    } catch (error) {
      if (stillCurrent(key, 'creating') || stillCurrent(key, 'starting')) store.dispatch({ type: 'request_failed', error: toFlowError(error) })
      return
    }
    await pollUntilSettled(unpaid)
  }

  /**
   * The order as the backend has it. Right after a WeChat cashier came back unpaid, the backend is
   * first asked to close that attempt; if that ask fails, a plain read takes its place.
   */
  function readOrder(orderId: string, unpaid?: CashierReturnedRequest['result']): Promise<OrderView> {
    if (!unpaid) return backend.queryOrder({ orderId })
    return backend.cashierReturned({ orderId, result: unpaid }).catch(() => backend.queryOrder({ orderId }))
  }

  async function pollUntilSettled(unpaid?: CashierReturnedRequest['result']): Promise<void> {
    const generation = ++pollGeneration
    polling = true
    try {
      for (const [i, delay] of [0, ...pollDelays].entries()) {
        if (delay > 0) await sleep(delay)
        const session = store.get().flow.payment
        if (generation !== pollGeneration || session.step !== 'checking') return
        try {
          const order = await readOrder(session.orderId, i === 0 ? unpaid : undefined)
          if (generation !== pollGeneration) return
          const next = store.dispatch({ type: 'order_polled', order }).payment
          if (next.step === 'done') {
            if (next.outcome === 'success' || next.outcome === 'failed') pending.clear()
            return
          }
        } catch {
          // One failed check changes nothing about the order; the next one may get through.
        }
      }
      store.dispatch({ type: 'polls_exhausted' })
    } finally {
      if (generation === pollGeneration) polling = false
    }
  }

  return {
    lookup,

    /**
     * 确认缴费 (and 继续支付 after a cancel): the payment it started, running until it settles, or
     * false when the tap started nothing (a second tap while a payment runs, nothing selected).
     */
    confirm(): false | Promise<void> {
      const before = store.get().flow.payment
      const after = store.dispatch({ type: 'confirm_tapped', newKey: newIdempotencyKey(clock()) }).payment
      if (after === before || after.step !== 'creating') return false
      savePending()
      return drive()
    },

    /** 重新支付 after a failed attempt: the same order, a new attempt. */
    async retry(): Promise<void> {
      const before = store.get().flow.payment
      const after = store.dispatch({ type: 'retry_tapped' }).payment
      if (after === before) return
      savePending()
      await drive()
    },

    /** 刷新 on 结果确认中, and every time the pay page is shown again. */
    async refresh(): Promise<void> {
      const session = store.get().flow.payment
      if (session.step === 'checking' && !polling) return pollUntilSettled()
      if (store.dispatch({ type: 'refresh_tapped' }).payment !== session) await pollUntilSettled()
    },

    /** After a reload or a restart: find the saved order and settle it, never opening the cashier. */
    async restore(): Promise<boolean> {
      if (store.get().flow.payment.step !== 'idle') return false
      // Unreadable for now (the checks could not load): it stays saved for the next try.
      const saved = await pending.load().catch(() => undefined)
      // Whatever happened while it was read (a tap, another restore) wins.
      if (!saved || store.get().flow.payment.step !== 'idle') return false
      let orderId = saved.orderId
      if (!orderId) {
        try {
          const order = await withRetries(() =>
            backend.createOrder({ idempotencyKey: saved.key, payerRef: saved.payerRef, selection: saved.selection }),
          )
          orderId = order.orderId
        } catch (error) {
          const known = toFlowError(error).orderId
          if (!known) return false
          orderId = known
        }
        pending.save({ ...saved, orderId })
      }
      // The store drops a payer on screen who is not the saved order's (the pay page shows the order
      // itself; a confirm page without them sends the person home).
      store.dispatch({ type: 'restored', key: saved.key, orderId, payerRef: saved.payerRef, selection: saved.selection })
      await pollUntilSettled()
      return true
    },
  }
}

export type PaymentController = ReturnType<typeof createPaymentController>
