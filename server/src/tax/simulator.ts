/**
 * The tax/insurance system simulator: the demo registry's people and behaviours behind the
 * TaxSystem port, its declarations kept in its own table (as the real system keeps its own
 * books), with configurable latency and faults.
 */
import { BACKEND_MESSAGES, FAIL_REASONS } from '../../../src/domain/backendMessages'
import { coverageYearLabel, coverageYearRange } from '../../../src/domain/periods'
import { residentAmount } from '../../../src/domain/policy'
import { inShanghai, shanghaiDate, type Clock } from '../../../src/domain/time'
import { parseIdDocument } from '../../../src/domain/idDocument'
import { parsePersonName } from '../../../src/domain/personName'
import { bookedPeriodsOf, referenceYear, RESIDENT_ITEM, type BookedPeriods } from '../../../src/domain/personBooks'
import { DEMO_PEOPLE, type DemoPerson } from '../../../src/services/mock/registry'
import type { OrderSelection } from '../contract'
import type { Db } from '../db/database'
import { fail, RpcError } from '../errors'
import { dueItems, isPaid, price, taxPersonOf } from './demoRules'
import type { Declaration, TaxRecord, TaxSystem } from './port'

export interface TaxSimOptions {
  latencyMs: number
  /** Share of calls (0–1) that fail as an outage before doing anything. */
  faultRate: number
  /** 'late' people: how long after the declaration the booking is confirmed. */
  lateConfirmMs: number
  /** 已缴费 → 已入库. */
  settleMs: number
  /** People beside the demo registry (a load run's synthetic population, ./population). */
  extraPeople?: readonly DemoPerson[]
}

export const DEFAULT_TAX_SIM: TaxSimOptions = { latencyMs: 0, faultRate: 0, lateConfirmMs: 6_000, settleMs: 120_000 }

const SCHEMA = `
CREATE TABLE IF NOT EXISTS taxsim_declarations (
  order_id     text PRIMARY KEY,
  person_id    text NOT NULL,
  selection    jsonb NOT NULL,
  amount_fen   integer NOT NULL,
  state        text NOT NULL,
  voucher_no   text UNIQUE,
  requested_at bigint NOT NULL,
  paid_at      bigint NOT NULL,
  booked_at    bigint
);
CREATE SEQUENCE IF NOT EXISTS taxsim_voucher_seq;`

export const TAX_SIM_TABLES = ['taxsim_declarations']

interface DeclarationRow {
  order_id: string
  person_id: string
  selection: OrderSelection
  state: 'pending' | 'booked' | 'rejected'
  voucher_no: string | null
  requested_at: number
  booked_at: number | null
}


/** Payments on record from before this server (the registry's seeded receipts). */
function seededRecords(person: DemoPerson, now: number): TaxRecord[] {
  return (person.seededReceipts ?? []).flatMap((offset, i) => {
    const year = referenceYear(person, now) + offset
    const amount = residentAmount(year, person.subsidy)
    if (!amount) return []
    const paidAt = Date.UTC(year - 1, 9, 12, 2, 30) // early in that year's window
    const range = coverageYearRange(year)
    const serial = String(Number(person.id.slice(1)) * 10 + i).padStart(5, '0')
    return [{
      voucherNo: `3${person.regionCode}${inShanghai(paidAt).format('YYMMDD')}${serial}`,
      taxPersonId: person.id,
      paidAt,
      priced: {
        selection: { kind: 'resident', coverageYear: year },
        itemName: RESIDENT_ITEM,
        amountFen: amount.payableFen,
        subsidyFen: amount.subsidyFen,
        periodLabel: coverageYearLabel(year),
        periodStart: range.start,
        periodEnd: range.end,
        coverStart: range.start,
      },
    }]
  })
}

