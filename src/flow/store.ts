/**
 * The payment flow's state in one place: the pure reducer's FlowState plus what the backend
 * said (payer, due items, the order). Pages subscribe; the payment controller changes it.
 */
import { FlowEvent, FlowState, flowReducer, initialFlowState } from '../domain/payFlow'
import type { DueItemsResponse, OrderSelection, OrderView, PayerView } from '../contract'
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

/** The journey so far as a reload finds it again (see ./snapshot.ts). */
export type JourneySnapshot = Pick<FlowSnapshot, 'payer' | 'due'> & {
  mode: 'self' | 'other'
  selection?: OrderSelection
}

function resumed(journey: JourneySnapshot): FlowSnapshot {
  return {
    flow: { ...initialFlowState, mode: journey.mode, payerRef: journey.payer?.payerRef, selection: journey.selection, lookup: { status: 'done' } },
    payer: journey.payer,
    due: journey.due,
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
    current = next
    changes.notify()
  }
  return {
    get: (): FlowSnapshot => current,
    dispatch(event: FlowEvent): FlowState {
      const flow = flowReducer(current.flow, event)
      if (flow !== current.flow) publish({ ...current, flow })
      return flow
    },
    patch(patch: Partial<Omit<FlowSnapshot, 'flow'>>): void {
      publish({ ...current, ...patch })
    },
    /** A fresh journey (本人缴费 / 代他人缴费) forgets the previous payer's data. */
    startJourney(mode: FlowState['mode']): void {
      publish({ flow: flowReducer(current.flow, { type: 'start', mode }) })
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
