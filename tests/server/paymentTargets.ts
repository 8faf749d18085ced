/**
 * What a model payment session (./paymentSessions) pays: one person's own order (代他人缴费), or a
 * family order (全部缴纳) over 2–3 of the session's people. Both answer the same few moves, so the
 * session plays its actions (start, WeChat Pay's sheet, cashierReturned, polls, a stale attempt)
 * on either; only creating one differs.
 */
import type { Backend, FamilyOrderView, OrderView } from '@/contract'
import type { OrderState } from '@/domain/orderState'
import type { PaymentBehaviour } from '@/services/mock/registry'
import { populationMember } from '../../server/src/tax/population'

export interface PersonSlot {
  index: number
  behaviour: PaymentBehaviour
  payerRef?: string
  /** The coverage year due when the person was first looked at: later orders ask for it again. */
  year?: number
  /** Every order the person is in (their own and family orders' items), for the books. */
  orderIds: string[]
}

/** An order (or family order) the session pays, and where it stands. */
export interface Target {
  /** The one the session's actions go to now. */
  current(): string | undefined
  /** A new one (or, with the same idempotency key, the same one again); undefined when refused. */
  create(sameKey: boolean): Promise<string | undefined>
  /** Its attempt, opened or handed back; undefined when refused. */
  start(id: string): Promise<string | undefined>
  query(id: string): Promise<OrderState>
  returned(id: string, result: 'cancel' | 'fail'): Promise<void>
  /** Whether the bank refuses the payment (someone in it has no money: the tax simulator's insufficient_funds). */
  declined(id: string): boolean
}

/** What the targets share with their session: the API, its checks, its refusals. */
export interface TargetContext {
  api: Backend
  /** A prefix for idempotency keys, unique to the session. */
  id: string
  /** The app never sees an order go back: every view read passes here. */
  seen: (order: Pick<OrderView, 'orderId' | 'state'>) => void
  /** A business refusal becomes undefined; anything else is thrown on. */
  refused: (error: unknown) => undefined
}

/** The person looked up (代他人缴费) and their due year, once. */
async function lookUp({ api, refused }: TargetContext, slot: PersonSlot): Promise<number | undefined> {
  slot.payerRef ??= (await api.lookupPayer({ mode: 'other', ...populationMember(slot.index) })).payerRef
  slot.year ??= (await api.listDueItems({ payerRef: slot.payerRef }).catch(refused))?.resident?.years[0]?.coverageYear
  return slot.year
}

const track = (ids: string[], id: string) => void (ids.includes(id) || ids.push(id))

export function personTarget(ctx: TargetContext, slot: PersonSlot): Target {
  const { api, seen, refused } = ctx
  const keys: string[] = []
  const own: string[] = []
  const viewed = <T extends { order: OrderView }>(answer: T | undefined) => (answer && seen(answer.order), answer)
  return {
    current: () => own.at(-1),
    async create(sameKey) {
      const year = await lookUp(ctx, slot)
      if (year === undefined) return undefined
      if (!sameKey || keys.length === 0) keys.push(`model_${ctx.id}_${slot.index}_${keys.length}`)
      const order = await api.createOrder({ idempotencyKey: keys.at(-1)!, payerRef: slot.payerRef!, selection: { kind: 'resident', coverageYear: year } }).catch(refused)
      if (!order) return undefined
      seen(order)
      track(own, order.orderId)
      track(slot.orderIds, order.orderId)
      return order.orderId
    },
    start: async (orderId) => viewed(await api.startPayment({ orderId }).catch(refused))?.attemptId,
    async query(orderId) {
      const order = await api.queryOrder({ orderId })
      seen(order)
      return order.state
    },
    returned: async (orderId, result) => seen(await api.cashierReturned({ orderId, result })),
    declined: () => slot.behaviour === 'insufficient_funds',
  }
}

/** The session's family order: over the members last chosen (all the session's people at first). */
export function familyTarget(ctx: TargetContext, slots: PersonSlot[]) {
  const { api, seen, refused } = ctx
  let members = slots.map((_, i) => i)
  const keys: { key: string; request: string }[] = []
  const ids: string[] = []
  const peopleOf = new Map<string, PersonSlot[]>()
  const viewed = (family: FamilyOrderView | undefined) => {
    if (!family) return family
    seen({ orderId: family.familyOrderId, state: family.state })
    for (const item of family.items) seen(item)
    return family
  }
  const target: Target = {
    current: () => ids.at(-1),
    async create(sameKey) {
      const people: PersonSlot[] = []
      for (const slot of members.map((i) => slots[i])) if ((await lookUp(ctx, slot)) !== undefined) people.push(slot)
      if (people.length === 0) return undefined
      const items = people.map((slot) => ({ payerRef: slot.payerRef!, selection: { kind: 'resident' as const, coverageYear: slot.year! } }))
      // The same key asks for the same items again (other items under it would be refused as a misuse).
      const request = JSON.stringify(items)
      if (!sameKey || keys.at(-1)?.request !== request) keys.push({ key: `family_${ctx.id}_${keys.length}`, request })
      const family = viewed(await api.createFamilyOrder({ idempotencyKey: keys.at(-1)!.key, items }).catch(refused))
      if (!family) return undefined
      track(ids, family.familyOrderId)
      peopleOf.set(family.familyOrderId, people)
      for (const [i, item] of family.items.entries()) track(people[i].orderIds, item.orderId)
      return family.familyOrderId
    },
    async start(familyOrderId) {
      const started = await api.startFamilyPayment({ familyOrderId }).catch(refused)
      viewed(started?.familyOrder)
      return started?.attemptId
    },
    query: async (familyOrderId) => viewed(await api.queryFamilyOrder({ familyOrderId }))!.state,
    returned: async (familyOrderId, result) => void viewed(await api.familyCashierReturned({ familyOrderId, result })),
    declined: (familyOrderId) => peopleOf.get(familyOrderId)!.some((slot) => slot.behaviour === 'insufficient_funds'),
  }
  return { target, choose: (chosen: number[]) => void (members = chosen) }
}
