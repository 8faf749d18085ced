/**
 * The contract suite's 全部缴纳 cases (one order for several people, one payment), run from
 * describeBackendContract so every subject answers them. Keep mock imports out of this file.
 */
import type { Backend, FamilyOrderItemRequest, FamilyOrderView, OrderView, ResidentDueYear } from '@/contract'
import { FAMILY_ORDER_MAX_PEOPLE } from '@/contract'
import { toChineseCapital } from '@/domain/money'
import { assertMasked, expectBackendError, newKey, type ContractFixtures, type ContractTiming, type PersonFixture, type Subject } from './contractSupport'

/** What a case reads from the running suite (set anew before each test). */
export interface FamilyContext {
  api(): Backend
  subject(): Subject
  fx(): ContractFixtures
  timing(): ContractTiming
  refOf(p: PersonFixture): Promise<string>
  firstYear(payerRef: string): Promise<ResidentDueYear>
  eventually(orderId: string, done: (o: OrderView) => boolean, withinMs: number): Promise<OrderView>
}

const isPaid = (o: { state: string }) => o.state === 'paid' || o.state === 'settled'
const sumFen = (orders: { amountFen: number }[]) => orders.reduce((total, o) => total + o.amountFen, 0)
const payableSum = (asked: { year: ResidentDueYear }[]) => asked.reduce((total, a) => total + a.year.payableFen, 0)

