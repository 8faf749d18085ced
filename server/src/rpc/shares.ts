/**
 * 请家人代缴: a random token for one person-period. Whoever opens it gets their own payer ref for
 * that person (and can pay), never the sharer's ref, orders or other payers.
 */
import { randomBytes } from 'node:crypto'
import { BACKEND_MESSAGES } from '../../../src/domain/backendMessages'
import type { OrderSelection } from '../contract'
import { fail, RpcError } from '../errors'
import { sha256 } from '../ids'
import type { Handler } from './context'
import { listDueItems } from './records'
import { ownPayer, payerView, savePayer, selfPayer } from './payers'

interface ShareRow {
  person_key: string
  tax_person_id: string
  selection: OrderSelection
  expires_at: number
}

export const createShareToken: Handler<'createShareToken'> = async (services, caller, { payerRef, selection }) => {
  const payer = await ownPayer(services, caller, payerRef)
  const priced = await services.tax.price(payer.tax_person_id, selection)
  const token = randomBytes(16).toString('base64url') // 22 characters, 128 random bits
  const now = services.clock()
  const expiresAt = now + services.timings.shareExpiryMs
  await services.pool.query(
    'INSERT INTO share_tokens (token_hash, owner_id, person_key, tax_person_id, selection, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [sha256(token), caller.userId, payer.person_key, payer.tax_person_id, JSON.stringify(priced.selection), now, expiresAt],
  )
  return { token, expiresAt, maskedName: payer.masked_name, itemName: priced.itemName, periodLabel: priced.periodLabel, amountFen: priced.amountFen }
}

export const openShareToken: Handler<'openShareToken'> = async (services, caller, { token }) => {
  const { rows } = await services.pool.query<ShareRow>('SELECT * FROM share_tokens WHERE token_hash = $1', [sha256(token)])
  const share = rows[0] ?? fail('SHARE_INVALID', BACKEND_MESSAGES.shareInvalid)
  // Paid beats expired: "nothing left to pay" is the more useful answer.
  if (await services.tax.isPaid(share.tax_person_id, share.selection)) return fail('SHARE_USED', BACKEND_MESSAGES.shareUsed)
  if (services.clock() >= share.expires_at) return fail('SHARE_EXPIRED', BACKEND_MESSAGES.shareExpired)
  try {
    await services.tax.price(share.tax_person_id, share.selection)
  } catch (error) {
    if (error instanceof RpcError && error.code === 'WINDOW_CLOSED') throw error
    // The period is no longer payable as shared (e.g. a new year's 档次): the card is stale.
    return fail('SHARE_EXPIRED', BACKEND_MESSAGES.shareStale)
  }
  const person = await services.tax.person(share.tax_person_id)
  const self = await selfPayer(services, caller)
  const mine = await savePayer(services.pool, services, caller.userId, person, share.person_key, { isSelf: self?.person_key === share.person_key, viaShare: true })
  const payer = await payerView(services, mine)
  const due = await listDueItems(services, caller, { payerRef: payer.payerRef })
  return { payer, due: { ...due, payer }, selection: share.selection, expiresAt: share.expires_at }
}
