/**
 * The backend contract as a caller sees it. Any backend (the embedded mock today, a real adapter
 * later) runs through `describeBackendContract` unchanged: it names its people by role, says how
 * to move time along and how to finish a payment at the cashier, and nothing here knows how it
 * works inside. Keep mock imports out of this file.
 */
import { BackendError, type Backend, type Method, type OrderView, SHARE_TOKEN_PATTERN } from '@/contract'
import { sharePath } from '@/flow/share'
import { toChineseCapital } from '@/domain/money'
import { idCheckChar } from '@/domain/idDocument'
import { assertMasked, CAPITAL_DIGITS, DEFAULT_TIMING, expectBackendError, newKey, type ContractFixtures, type ContractTiming, type PersonFixture, type Subject } from './contractSupport'

import { describeFamilyOrders } from './familyOrderContract'

export * from './contractSupport'

/** Wraps a backend so every answer and every error it gives can be checked afterwards. */
function watched(backend: Backend, seen: string[]): Backend {
  const out = {} as Record<Method, (request: unknown) => Promise<unknown>>
  for (const method of Object.keys(backend) as Method[]) {
    out[method] = async (request: unknown) => {
      try {
        const response = await (backend[method] as (r: unknown) => Promise<unknown>)(request)
        seen.push(JSON.stringify(response))
        return response
      } catch (error) {
        if (error instanceof BackendError) seen.push(JSON.stringify({ code: error.code, message: error.message, orderId: error.orderId }))
        throw error
      }
    }
  }
  return out as Backend
}

/** Every number a response calls *Fen must be whole, non-negative fen. */
function assertFenFields(value: unknown, path = '$'): void {
  if (Array.isArray(value)) return value.forEach((v, i) => assertFenFields(v, `${path}[${i}]`))
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (/Fen$/.test(k) && !(Number.isSafeInteger(v) && (v as number) >= 0)) throw new Error(`${path}.${k} is not integer fen: ${String(v)}`)
      assertFenFields(v, `${path}.${k}`)
    }
  }
}

