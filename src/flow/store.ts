/**
 * The payment flow's state in one place: the pure reducer's FlowState plus what the backend
 * said (payer, due items, the order). Everything changes through dispatch(): each event carries
 * the backend's answer it came with, so one event is one change and one notification.
 */
import type { DueItemsResponse, OrderSelection, OrderView, PayerView } from '../contract'
import { FlowEvent, FlowState, flowReducer, initialFlowState } from '../domain/payFlow'
import type { JourneySnapshot } from '../storage/snapshot'
import { createChanges } from './changes'

export interface FlowSnapshot {
  flow: FlowState
  payer?: PayerView
  due?: DueItemsResponse
  /** The order being paid, always as the backend last reported it. */
  order?: OrderView
  /** A saved journey is being read back (its checks load with the adapter). */
  resuming?: true
}

type OrderEvent = Extract<FlowEvent, { type: 'order_created' | 'payment_started' | 'order_polled' }>

/** The reducer's events, with the answers that arrive with them. */
export type StoreEvent =
  | Exclude<FlowEvent, OrderEvent | { type: 'lookup_succeeded' }>
  | (Omit<OrderEvent, 'order'> & { order: OrderView })
  /** The payer found, their due items and the selection to start from, as one step. */
  | { type: 'lookup_succeeded'; payer: PayerView; due: DueItemsResponse; selection: OrderSelection | undefined }

function resumed(journey: JourneySnapshot): FlowSnapshot {
  return {
    flow: { ...initialFlowState, mode: journey.mode, payerRef: journey.payer?.payerRef, selection: journey.selection, lookup: { status: 'done' } },
    payer: journey.payer,
    due: journey.due,
  }
}

function reduce(current: FlowSnapshot, event: StoreEvent): FlowSnapshot {
  switch (event.type) {
    case 'start':
      // A fresh journey (本人缴费 / 代他人缴费) forgets the previous payer's data.
      return { flow: flowReducer(current.flow, event) }
    case 'lookup_started': {
      const flow = flowReducer(current.flow, event)
      return flow === current.flow ? current : { ...current, flow, payer: undefined, due: undefined, order: undefined }
    }
    case 'lookup_succeeded': {
      const found = flowReducer(current.flow, { type: 'lookup_succeeded', payerRef: event.payer.payerRef })
      const flow = flowReducer(found, { type: 'selected', selection: event.selection })
      return { ...current, flow, payer: event.payer, due: event.due }
    }
    case 'order_created':
    case 'payment_started':
    case 'order_polled':
      return { ...current, flow: flowReducer(current.flow, event), order: event.order }
    case 'restored': {
      const flow = flowReducer(current.flow, event)
      // The saved order may be someone else's than the journey on screen: never show one with the other.
      if (current.payer?.payerRef === event.payerRef) return { ...current, flow }
      return { ...current, flow, payer: undefined, due: undefined }
    }
    default: {
      const flow = flowReducer(current.flow, event)
      return flow === current.flow ? current : { ...current, flow }
    }
  }
}

/**
 * A store, optionally resuming a saved journey (a reload on the items or confirm page): given
 * at once, or 'resuming' when it is still being read and comes later through resume().
 */
export function createFlowStore(start?: JourneySnapshot | 'resuming') {
  let current: FlowSnapshot = start === 'resuming' ? { flow: initialFlowState, resuming: true } : start ? resumed(start) : { flow: initialFlowState }
  const changes = createChanges()
  const publish = (next: FlowSnapshot) => {
    if (next === current) return
    current = next
    changes.notify()
  }
  return {
    get: (): FlowSnapshot => current,
    dispatch(event: StoreEvent): FlowState {
      publish(reduce(current, event))
      return current.flow
    },
    /** A fresh journey (本人缴费 / 代他人缴费) forgets the previous payer's data. */
    startJourney(mode: FlowState['mode']): void {
      publish(reduce(current, { type: 'start', mode }))
    },
    /** The saved journey has been read (or was unreadable); ignored once the person has moved on. */
    resume(journey?: JourneySnapshot): void {
      if (!current.resuming) return
      publish(journey && current.flow === initialFlowState ? resumed(journey) : { ...current, resuming: undefined })
    },
    subscribe: changes.subscribe,
  }
}

export type FlowStore = ReturnType<typeof createFlowStore>