export async function createTaxSimulator(pool: Db, clock: Clock, options: TaxSimOptions = DEFAULT_TAX_SIM): Promise<TaxSystem & { behaviourOf(taxPersonId: string): DemoPerson['behaviour'] | undefined }> {
  await pool.query(SCHEMA)
  const people = [...DEMO_PEOPLE, ...(options.extraPeople ?? [])]
  const personById = new Map(people.map((p) => [p.id, p]))
  const personByNumber = new Map(people.map((p) => [p.idNumber, p]))

  const personOf = (taxPersonId: string): DemoPerson => personById.get(taxPersonId) ?? fail('NOT_REGISTERED', BACKEND_MESSAGES.notRegistered)

  /** The periods booked for the person: its own declarations and the registry's seeded receipts. */
  async function booked(person: DemoPerson): Promise<BookedPeriods> {
    const { rows } = await pool.query<{ selection: OrderSelection }>("SELECT selection FROM taxsim_declarations WHERE person_id = $1 AND state = 'booked'", [person.id])
    return bookedPeriodsOf([...rows.map((r) => r.selection), ...seededRecords(person, clock()).map((r) => r.priced.selection)])
  }

  /** Latency, then maybe an outage: the port's callers must live with both. */
  async function call<T>(work: () => Promise<T>): Promise<T> {
    if (options.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, options.latencyMs))
    if (options.faultRate > 0 && Math.random() < options.faultRate) throw new RpcError('SERVER', BACKEND_MESSAGES.taxSystemBusy)
    return work()
  }

  /** Books a pending declaration: the row as booked, or undefined when another call booked it first. */
  async function book(row: DeclarationRow, at: number): Promise<DeclarationRow | undefined> {
    const prefix = `3${personOf(row.person_id).regionCode}${inShanghai(at).format('YYMMDD')}`
    const { rows } = await pool.query<DeclarationRow>(
      "UPDATE taxsim_declarations SET state = 'booked', voucher_no = (SELECT $2 || lpad(n::text, greatest(6, length(n::text)), '0') FROM nextval('taxsim_voucher_seq') AS n), booked_at = $3 WHERE order_id = $1 AND state = 'pending' RETURNING *",
      [row.order_id, prefix, at],
    )
    return rows[0]
  }

  async function readDeclaration(orderId: string): Promise<DeclarationRow | undefined> {
    return (await pool.query<DeclarationRow>('SELECT * FROM taxsim_declarations WHERE order_id = $1', [orderId])).rows[0]
  }

  return {
    behaviourOf: (taxPersonId) => personById.get(taxPersonId)?.behaviour,

    lookupPerson: ({ name, idType, idNumber }) =>
      call(async () => {
        const id = parseIdDocument(idType, idNumber, shanghaiDate(clock()))
        if (!id.ok) return fail('INVALID_REQUEST', id.message)
        const parsedName = parsePersonName(name)
        if (!parsedName.ok) return fail('INVALID_REQUEST', parsedName.message)
        // 社会保障号码 is by law the citizen ID number, so it finds the same person.
        const found = personByNumber.get(id.doc.number)
        const person = found && (found.idType === idType || idType === 'social_security') ? found : undefined
        if (!person || person.status === 'unregistered') return fail('NOT_REGISTERED', BACKEND_MESSAGES.notRegistered)
        if (parsedName.name.toLowerCase() !== person.name.toLowerCase()) return fail('NAME_MISMATCH', BACKEND_MESSAGES.nameMismatch)
        if (person.status === 'employee') return fail('EMPLOYEE_COVERED', BACKEND_MESSAGES.employee)
        return taxPersonOf(person)
      }),

    person: (taxPersonId) => call(async () => taxPersonOf(personOf(taxPersonId))),

    dueItems: (taxPersonId) =>
      call(async () => {
        const person = personOf(taxPersonId)
        return dueItems(person, clock(), await booked(person))
      }),

    price: (taxPersonId, selection) =>
      call(async () => {
        const person = personOf(taxPersonId)
        return price(person, clock(), await booked(person), selection)
      }),

    isPaid: (taxPersonId, selection) =>
      call(async () => {
        const person = personOf(taxPersonId)
        return isPaid(person, clock(), await booked(person), selection)
      }),

    declare: ({ orderId, taxPersonId, selection, amountFen, paidAt }) =>
      call(async (): Promise<Declaration> => {
        const person = personOf(taxPersonId)
        const now = clock()
        let row = await readDeclaration(orderId)
        if (!row) {
          // A period already booked through another order is refused: that money goes back.
          const state = person.behaviour === 'debit_reversed' || isPaid(person, now, await booked(person), selection) ? 'rejected' : 'pending'
          const { rows } = await pool.query<DeclarationRow>(
            'INSERT INTO taxsim_declarations (order_id, person_id, selection, amount_fen, state, requested_at, paid_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (order_id) DO NOTHING RETURNING *',
            [orderId, person.id, JSON.stringify(selection), amountFen, state, now, paidAt],
          )
          row = rows[0] ?? (await readDeclaration(orderId))!
        }
        if (row.state === 'rejected') return { state: 'rejected', reason: FAIL_REASONS.notBooked }
        if (row.state === 'pending') {
          const confirmAt = person.behaviour === 'late' ? row.requested_at + options.lateConfirmMs : row.requested_at
          if (now < confirmAt) return { state: 'pending' }
          row = (await book(row, confirmAt)) ?? (await readDeclaration(orderId))!
        }
        return { state: 'booked', voucherNo: row.voucher_no!, bookedAt: row.booked_at!, settled: now >= row.booked_at! + options.settleMs }
      }),

    otherChannelRecords: (taxPersonId) => call(async () => seededRecords(personOf(taxPersonId), clock())),

    recordByVoucher: (voucherNo) =>
      call(async () => {
        for (const person of DEMO_PEOPLE) {
          const found = seededRecords(person, clock()).find((r) => r.voucherNo === voucherNo)
          if (found) return found
        }
        return undefined
      }),
  }
}