export function describeBackendContract(name: string, makeSubject: () => Promise<Subject> | Subject): void {
  describe(`backend contract: ${name}`, () => {
    let subject: Subject
    let api: Backend
    let fx: ContractFixtures
    let timing: ContractTiming
    let seen: string[]

    beforeEach(async () => {
      subject = await makeSubject()
      fx = subject.fixtures
      timing = { ...DEFAULT_TIMING, ...subject.timing }
      seen = []
      api = watched(subject.backend, seen)
    })

    afterEach(() => {
      // Privacy and money, over everything this test was told: a full ID number or a full name
      // never comes back, and every amount is whole fen.
      const people = Object.values(fx)
      for (const text of seen) {
        for (const p of people) {
          if (text.includes(p.idNumber)) throw new Error(`a response carried the full ID number of ${p.name}: ${text}`)
          if (Array.from(p.name).length >= 2 && text.includes(p.name)) throw new Error(`a response carried the full name ${p.name}: ${text}`)
        }
        assertFenFields(JSON.parse(text))
      }
    })

    // ---- helpers ------------------------------------------------------------------------------

    const lookup = (p: PersonFixture) => api.lookupPayer({ mode: 'other', name: p.name, idType: p.idType, idNumber: p.idNumber })

    const refOf = async (p: PersonFixture) => (p === fx.selfDue ? (await api.lookupPayer({ mode: 'self' })).payerRef : (await lookup(p)).payerRef)

    async function firstYear(payerRef: string) {
      const due = await api.listDueItems({ payerRef })
      const years = due.resident?.years ?? []
      expect(years.length).toBeGreaterThan(0)
      return years.find((y) => y.inWindow) ?? years[0]
    }

    async function createResident(p: PersonFixture, key = newKey()) {
      const payerRef = await refOf(p)
      const year = await firstYear(payerRef)
      const order = await api.createOrder({ idempotencyKey: key, payerRef, selection: { kind: 'resident', coverageYear: year.coverageYear } })
      return { payerRef, year, order, key }
    }

    /** Polls the order, moving time on between polls, until `done` holds or `withinMs` has passed. */
    async function eventually(orderId: string, done: (o: OrderView) => boolean, withinMs: number): Promise<OrderView> {
      let waited = 0
      for (;;) {
        const order = await api.queryOrder({ orderId })
        if (done(order)) return order
        if (waited >= withinMs) throw new Error(`order ${orderId} still ${order.state} after ${withinMs} ms`)
        await subject.advance(timing.stepMs)
        waited += timing.stepMs
      }
    }

    const isPaid = (o: OrderView) => o.state === 'paid' || o.state === 'settled'

    async function payOrder(orderId: string): Promise<OrderView> {
      const started = await api.startPayment({ orderId })
      await subject.payAttempt(started.attemptId, 'pay')
      return eventually(orderId, isPaid, timing.lateConfirmWithinMs)
    }

    // ---- payer lookup -------------------------------------------------------------------------

    describe('payer lookup', () => {
      it('looks up the logged-in user with a masked name and ID, and finds them again by ref', async () => {
        const self = await api.lookupPayer({ mode: 'self' })
        expect(self.isSelf).toBe(true)
        assertMasked(self.maskedName, fx.selfDue.name)
        assertMasked(self.maskedIdNumber, fx.selfDue.idNumber)
        expect(self.idType).toBe(fx.selfDue.idType)
        expect(self.payerRef).not.toContain(fx.selfDue.idNumber.slice(-8))
        expect(self.region.taxAuthority.length).toBeGreaterThan(0)
        const again = await api.lookupPayer({ mode: 'ref', payerRef: self.payerRef })
        expect(again).toEqual(self)
      })

      it('looks up someone else by name and ID: masked, not self, stable ref', async () => {
        const other = await lookup(fx.otherDue)
        expect(other.isSelf).toBe(false)
        assertMasked(other.maskedName, fx.otherDue.name)
        assertMasked(other.maskedIdNumber, fx.otherDue.idNumber)
        expect(other.idType).toBe(fx.otherDue.idType)
        expect((await lookup(fx.otherDue)).payerRef).toBe(other.payerRef)
        expect(other.payerRef).not.toBe((await api.lookupPayer({ mode: 'self' })).payerRef)
      })

      it('refuses a name that does not belong to the ID number', async () => {
        const wrongName = fx.selfDue.name !== fx.otherDue.name ? fx.selfDue.name : `${fx.otherDue.name}明`
        await expectBackendError(api.lookupPayer({ mode: 'other', name: wrongName, idType: fx.otherDue.idType, idNumber: fx.otherDue.idNumber }), ['NAME_MISMATCH'])
      })

      it('reports a person without enrolment as NOT_REGISTERED', async () => {
        await expectBackendError(lookup(fx.unregistered), ['NOT_REGISTERED'])
      })

      it('reports a valid ID number nobody holds as NOT_REGISTERED', async () => {
        const first17 = '11010119900307' + '957'
        const unknown = first17 + idCheckChar(first17)
        await expectBackendError(api.lookupPayer({ mode: 'other', name: '测试人', idType: 'resident_id', idNumber: unknown }), ['NOT_REGISTERED'])
      })

      it('reports someone in employee cover as EMPLOYEE_COVERED', async () => {
        await expectBackendError(lookup(fx.employee), ['EMPLOYEE_COVERED'])
      })

      it('rejects an ID number with a wrong check digit as a typed error', async () => {
        const id = fx.otherDue.idNumber
        const last = id.slice(-1)
        const broken = id.slice(0, -1) + (last === '0' ? '1' : '0')
        await expectBackendError(lookup({ ...fx.otherDue, idNumber: broken }), ['INVALID_REQUEST', 'NOT_REGISTERED'])
      })

      it('rejects an unknown payer ref', async () => {
        await expectBackendError(api.lookupPayer({ mode: 'ref', payerRef: 'pr_nobody_here' }), ['NOT_REGISTERED', 'INVALID_REQUEST'])
        await expectBackendError(api.listDueItems({ payerRef: 'pr_nobody_here' }), ['NOT_REGISTERED', 'INVALID_REQUEST'])
      })
    })

    // ---- due items ----------------------------------------------------------------------------

    describe('due items', () => {
      it('lists payable resident years with whole-fen amounts: payable = standard − subsidy', async () => {
        const payerRef = await refOf(fx.selfDue)
        const due = await api.listDueItems({ payerRef })
        expect(due.payer.payerRef).toBe(payerRef)
        expect(due.openOrderId).toBeUndefined()
        expect(due.flexible).toBeUndefined()
        const years = due.resident!.years
        expect(years.length).toBeGreaterThan(0)
        for (const y of years) {
          expect(Number.isInteger(y.payableFen) && y.payableFen > 0).toBe(true)
          expect(y.payableFen).toBe(y.standardFen - y.subsidyFen)
          expect(y.windowStart <= y.windowEnd).toBe(true)
          expect(y.label).toContain(String(y.coverageYear))
        }
      })

      it('shows a subsidised person the subsidy and a reduced amount', async () => {
        const payer = await lookup(fx.subsidised)
        expect(payer.subsidyLabel?.length ?? 0).toBeGreaterThan(0)
        const year = await firstYear(payer.payerRef)
        expect(year.subsidyFen).toBeGreaterThan(0)
        expect(year.payableFen).toBe(year.standardFen - year.subsidyFen)
        expect(year.payableFen).toBeLessThan(year.standardFen)
      })

      it('has nothing payable for an already-paid person, and will not take the paid year again', async () => {
        const payerRef = await refOf(fx.alreadyPaid)
        let years: number[] = []
        try {
          const due = await api.listDueItems({ payerRef })
          years = (due.resident?.years ?? []).map((y) => y.coverageYear)
        } catch (error) {
          const e = await expectBackendError(Promise.reject(error), ['ALREADY_PAID'])
          if (e.orderId) expect(isPaid(await api.queryOrder({ orderId: e.orderId }))).toBe(true)
        }
        const { records } = await api.listRecords({ payerRef })
        const paid = records.filter(isPaid).filter((r) => r.kind === 'resident').sort((a, b) => b.periodStart.localeCompare(a.periodStart))
        expect(paid.length).toBeGreaterThan(0)
        const latestYear = Number(paid[0].periodStart.slice(0, 4))
        expect(years).not.toContain(latestYear)
        await expectBackendError(
          api.createOrder({ idempotencyKey: newKey(), payerRef, selection: { kind: 'resident', coverageYear: latestYear } }),
          ['ALREADY_PAID'],
        )
      })

      it('lists a flexible worker’s unpaid months and base tiers', async () => {
        const payerRef = await refOf(fx.flexible)
        const due = await api.listDueItems({ payerRef })
        expect(due.resident).toBeUndefined()
        const flex = due.flexible!
        expect(flex.months.length).toBeGreaterThanOrEqual(2)
        const months = flex.months.map((m) => m.month)
        expect([...months].sort()).toEqual(months)
        expect(new Set(months).size).toBe(months.length)
        expect(flex.tiers.length).toBeGreaterThan(0)
        for (const t of flex.tiers) expect(t.monthlyFen).toBeGreaterThan(0)
        expect(flex.tiers.map((t) => t.code)).toContain(flex.defaultTierCode)
      })
    })

    // ---- orders -------------------------------------------------------------------------------

    describe('orders', () => {
      it('creates an order whose amount is the one the backend listed, and reports it as open', async () => {
        const { payerRef, year, order } = await createResident(fx.selfDue)
        expect(order.state).toBe('pending')
        expect(order.kind).toBe('resident')
        expect(order.payerRef).toBe(payerRef)
        expect(order.amountFen).toBe(year.payableFen)
        expect(order.subsidyFen).toBe(year.subsidyFen)
        expect(order.periodLabel).toBe(year.label)
        expect(order.periodStart.startsWith(String(year.coverageYear))).toBe(true)
        expect(order.attempts).toBe(0)
        expect(order.moneyTaken).toBe(false)
        expect(order.paidAt).toBeUndefined()
        assertMasked(order.payer.maskedIdNumber, fx.selfDue.idNumber)
        expect((await api.queryOrder({ orderId: order.orderId })).orderId).toBe(order.orderId)
        expect((await api.listDueItems({ payerRef })).openOrderId).toBe(order.orderId)
      })

      it('charges a subsidised person only their share', async () => {
        const { year, order } = await createResident(fx.subsidised)
        expect(order.amountFen).toBe(year.payableFen)
        expect(order.subsidyFen).toBe(year.subsidyFen)
        expect(order.subsidyFen).toBeGreaterThan(0)
        const started = await api.startPayment({ orderId: order.orderId })
        expect(started.amountFen).toBe(year.payableFen)
      })

      it('returns the same order for the same idempotency key, also when the calls race', async () => {
        const payerRef = await refOf(fx.selfDue)
        const year = await firstYear(payerRef)
        const key = newKey()
        const request = { idempotencyKey: key, payerRef, selection: { kind: 'resident' as const, coverageYear: year.coverageYear } }
        const first = await api.createOrder(request)
        const again = await api.createOrder(request)
        expect(again.orderId).toBe(first.orderId)
        const raced = await Promise.all(Array.from({ length: 5 }, () => api.createOrder(request)))
        expect(new Set(raced.map((o) => o.orderId))).toEqual(new Set([first.orderId]))

        const racedKey = newKey()
        const other = await refOf(fx.otherDue)
        const otherYear = await firstYear(other)
        const fresh = await Promise.all(
          Array.from({ length: 5 }, () => api.createOrder({ idempotencyKey: racedKey, payerRef: other, selection: { kind: 'resident', coverageYear: otherYear.coverageYear } })),
        )
        expect(new Set(fresh.map((o) => o.orderId)).size).toBe(1)
      })

      it('never lets one person-period be paid twice through a second key', async () => {
        const { payerRef, year, order: first } = await createResident(fx.selfDue)
        let payable = first.orderId
        let second: OrderView | undefined
        try {
          second = await api.createOrder({ idempotencyKey: newKey(), payerRef, selection: { kind: 'resident', coverageYear: year.coverageYear } })
        } catch (error) {
          const e = await expectBackendError(Promise.reject(error), ['ORDER_NOT_PAYABLE', 'ALREADY_PAID', 'PAYMENT_LOCKED'])
          expect(e.orderId).toBe(first.orderId)
        }
        if (second && second.orderId !== first.orderId) {
          // A second order replaced the first: the first must no longer be payable.
          await expectBackendError(api.startPayment({ orderId: first.orderId }), ['ORDER_NOT_PAYABLE', 'ALREADY_PAID'])
          payable = second.orderId
        }
        const paid = await payOrder(payable)
        expect(isPaid(paid)).toBe(true)
        if (second && second.orderId !== paid.orderId) await expectBackendError(api.startPayment({ orderId: second.orderId }), ['ORDER_NOT_PAYABLE', 'ALREADY_PAID'])
        await expectBackendError(
          api.createOrder({ idempotencyKey: newKey(), payerRef, selection: { kind: 'resident', coverageYear: year.coverageYear } }),
          ['ALREADY_PAID'],
        )
        await expectBackendError(api.startPayment({ orderId: paid.orderId }), ['ALREADY_PAID', 'ORDER_NOT_PAYABLE'])
        const { records } = await api.listRecords({ payerRef })
        expect(records.filter((r) => isPaid(r) && r.periodStart === paid.periodStart)).toHaveLength(1)
      })

      it('does not hand one person’s order to another person reusing the key', async () => {
        const { order, key } = await createResident(fx.selfDue)
        const other = await refOf(fx.otherDue)
        const year = await firstYear(other)
        let reused: OrderView | undefined
        try {
          reused = await api.createOrder({ idempotencyKey: key, payerRef: other, selection: { kind: 'resident', coverageYear: year.coverageYear } })
        } catch (error) {
          await expectBackendError(Promise.reject(error), ['INVALID_REQUEST', 'ORDER_NOT_PAYABLE'])
        }
        if (reused) {
          expect(reused.orderId).not.toBe(order.orderId)
          expect(reused.payerRef).toBe(other)
        }
      })

      it('starts a payment with WeChat pay parameters, and hands back the same attempt while it is open', async () => {
        const { order } = await createResident(fx.selfDue)
        const started = await api.startPayment({ orderId: order.orderId })
        expect(started.payParams.package).toMatch(/^prepay_id=\S+$/)
        expect(started.payParams.timeStamp).toMatch(/^\d+$/)
        expect(started.payParams.nonceStr.length).toBeGreaterThan(0)
        expect(started.payParams.paySign.length).toBeGreaterThan(0)
        expect(started.amountFen).toBe(order.amountFen)
        expect(started.payee.length).toBeGreaterThan(0)
        expect(started.order.orderId).toBe(order.orderId)
        expect(started.order.state).toBe('paying')
        expect(started.order.attempts).toBe(1)
        const again = await api.startPayment({ orderId: order.orderId })
        expect(again.attemptId).toBe(started.attemptId)
        expect(again.order.attempts).toBe(1)
      })

      it('pays, then books the payment (已缴费 → 已入库), with a receipt throughout', async () => {
        const { payerRef, order } = await createResident(fx.selfDue)
        const paid = await payOrder(order.orderId)
        expect(paid.paidAt).toBeDefined()
        expect(paid.moneyTaken).toBe(false)
        expect(paid.amountFen).toBe(order.amountFen)
        expect((await api.listDueItems({ payerRef }).then((d) => d.openOrderId, () => undefined))).toBeUndefined()

        const receipt = await api.getReceipt({ orderId: order.orderId })
        expect(receipt.orderId).toBe(order.orderId)
        expect(receipt.taxVoucherNo).toMatch(/^\d{18,20}$/)
        expect(receipt.amountFen).toBe(order.amountFen)
        expect(receipt.amountCapital).toMatch(CAPITAL_DIGITS)
        expect(receipt.amountCapital).toBe(toChineseCapital(order.amountFen))
        expect(receipt.paidAt).toBe(paid.paidAt)
        expect(receipt.periodLabel).toBe(order.periodLabel)
        expect(receipt.periodStart).toBe(order.periodStart)
        expect(receipt.periodEnd).toBe(order.periodEnd)
        expect(receipt.itemName).toBe(order.itemName)
        expect(receipt.taxAuthority).toBe(order.taxAuthority)
        expect(receipt.channel.length).toBeGreaterThan(0)
        assertMasked(receipt.payerMaskedName, fx.selfDue.name)
        assertMasked(receipt.maskedIdNumber, fx.selfDue.idNumber)
        expect(receipt.bookingState).toBe(paid.state === 'settled' ? 'settled' : 'paid')

        const settled = await eventually(order.orderId, (o) => o.state === 'settled', timing.settleWithinMs)
        expect(settled.paidAt).toBe(paid.paidAt)
        const booked = await api.getReceipt({ orderId: order.orderId })
        expect(booked.bookingState).toBe('settled')
        expect(booked.taxVoucherNo).toBe(receipt.taxVoucherNo)
      })

      it('gives every receipt its own tax voucher number', async () => {
        const vouchers = new Map<string, string>()
        for (const p of [fx.selfDue, fx.otherDue, fx.subsidised]) {
          const { order } = await createResident(p)
          await payOrder(order.orderId)
          const receipt = await api.getReceipt({ orderId: order.orderId })
          expect(receipt.amountCapital).toBe(toChineseCapital(receipt.amountFen))
          vouchers.set(order.orderId, receipt.taxVoucherNo)
        }
        // Receipts already on record (e.g. the already-paid person's) count too.
        const { records } = await api.listRecords({})
        for (const r of records.filter(isPaid)) vouchers.set(r.orderId, (await api.getReceipt({ orderId: r.orderId })).taxVoucherNo)
        expect(vouchers.size).toBeGreaterThanOrEqual(4)
        expect(new Set(vouchers.values()).size).toBe(vouchers.size)
      })

      it('keeps a cancelled order payable: a new attempt then pays it once', async () => {
        const { payerRef, order } = await createResident(fx.selfDue)
        const first = await api.startPayment({ orderId: order.orderId })
        await subject.payAttempt(first.attemptId, 'cancel')
        const cancelled = await api.queryOrder({ orderId: order.orderId })
        expect(cancelled.state).toBe('pending')
        expect(cancelled.moneyTaken).toBe(false)
        expect((await api.listDueItems({ payerRef })).openOrderId).toBe(order.orderId)
        await expectBackendError(api.getReceipt({ orderId: order.orderId }), ['ORDER_NOT_PAYABLE'])

        const second = await api.startPayment({ orderId: order.orderId })
        expect(second.attemptId).not.toBe(first.attemptId)
        expect(second.order.attempts).toBe(2)
        await subject.payAttempt(second.attemptId, 'pay')
        const paid = await eventually(order.orderId, isPaid, timing.lateConfirmWithinMs)
        // Paying the stale attempt afterwards changes nothing.
        await subject.payAttempt(first.attemptId, 'pay').catch(() => undefined)
        const after = await api.queryOrder({ orderId: order.orderId })
        expect(isPaid(after)).toBe(true)
        expect(after.paidAt).toBe(paid.paidAt)
        expect(after.attempts).toBe(2)
        const { records } = await api.listRecords({ payerRef })
        expect(records.filter((r) => isPaid(r) && r.periodStart === order.periodStart)).toHaveLength(1)
      })

      it('cashierReturned after a cancel answers the order as queryOrder does, again the same, and paid once paid', async () => {
        const { order } = await createResident(fx.selfDue)
        const first = await api.startPayment({ orderId: order.orderId })
        await subject.payAttempt(first.attemptId, 'cancel')
        const returned = await api.cashierReturned({ orderId: order.orderId, result: 'cancel' })
        expect(returned).toMatchObject({ orderId: order.orderId, state: 'pending', moneyTaken: false, attempts: 1 })
        expect(await api.cashierReturned({ orderId: order.orderId, result: 'cancel' })).toEqual(returned)
        expect(await api.queryOrder({ orderId: order.orderId })).toEqual(returned)

        const second = await api.startPayment({ orderId: order.orderId })
        await subject.payAttempt(second.attemptId, 'pay')
        const paid = await eventually(order.orderId, isPaid, timing.lateConfirmWithinMs)
        // A late word from the cashier (the notify already paid it) changes nothing.
        const late = await api.cashierReturned({ orderId: order.orderId, result: 'fail' })
        expect(isPaid(late)).toBe(true)
        expect(late).toMatchObject({ paidAt: paid.paidAt, attempts: 2, moneyTaken: false })
      })

      it('fails a refused debit with a reason, takes no money, and lets the person retry', async () => {
        const { order } = await createResident(fx.insufficientFunds)
        const started = await api.startPayment({ orderId: order.orderId })
        await subject.payAttempt(started.attemptId, 'pay')
        const failed = await eventually(order.orderId, (o) => o.state !== 'paying', timing.lateConfirmWithinMs)
        expect(failed.state).toBe('failed')
        expect(failed.failReason?.length ?? 0).toBeGreaterThan(0)
        expect(failed.moneyTaken).toBe(false)
        expect(failed.paidAt).toBeUndefined()
        // The app's word that the cashier failed, arriving after the backend knew: the reason stands.
        expect(await api.cashierReturned({ orderId: order.orderId, result: 'fail' })).toMatchObject({ state: 'failed', failReason: failed.failReason })
        await expectBackendError(api.getReceipt({ orderId: order.orderId }), ['ORDER_NOT_PAYABLE'])
        const retry = await api.startPayment({ orderId: order.orderId })
        expect(retry.attemptId).not.toBe(started.attemptId)
        expect(retry.order.state).toBe('paying')
      })

      it('shows a late result as paying first, then paid', async () => {
        const { order } = await createResident(fx.lateResult)
        const started = await api.startPayment({ orderId: order.orderId })
        await subject.payAttempt(started.attemptId, 'pay')
        const early = await api.queryOrder({ orderId: order.orderId })
        expect(early.state).toBe('paying')
        await expectBackendError(api.getReceipt({ orderId: order.orderId }), ['ORDER_NOT_PAYABLE'])
        const paid = await eventually(order.orderId, isPaid, timing.lateConfirmWithinMs)
        expect(paid.paidAt).toBeDefined()
        expect((await api.getReceipt({ orderId: order.orderId })).taxVoucherNo).toMatch(/^\d{18,20}$/)
      })

      it('pays flexible months at the chosen tier; the months are then no longer due', async () => {
        const payerRef = await refOf(fx.flexible)
        const flex = (await api.listDueItems({ payerRef })).flexible!
        const tier = flex.tiers.find((t) => t.code === flex.defaultTierCode)!
        const months = flex.months.slice(0, 2).map((m) => m.month)
        const order = await api.createOrder({ idempotencyKey: newKey(), payerRef, selection: { kind: 'flexible', months, tierCode: tier.code } })
        expect(order.kind).toBe('flexible')
        expect(order.amountFen).toBe(tier.monthlyFen * 2)
        expect(order.tierLabel).toBe(tier.label)
        expect(order.periodStart.slice(0, 7)).toBe(months[0])
        expect(order.periodEnd.slice(0, 7)).toBe(months[1])
        await payOrder(order.orderId)
        let stillDue: string[] = []
        try {
          stillDue = ((await api.listDueItems({ payerRef })).flexible?.months ?? []).map((m) => m.month)
        } catch (error) {
          await expectBackendError(Promise.reject(error), ['NOTHING_DUE', 'ALREADY_PAID'])
        }
        for (const m of months) expect(stillDue).not.toContain(m)
        await expectBackendError(
          api.createOrder({ idempotencyKey: newKey(), payerRef, selection: { kind: 'flexible', months: [months[0]], tierCode: tier.code } }),
          ['ALREADY_PAID', 'INVALID_REQUEST'],
        )
      })

      it('refuses flexible months that skip the earliest unpaid month', async () => {
        const payerRef = await refOf(fx.flexible)
        const flex = (await api.listDueItems({ payerRef })).flexible!
        await expectBackendError(
          api.createOrder({ idempotencyKey: newKey(), payerRef, selection: { kind: 'flexible', months: [flex.months[1].month], tierCode: flex.defaultTierCode } }),
          ['INVALID_REQUEST'],
        )
        expect((await api.listDueItems({ payerRef })).openOrderId).toBeUndefined()
      })

      it('lists a paid order in the records, filtered by payer and year', async () => {
        const { payerRef, order } = await createResident(fx.otherDue)
        const selfRef = await refOf(fx.selfDue)
        const pending = await api.listRecords({ payerRef })
        expect(pending.records.some((r) => r.orderId === order.orderId && r.state === 'paid')).toBe(false)
        await payOrder(order.orderId)
        const year = Number(order.periodStart.slice(0, 4))
        const mine = await api.listRecords({ payerRef })
        const record = mine.records.find((r) => r.orderId === order.orderId)
        expect(record && isPaid(record)).toBe(true)
        expect(mine.records.every((r) => r.payerRef === payerRef)).toBe(true)
        expect((await api.listRecords({})).records.map((r) => r.orderId)).toContain(order.orderId)
        expect((await api.listRecords({ payerRef, year })).records.map((r) => r.orderId)).toContain(order.orderId)
        expect((await api.listRecords({ payerRef, year: year - 5 })).records.map((r) => r.orderId)).not.toContain(order.orderId)
        expect((await api.listRecords({ payerRef: selfRef })).records.map((r) => r.orderId)).not.toContain(order.orderId)
      })

      it('answers unknown and unpaid orders with typed errors', async () => {
        const { order } = await createResident(fx.selfDue)
        await expectBackendError(api.getReceipt({ orderId: order.orderId }), ['ORDER_NOT_PAYABLE'])
        await expectBackendError(api.queryOrder({ orderId: 'OD_no_such_order' }), ['ORDER_NOT_FOUND'])
        await expectBackendError(api.startPayment({ orderId: 'OD_no_such_order' }), ['ORDER_NOT_FOUND'])
        await expectBackendError(api.cashierReturned({ orderId: 'OD_no_such_order', result: 'cancel' }), ['ORDER_NOT_FOUND'])
        await expectBackendError(api.getReceipt({ orderId: 'OD_no_such_order' }), ['ORDER_NOT_FOUND'])
      })
    })

    // ---- 请家人代缴 --------------------------------------------------------------------------------

    describe('share tokens (请家人代缴)', () => {
      async function shareResident(p: PersonFixture) {
        const payerRef = await refOf(p)
        const year = await firstYear(payerRef)
        const selection = { kind: 'resident' as const, coverageYear: year.coverageYear }
        const share = await api.createShareToken({ payerRef, selection })
        return { payerRef, year, selection, share }
      }

      it('round trip: the token opens the same payer and period, which then pays as 代他人缴费', async () => {
        const { payerRef, year, selection, share } = await shareResident(fx.otherDue)
        expect(share.token).toMatch(SHARE_TOKEN_PATTERN)
        assertMasked(share.maskedName, fx.otherDue.name)
        expect(share.amountFen).toBe(year.payableFen)
        expect(share.periodLabel).toBe(year.label)
        expect(share.itemName.length).toBeGreaterThan(0)

        const opened = await api.openShareToken({ token: share.token })
        expect(opened.payer.payerRef).toBe(payerRef)
        expect(opened.payer.maskedName).toBe(share.maskedName)
        expect(opened.payer.isSelf).toBe(false)
        expect(opened.due.payer.payerRef).toBe(payerRef)
        expect(opened.due.itemName).toBe(share.itemName)
        expect(opened.selection).toEqual(selection)
        expect(opened.expiresAt).toBe(share.expiresAt)
        const offered = opened.due.resident?.years.find((y) => y.coverageYear === year.coverageYear)
        expect(offered?.payableFen).toBe(share.amountFen)
        // Opening is a read: it can be done again while the item is unpaid.
        expect((await api.openShareToken({ token: share.token })).selection).toEqual(selection)

        const order = await api.createOrder({ idempotencyKey: newKey(), payerRef: opened.payer.payerRef, selection: opened.selection })
        expect(order.amountFen).toBe(share.amountFen)
        expect(order.periodLabel).toBe(share.periodLabel)
        await payOrder(order.orderId)
      })

      it('neither the token nor the share path carries the ID number, the name or the payer ref', async () => {
        const { payerRef, selection, share } = await shareResident(fx.selfDue)
        const again = await api.createShareToken({ payerRef, selection })
        // Random, not derived: the same item shared twice gives two unrelated tokens.
        expect(again.token).not.toBe(share.token)
        for (const { token } of [share, again]) {
          const path = sharePath(token)
          for (const text of [token, path]) {
            expect(text).not.toContain(fx.selfDue.idNumber)
            expect(text).not.toContain(fx.selfDue.idNumber.slice(-8))
            expect(text).not.toContain(fx.selfDue.idNumber.slice(0, 6))
            expect(text).not.toContain(fx.selfDue.name)
            expect(text).not.toContain(payerRef)
          }
          expect(path.length).toBeLessThanOrEqual(80)
          expect(path).toMatch(/^\/[\w/]+\?t=[A-Za-z0-9_-]+$/)
        }
      })

      it('expires: SHARE_EXPIRED once its time has passed', async () => {
        const { share } = await shareResident(fx.otherDue)
        expect(share.expiresAt).toBeGreaterThan(0)
        await subject.advance(timing.stepMs)
        expect((await api.openShareToken({ token: share.token })).expiresAt).toBe(share.expiresAt)
        await subject.advance(timing.shareExpiresWithinMs)
        const e = await expectBackendError(api.openShareToken({ token: share.token }), ['SHARE_EXPIRED'])
        expect(e.orderId).toBeUndefined()
      })

      it('is used up once its person-period is paid, by whichever way: SHARE_USED', async () => {
        const { payerRef, selection, share } = await shareResident(fx.otherDue)
        // Paid without the card (the person did it themselves); the card then has nothing to open.
        const order = await api.createOrder({ idempotencyKey: newKey(), payerRef, selection })
        await payOrder(order.orderId)
        await expectBackendError(api.openShareToken({ token: share.token }), ['SHARE_USED'])
        // A paid period cannot be shared again either.
        await expectBackendError(api.createShareToken({ payerRef, selection }), ['ALREADY_PAID'])
      })

      it('shares flexible months at a tier, and opens them as shared', async () => {
        const payerRef = await refOf(fx.flexible)
        const flex = (await api.listDueItems({ payerRef })).flexible!
        const tier = flex.tiers.find((t) => t.code === flex.defaultTierCode)!
        const selection = { kind: 'flexible' as const, months: flex.months.slice(0, 2).map((m) => m.month), tierCode: tier.code }
        const share = await api.createShareToken({ payerRef, selection })
        expect(share.amountFen).toBe(tier.monthlyFen * 2)
        const opened = await api.openShareToken({ token: share.token })
        expect(opened.selection).toEqual(selection)
        expect(opened.due.flexible?.months.map((m) => m.month)).toEqual(expect.arrayContaining(selection.months))
      })

      it('will not share what cannot be paid', async () => {
        await expectBackendError(
          api.createShareToken({ payerRef: 'pr_nobody_here', selection: { kind: 'resident', coverageYear: 2027 } }),
          ['NOT_REGISTERED', 'INVALID_REQUEST'],
        )
        const payerRef = await refOf(fx.flexible)
        const flex = (await api.listDueItems({ payerRef })).flexible!
        await expectBackendError(
          api.createShareToken({ payerRef, selection: { kind: 'flexible', months: [flex.months[1].month], tierCode: flex.defaultTierCode } }),
          ['INVALID_REQUEST'],
        )
      })

      it.each([
        ['empty', ''],
        ['too short', 'abc123'],
        ['with a space', 'abcdefgh ijklmnopqr'],
        ['path-like', '../../pages/home/index'],
        ['too long', 'a'.repeat(200)],
        ['not a string', 1234567890123456],
      ])('a malformed token (%s) is SHARE_INVALID, and never leaves the client', async (_label, token) => {
        const before = subject.transportCalls?.()
        await expectBackendError(api.openShareToken({ token } as never), ['SHARE_INVALID'])
        if (before !== undefined) expect(subject.transportCalls!()).toBe(before)
      })

      it('a well-formed token nobody issued is SHARE_INVALID', async () => {
        await expectBackendError(api.openShareToken({ token: 'AAAAAAAAAAAAAAAAAAAAAA' }), ['SHARE_INVALID'])
        // Someone typing an ID number in as the token learns nothing either.
        await expectBackendError(api.openShareToken({ token: fx.otherDue.idNumber }), ['SHARE_INVALID'])
        const { share } = await shareResident(fx.otherDue)
        const flipped = share.token.slice(0, -1) + (share.token.endsWith('A') ? 'B' : 'A')
        await expectBackendError(api.openShareToken({ token: flipped }), ['SHARE_INVALID'])
      })
    })

    // ---- 全部缴纳 ---------------------------------------------------------------------------------

    describeFamilyOrders({ api: () => api, subject: () => subject, fx: () => fx, timing: () => timing, refOf, firstYear, eventually })

    // ---- invalid requests ---------------------------------------------------------------------

    describe('invalid requests', () => {
      const invalid: Array<[Method, unknown]> = [
        ['lookupPayer', { mode: 'other', name: '', idType: 'resident_id', idNumber: '510104198506150012' }],
        ['lookupPayer', { mode: 'other', name: '张三', idType: 'passport', idNumber: '510104198506150012' }],
        ['lookupPayer', { mode: 'someone' }],
        ['lookupPayer', { mode: 'ref', payerRef: 'has spaces in it' }],
        ['listDueItems', { payerRef: 'x' }],
        ['listDueItems', {}],
        ['createOrder', { idempotencyKey: 'abc', payerRef: 'pr_abcdefgh', selection: { kind: 'resident', coverageYear: 2027 } }],
        ['createOrder', { idempotencyKey: 'key_123456', payerRef: 'pr_abcdefgh', selection: { kind: 'flexible', months: [], tierCode: 'p60' } }],
        ['createOrder', { idempotencyKey: 'key_123456', payerRef: 'pr_abcdefgh', selection: { kind: 'resident', coverageYear: 2027.5 } }],
        ['createOrder', { idempotencyKey: 'key_123456', payerRef: 'pr_abcdefgh', selection: { kind: 'flexible', months: ['2026-13-01'], tierCode: 'p60' } }],
        ['startPayment', { orderId: '' }],
        ['queryOrder', { orderId: 'x'.repeat(65) }],
        ['listRecords', { year: 2026.5 }],
        ['getReceipt', { orderId: 'OD/../../etc' }],
        ['createShareToken', { payerRef: 'pr_abcdefgh', selection: { kind: 'resident', coverageYear: 2027.5 } }],
        ['createShareToken', { payerRef: 'x', selection: { kind: 'resident', coverageYear: 2027 } }],
        ['createShareToken', { selection: { kind: 'resident', coverageYear: 2027 } }],
      ]

      it.each(invalid)('%s %j → INVALID_REQUEST, and the request never leaves the client', async (method, request) => {
        const before = subject.transportCalls?.()
        await expectBackendError((api[method] as (r: unknown) => Promise<unknown>)(request), ['INVALID_REQUEST'])
        if (before !== undefined) expect(subject.transportCalls!()).toBe(before)
      })

      it('creates nothing for an invalid order request', async () => {
        const payerRef = await refOf(fx.selfDue)
        const year = await firstYear(payerRef)
        await expectBackendError(
          api.createOrder({ idempotencyKey: 'bad key!', payerRef, selection: { kind: 'resident', coverageYear: year.coverageYear } }),
          ['INVALID_REQUEST'],
        )
        expect((await api.listDueItems({ payerRef })).openOrderId).toBeUndefined()
      })
    })
  })
}
