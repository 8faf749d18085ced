/** Tier 2's saved family: written to storage as the app saves it after verified lookups (masked only, the backend's payerRef). */
import { maskIdNumber, maskName } from '../../src/domain/mask'
import { payerRefOf } from '../../src/services/mock/people'
import { findPersonById } from '../../src/services/mock/registry'
import type { Harness } from './harness'

export function saveFamily(h: Harness, ids: string[]): void {
  const entries = ids.map((id, i) => {
    const p = findPersonById(id)!
    return { payerRef: payerRefOf(p), maskedName: maskName(p.name), maskedIdNumber: maskIdNumber(p.idNumber), idType: p.idType, regionName: '', relation: 'parent', addedAt: 1_700_000_000_000 + i }
  })
  h.storage.set('yibao.family.v1', JSON.stringify(entries))
}