export function describeFamilyOrders(ctx: FamilyContext): void {
  describe('family orders (全部缴纳)', () => {
    /** Each person's first payable coverage year, as the items of one family order. */
    async function itemsFor(people: PersonFixture[]) {
      return Promise.all(
        people.map(async (p) => {
          const payerRef = await ctx.refOf(p)
          const year = await ctx.firstYear(payerRef)
          const item: FamilyOrderItemRequest = { payerRef, selection: { kind: 'resident', coverageYear: year.coverageYear } }
          return { person: p, payerRef, year, item }
        }),
      )
    }

    async function createFamily(people: PersonFixture[], key = newKey()) {
      const asked = await itemsFor(people)
      const family = await ctx.api().createFamilyOrder({ idempotencyKey: key, items: asked.map((a) => a.item) })
      return { asked, family, key }
    }

    async function eventuallyFamily(familyOrderId: string, done: (f: FamilyOrderView) => boolean, withinMs: number): Promise<FamilyOrderView> {
      let waited = 0
      for (;;) {
        const family = await ctx.api().queryFamilyOrder({ familyOrderId })
        if (done(family)) return family
        if (waited >= withinMs) throw new Error(`family order ${familyOrderId} still ${family.state} after ${withinMs} ms`)
        await ctx.subject().advance(ctx.timing().stepMs)
        waited += ctx.timing().stepMs
      }
    }

    async function payFamily(familyOrderId: string) {
      const started = await ctx.api().startFamilyPayment({ familyOrderId })
      await ctx.subject().payAttempt(started.attemptId, 'pay')
      const family = await eventuallyFamily(familyOrderId, (f) => f.state === 'paid', ctx.timing().lateConfirmWithinMs)
      return { started, family }
    }

    const itemOf = (family: FamilyOrderView, payerRef: string) => family.items.find((o) => o.payerRef === payerRef)!

    it('makes one order of N person orders: amount = the sum, each item priced as listed and answering queryOrder', async () => {
      const fx = ctx.fx()
      const { asked, family } = await createFamily([fx.selfDue, fx.otherDue, fx.subsidised])
      expect(family).toMatchObject({ state: 'pending', attempts: 0, moneyTaken: false, refundFen: 0 })
      expect(family.paidAt).toBeUndefined()
      expect(family.items.map((o) => o.payerRef)).toEqual(asked.map((a) => a.payerRef))
      for (const [i, item] of family.items.entries()) {
        expect(item).toMatchObject({ familyOrderId: family.familyOrderId, state: 'pending', kind: 'resident', amountFen: asked[i].year.payableFen, periodLabel: asked[i].year.label })
        assertMasked(item.payer.maskedIdNumber, asked[i].person.idNumber)
        expect(await ctx.api().queryOrder({ orderId: item.orderId })).toEqual(item)
      }
      expect(new Set(family.items.map((o) => o.orderId)).size).toBe(3)
      expect(family.amountFen).toBe(payableSum(asked))
      expect(await ctx.api().queryFamilyOrder({ familyOrderId: family.familyOrderId })).toEqual(family)
      await expectBackendError(ctx.api().queryFamilyOrder({ familyOrderId: 'FO_no_such_order' }), ['ORDER_NOT_FOUND'])
    })

    it('takes one attempt over the sum, and hands back the same attempt while it is open', async () => {
      const fx = ctx.fx()
      const { family } = await createFamily([fx.selfDue, fx.otherDue])
      const started = await ctx.api().startFamilyPayment({ familyOrderId: family.familyOrderId })
      expect(started.amountFen).toBe(family.amountFen)
      expect(started.payParams.package).toMatch(/^prepay_id=\S+$/)
      expect(started.payee.length).toBeGreaterThan(0)
      expect(started.familyOrder).toMatchObject({ familyOrderId: family.familyOrderId, state: 'paying', attempts: 1, amountFen: family.amountFen })
      expect(started.familyOrder.items.every((o) => o.state === 'paying')).toBe(true)
      const again = await ctx.api().startFamilyPayment({ familyOrderId: family.familyOrderId })
      expect(again.attemptId).toBe(started.attemptId)
      expect(again.familyOrder.attempts).toBe(1)
    })

    it('is idempotent on the key, also when the calls race; the same key with other items is refused', async () => {
      const fx = ctx.fx()
      const key = newKey()
      const { asked, family } = await createFamily([fx.selfDue, fx.otherDue], key)
      const request = { idempotencyKey: key, items: asked.map((a) => a.item) }
      expect((await ctx.api().createFamilyOrder(request)).familyOrderId).toBe(family.familyOrderId)
      const raced = await Promise.all(Array.from({ length: 4 }, () => ctx.api().createFamilyOrder(request)))
      expect(new Set(raced.map((f) => f.familyOrderId))).toEqual(new Set([family.familyOrderId]))
      await expectBackendError(ctx.api().createFamilyOrder({ idempotencyKey: key, items: [asked[0].item] }), ['INVALID_REQUEST'])
      const after = await ctx.api().queryFamilyOrder({ familyOrderId: family.familyOrderId })
      expect(after.items.map((o) => [o.orderId, o.state])).toEqual(family.items.map((o) => [o.orderId, 'pending']))

      const freshKey = newKey()
      const fresh = await Promise.all(Array.from({ length: 4 }, () => ctx.api().createFamilyOrder({ idempotencyKey: freshKey, items: [asked[1].item] })))
      expect(new Set(fresh.map((f) => f.familyOrderId)).size).toBe(1)
    })

    it('refuses a paid person-period with ALREADY_PAID naming the person, and changes nothing else', async () => {
      const fx = ctx.fx()
      const paidRef = await ctx.refOf(fx.alreadyPaid)
      const paid = (await ctx.api().listRecords({ payerRef: paidRef })).records.filter(isPaid).sort((a, b) => b.periodStart.localeCompare(a.periodStart))[0]
      const [self] = await itemsFor([fx.selfDue])
      const single = await ctx.api().createOrder({ idempotencyKey: newKey(), ...self.item })
      const items = [self.item, { payerRef: paidRef, selection: { kind: 'resident' as const, coverageYear: Number(paid.periodStart.slice(0, 4)) } }]
      const e = await expectBackendError(ctx.api().createFamilyOrder({ idempotencyKey: newKey(), items }), ['ALREADY_PAID'])
      expect(e.payerRef).toBe(paidRef)
      // A refused family order took nothing over: the single order is still there to pay.
      expect((await ctx.api().queryOrder({ orderId: single.orderId })).state).toBe('pending')
    })

    it('refuses a person being paid elsewhere right now with IN_OTHER_ORDER naming them', async () => {
      const fx = ctx.fx()
      const [self, other, subsidised] = await itemsFor([fx.selfDue, fx.otherDue, fx.subsidised])
      const single = await ctx.api().createOrder({ idempotencyKey: newKey(), ...other.item })
      await ctx.api().startPayment({ orderId: single.orderId })
      const e = await expectBackendError(ctx.api().createFamilyOrder({ idempotencyKey: newKey(), items: [self.item, other.item] }), ['IN_OTHER_ORDER'])
      expect(e.payerRef).toBe(other.payerRef)

      const first = await ctx.api().createFamilyOrder({ idempotencyKey: newKey(), items: [self.item, subsidised.item] })
      await ctx.api().startFamilyPayment({ familyOrderId: first.familyOrderId })
      const again = await expectBackendError(ctx.api().createFamilyOrder({ idempotencyKey: newKey(), items: [subsidised.item] }), ['IN_OTHER_ORDER'])
      expect(again.payerRef).toBe(subsidised.payerRef)
      // Nor does a single order slip in beside an item being paid.
      await expectBackendError(ctx.api().createOrder({ idempotencyKey: newKey(), ...self.item }), ['IN_OTHER_ORDER', 'ORDER_NOT_PAYABLE'])
    })

    it('takes an unpaid period over from an order without a running attempt, which can then no longer be paid', async () => {
      const fx = ctx.fx()
      const [self, other, subsidised] = await itemsFor([fx.selfDue, fx.otherDue, fx.subsidised])
      const single = await ctx.api().createOrder({ idempotencyKey: newKey(), ...self.item })
      const first = await ctx.api().createFamilyOrder({ idempotencyKey: newKey(), items: [self.item, other.item] })
      expect((await ctx.api().queryOrder({ orderId: single.orderId })).state).toBe('closed')
      await expectBackendError(ctx.api().startPayment({ orderId: single.orderId }), ['ORDER_NOT_PAYABLE'])

      const second = await ctx.api().createFamilyOrder({ idempotencyKey: newKey(), items: [subsidised.item, self.item] })
      expect((await ctx.api().queryOrder({ orderId: itemOf(first, self.payerRef).orderId })).state).toBe('closed')
      await payFamily(second.familyOrderId)
      const { records } = await ctx.api().listRecords({ payerRef: self.payerRef })
      expect(records.filter((r) => isPaid(r) && r.periodStart === itemOf(second, self.payerRef).periodStart)).toHaveLength(1)

      // A single order takes a period over from an unpaid family order just the same.
      const third = await ctx.api().createFamilyOrder({ idempotencyKey: newKey(), items: [other.item] })
      const alone = await ctx.api().createOrder({ idempotencyKey: newKey(), ...other.item })
      expect(alone.familyOrderId).toBeUndefined()
      expect((await ctx.api().queryOrder({ orderId: third.items[0].orderId })).state).toBe('closed')
      expect(isPaid(await payOrder(ctx, alone.orderId))).toBe(true)
    })

    it('pays once for everyone: one receipt per person with its own 电子税票号码, each item in the records', async () => {
      const fx = ctx.fx()
      const { asked, family } = await createFamily([fx.selfDue, fx.otherDue, fx.subsidised])
      const { started, family: paid } = await payFamily(family.familyOrderId)
      expect(paid).toMatchObject({ refundFen: 0, moneyTaken: false, attempts: 1 })
      expect(paid.paidAt).toBeDefined()
      const vouchers = new Set<string>()
      for (const item of paid.items) {
        expect(isPaid(item)).toBe(true)
        const receipt = await ctx.api().getReceipt({ orderId: item.orderId })
        expect(receipt).toMatchObject({ orderId: item.orderId, amountFen: item.amountFen, periodLabel: item.periodLabel, amountCapital: toChineseCapital(item.amountFen) })
        expect(receipt.taxVoucherNo).toMatch(/^\d{18,20}$/)
        vouchers.add(receipt.taxVoucherNo)
        const { records } = await ctx.api().listRecords({ payerRef: item.payerRef })
        expect(records.find((r) => r.orderId === item.orderId)).toMatchObject({ familyOrderId: family.familyOrderId })
      }
      expect(vouchers.size).toBe(3)
      expect(sumFen(paid.items)).toBe(started.amountFen)
      for (const a of asked) {
        await expectBackendError(ctx.api().createFamilyOrder({ idempotencyKey: newKey(), items: [a.item] }), ['ALREADY_PAID'])
        await expectBackendError(ctx.api().createOrder({ idempotencyKey: newKey(), ...a.item }), ['ALREADY_PAID'])
      }
      await expectBackendError(ctx.api().startFamilyPayment({ familyOrderId: family.familyOrderId }), ['ALREADY_PAID', 'ORDER_NOT_PAYABLE'])
    })

    it('refunds a refused booking’s item alone: 待冲正 → 已退款, the others paid, money taken = receipts + refunds', async () => {
      const fx = ctx.fx()
      const { asked, family } = await createFamily([fx.selfDue, fx.bookingRefused, fx.otherDue])
      const refusedRef = asked[1].payerRef
      const { started, family: paid } = await payFamily(family.familyOrderId)
      const refused = itemOf(paid, refusedRef)
      expect(['reversing', 'refunded']).toContain(refused.state)
      expect(refused.moneyTaken).toBe(true)
      expect(refused.failReason?.length ?? 0).toBeGreaterThan(0)
      expect(paid.refundFen).toBe(refused.amountFen)
      expect(paid.moneyTaken).toBe(false)
      const covered = paid.items.filter((o) => o.payerRef !== refusedRef)
      expect(covered.every(isPaid)).toBe(true)
      await expectBackendError(ctx.api().getReceipt({ orderId: refused.orderId }), ['ORDER_NOT_PAYABLE'])
      const receipts = await Promise.all(covered.map((o) => ctx.api().getReceipt({ orderId: o.orderId })))
      expect(sumFen(receipts) + paid.refundFen).toBe(started.amountFen)
      if (refused.state === 'reversing') {
        const e = await expectBackendError(ctx.api().createFamilyOrder({ idempotencyKey: newKey(), items: [asked[1].item] }), ['PAYMENT_LOCKED'])
        expect(e.payerRef).toBe(refusedRef)
      }

      const refunded = await ctx.eventually(refused.orderId, (o) => o.state === 'refunded', ctx.timing().refundWithinMs)
      expect(refunded.moneyTaken).toBe(true)
      const after = await ctx.api().queryFamilyOrder({ familyOrderId: family.familyOrderId })
      expect(after).toMatchObject({ state: 'paid', refundFen: refused.amountFen })
      expect(after.items.filter((o) => o.payerRef !== refusedRef).every(isPaid)).toBe(true)
    })

    it('shows a late result as paying first, then paid for everyone', async () => {
      const fx = ctx.fx()
      const { family } = await createFamily([fx.selfDue, fx.lateResult])
      const started = await ctx.api().startFamilyPayment({ familyOrderId: family.familyOrderId })
      await ctx.subject().payAttempt(started.attemptId, 'pay')
      expect((await ctx.api().queryFamilyOrder({ familyOrderId: family.familyOrderId })).state).toBe('paying')
      const paid = await eventuallyFamily(family.familyOrderId, (f) => f.state === 'paid', ctx.timing().lateConfirmWithinMs)
      expect(paid.items.every(isPaid)).toBe(true)
    })

    it(`takes at most ${FAMILY_ORDER_MAX_PEOPLE} people: a sixth, a person twice or no one is refused before the backend`, async () => {
      const fx = ctx.fx()
      const five = await itemsFor([fx.selfDue, fx.otherDue, fx.subsidised, fx.lateResult, fx.bookingRefused])
      const [sixth] = await itemsFor([fx.insufficientFunds])
      const refused = [[...five, sixth].map((a) => a.item), [five[0].item, five[0].item], []]
      for (const items of refused) {
        const before = ctx.subject().transportCalls?.()
        await expectBackendError(ctx.api().createFamilyOrder({ idempotencyKey: newKey(), items }), ['INVALID_REQUEST'])
        if (before !== undefined) expect(ctx.subject().transportCalls!()).toBe(before)
      }
      const family = await ctx.api().createFamilyOrder({ idempotencyKey: newKey(), items: five.map((a) => a.item) })
      expect(family.items).toHaveLength(FAMILY_ORDER_MAX_PEOPLE)
      expect(family.amountFen).toBe(payableSum(five))
    })

    it('pays an item only through its family order: startPayment and cashierReturned on it are ORDER_NOT_PAYABLE', async () => {
      const fx = ctx.fx()
      const { family } = await createFamily([fx.selfDue, fx.otherDue])
      const orderId = family.items[0].orderId
      await expectBackendError(ctx.api().startPayment({ orderId }), ['ORDER_NOT_PAYABLE'])
      await expectBackendError(ctx.api().cashierReturned({ orderId, result: 'cancel' }), ['ORDER_NOT_PAYABLE'])
      expect((await ctx.api().queryFamilyOrder({ familyOrderId: family.familyOrderId })).state).toBe('pending')
      await payFamily(family.familyOrderId)
      await expectBackendError(ctx.api().startPayment({ orderId }), ['ORDER_NOT_PAYABLE'])
    })

    it('keeps a cancelled family order payable: familyCashierReturned says pending, a new attempt then pays once', async () => {
      const fx = ctx.fx()
      const { family } = await createFamily([fx.selfDue, fx.otherDue])
      const first = await ctx.api().startFamilyPayment({ familyOrderId: family.familyOrderId })
      await ctx.subject().payAttempt(first.attemptId, 'cancel')
      const returned = await ctx.api().familyCashierReturned({ familyOrderId: family.familyOrderId, result: 'cancel' })
      expect(returned).toMatchObject({ state: 'pending', moneyTaken: false, attempts: 1 })
      expect(returned.items.every((o) => o.state === 'pending')).toBe(true)
      expect(await ctx.api().queryFamilyOrder({ familyOrderId: family.familyOrderId })).toEqual(returned)

      const second = await ctx.api().startFamilyPayment({ familyOrderId: family.familyOrderId })
      expect(second.attemptId).not.toBe(first.attemptId)
      expect(second.familyOrder.attempts).toBe(2)
      await ctx.subject().payAttempt(second.attemptId, 'pay')
      const paid = await eventuallyFamily(family.familyOrderId, (f) => f.state === 'paid', ctx.timing().lateConfirmWithinMs)
      await ctx.subject().payAttempt(first.attemptId, 'pay').catch(() => undefined)
      const late = await ctx.api().familyCashierReturned({ familyOrderId: family.familyOrderId, result: 'fail' })
      expect(late).toMatchObject({ state: 'paid', paidAt: paid.paidAt, attempts: 2 })
      for (const item of late.items) {
        const { records } = await ctx.api().listRecords({ payerRef: item.payerRef })
        expect(records.filter((r) => isPaid(r) && r.periodStart === item.periodStart)).toHaveLength(1)
      }
    })
  })
}

/** Pays one person's own order through the cashier (the single-person calls, unchanged). */
async function payOrder(ctx: FamilyContext, orderId: string): Promise<OrderView> {
  const started = await ctx.api().startPayment({ orderId })
  await ctx.subject().payAttempt(started.attemptId, 'pay')
  return ctx.eventually(orderId, isPaid, ctx.timing().lateConfirmWithinMs)
}
