/** Payers as one user knows them: opaque refs over the tax system's people. */
import { BACKEND_MESSAGES } from '../../../src/domain/backendMessages'
import { countLookup } from '../abuse/lookupLimits'
import { parseIdDocument } from '../../../src/domain/idDocument'
import { shanghaiDate } from '../../../src/domain/time'
import type { PayerView } from '../contract'
import { SELF_NEEDS_REAL_NAME } from '../contract'
import type { Queryable } from '../db/database'
import { fail } from '../errors'
import { newId } from '../ids'
import type { IdType, TaxPerson } from '../tax/port'
import type { Caller, Handler, Services } from './context'

export interface PayerRow {
  payer_ref: string
  owner_id: string
  person_key: string
  tax_person_id: string
  is_self: boolean
  via_share: boolean
  id_type: IdType
  masked_name: string
  masked_id_number: string
}

/** A person as typed (代他人缴费) or as WeChat's real-name identity gives them. */
export interface Identity {
  name: string
  idType: IdType
  idNumber: string
}

/** The ID number as the documents define it: 15-digit numbers become 18, spaces go, x is X. */
function normalisedNumber(services: Services, idType: IdType, idNumber: string): { number: string; wellFormed: boolean } {
  const parsed = parseIdDocument(idType, idNumber, shanghaiDate(services.clock()))
  return parsed.ok ? { number: parsed.doc.number, wellFormed: true } : { number: idNumber.trim().toUpperCase(), wellFormed: false }
}

/** Equality on the ID number without keeping it: the keyed hash of the normalised number. */
export function personKeyOf(services: Services, idType: IdType, idNumber: string): string {
  return services.pii.fingerprint(normalisedNumber(services, idType, idNumber).number)
}

/**
 * The user's payer for this person, made on first sight. The name and number are kept sealed
 * (a newer typing replaces an older one); a payer known through a share link has neither.
 */
export async function savePayer(db: Queryable, services: Services, ownerId: string, person: TaxPerson, personKey: string, how: { isSelf: boolean; viaShare: boolean; identity?: Identity }): Promise<PayerRow> {
  const { identity } = how
  const sealed = identity ? [services.pii.seal(identity.name.trim()), services.pii.seal(normalisedNumber(services, identity.idType, identity.idNumber).number)] : [null, null]
  const { rows } = await db.query<PayerRow>(
    `INSERT INTO payers (payer_ref, owner_id, person_key, tax_person_id, is_self, via_share, id_type, masked_name, masked_id_number, created_at, name_sealed, id_number_sealed)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (owner_id, person_key) DO UPDATE SET is_self = payers.is_self OR EXCLUDED.is_self, via_share = payers.via_share AND EXCLUDED.via_share,
       name_sealed = COALESCE(EXCLUDED.name_sealed, payers.name_sealed), id_number_sealed = COALESCE(EXCLUDED.id_number_sealed, payers.id_number_sealed)
     RETURNING *`,
    [newId('pr_'), ownerId, personKey, person.taxPersonId, how.isSelf, how.viaShare, person.idType, person.maskedName, person.maskedIdNumber, services.clock(), ...sealed],
  )
  return rows[0]
}

export async function ownPayer(services: Services, caller: Caller, payerRef: string): Promise<PayerRow> {
  const { rows } = await services.pool.query<PayerRow>('SELECT * FROM payers WHERE payer_ref = $1 AND owner_id = $2', [payerRef, caller.userId])
  return rows[0] ?? fail('NOT_REGISTERED', BACKEND_MESSAGES.notRegistered)
}

export async function selfPayer(services: Services, caller: Caller): Promise<PayerRow | undefined> {
  return (await services.pool.query<PayerRow>('SELECT * FROM payers WHERE owner_id = $1 AND is_self', [caller.userId])).rows[0]
}

/** 本人缴费: the user's own payer, made on first use from their real-name identity. */
async function ownSelf(services: Services, caller: Caller): Promise<PayerRow> {
  const existing = await selfPayer(services, caller)
  if (existing) return existing
  const identity = await services.realNames(caller.openid)
  if (!identity) return fail(SELF_NEEDS_REAL_NAME.code, SELF_NEEDS_REAL_NAME.message)
  const person = await services.tax.lookupPerson(identity)
  return savePayer(services.pool, services, caller.userId, person, personKeyOf(services, identity.idType, identity.idNumber), { isSelf: true, viaShare: false, identity })
}

export async function payerView(services: Services, row: PayerRow): Promise<PayerView> {
  const person = await services.tax.person(row.tax_person_id)
  return {
    payerRef: row.payer_ref,
    maskedName: person.maskedName,
    maskedIdNumber: person.maskedIdNumber,
    idType: person.idType,
    region: person.region,
    kind: person.kind,
    isSelf: row.is_self,
    ...(person.subsidyLabel ? { subsidyLabel: person.subsidyLabel } : {}),
  }
}

/** Has this user got this person already (本人, a family member looked up or shared before), and is it 本人? */
async function knownPerson(services: Services, caller: Caller, personKey: string): Promise<{ known: boolean; isSelf: boolean }> {
  // One read: the person's row and the user's own, which may be the same.
  const { rows } = await services.pool.query<{ person_key: string; is_self: boolean }>('SELECT person_key, is_self FROM payers WHERE owner_id = $1 AND (person_key = $2 OR is_self)', [caller.userId, personKey])
  const theirs = rows.find((r) => r.person_key === personKey)
  return { known: theirs !== undefined, isSelf: theirs?.is_self ?? false }
}

export const lookupPayer: Handler<'lookupPayer'> = async (services, caller, request) => {
  if (request.mode === 'self') return payerView(services, await ownSelf(services, caller))
  if (request.mode === 'ref') return payerView(services, await ownPayer(services, caller, request.payerRef))
  const { number, wellFormed } = normalisedNumber(services, request.idType, request.idNumber)
  const personKey = services.pii.fingerprint(number)
  const { known, isSelf } = await knownPerson(services, caller, personKey)
  // Only a well-formed number of someone new to the user tells them anything about a stranger.
  if (wellFormed && !known) {
    // The address is counted by its keyed hash: the table holds no addresses.
    await countLookup(services.pool, services.clock(), services.lookupLimits, caller.userId, services.pii.fingerprint(`address:${caller.address}`))
  }
  const person = await services.tax.lookupPerson(request)
  return payerView(services, await savePayer(services.pool, services, caller.userId, person, personKey, { isSelf, viaShare: false, identity: request }))
}
