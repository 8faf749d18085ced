/** The ID document types the channels accept, their labels, and the shape of a check failure. */
import type { IdType } from '../contract'

/** The contract's ID types (src/contract ID_TYPES), by their domain name. */
export type IdDocType = IdType

export const ID_DOC_TYPES: ReadonlyArray<{ type: IdDocType; label: string }> = [
  { type: 'resident_id', label: '居民身份证' },
  { type: 'hmt_permit', label: '港澳台居民居住证' },
  { type: 'foreign_pr', label: '外国人永久居留身份证' },
  { type: 'foreign_pr_2017', label: '2017版外国人永久居留身份证' },
  { type: 'social_security', label: '社会保障号码' },
  // The tax channels accept both for 社保费.
  { type: 'hk_macau_pass', label: '港澳居民来往内地通行证' },
  { type: 'taiwan_pass', label: '台湾居民来往大陆通行证' },
]

export function idDocLabel(type: IdDocType): string {
  const found = ID_DOC_TYPES.find((t) => t.type === type)
  return found ? found.label : '证件'
}

export function isIdDocType(value: unknown): value is IdDocType {
  return typeof value === 'string' && ID_DOC_TYPES.some((t) => t.type === value)
}

export type IdProblem =
  | 'empty'
  | 'wrong_length'
  | 'illegal_char'
  | 'wrong_prefix'
  | 'unknown_area'
  | 'impossible_birth_date'
  | 'future_birth_date'
  | 'wrong_check_char'
  | 'hmt_number' // a 港澳台居民居住证 number typed as 居民身份证

/** `switchTo`: the type this number belongs to, offered as a one-tap change that keeps the number. */
export type IdFailure = { problem: IdProblem; message: string; switchTo?: IdDocType }
