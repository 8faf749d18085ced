/** The contract's wire types of who pays and what is due (split from ./index, which re-exports them). */

export const ID_TYPES = ['resident_id', 'hmt_permit', 'foreign_pr', 'foreign_pr_2017', 'social_security', 'hk_macau_pass', 'taiwan_pass'] as const

export type IdType = (typeof ID_TYPES)[number]

export type InsuranceKind = 'resident' | 'flexible'
/** YYYY-MM-DD, Asia/Shanghai. */
export type IsoDate = string
/** YYYY-MM. */
export type IsoMonth = string
/** Integer fen. */
export type Fen = number

// ---- payer ----------------------------------------------------------------------------------

export type LookupPayerRequest =
  | { mode: 'self' }
  | { mode: 'other'; name: string; idType: IdType; idNumber: string }
  /** A payer looked up before (a saved family member or a shared due item). */
  | { mode: 'ref'; payerRef: string }

export interface PayerView {
  payerRef: string
  maskedName: string
  maskedIdNumber: string
  idType: IdType
  region: { code: string; name: string; taxAuthority: string }
  kind: InsuranceKind
  isSelf: boolean
  /** e.g. 低保对象, when the person's contribution is subsidised. */
  subsidyLabel?: string
}

// ---- due items ------------------------------------------------------------------------------

export interface ResidentDueYear {
  coverageYear: number
  label: string
  standardFen: Fen
  subsidyFen: Fen
  payableFen: Fen
  inWindow: boolean
  windowStart: IsoDate
  windowEnd: IsoDate
  coverStart: IsoDate
  coverReason: 'in_window' | 'waiting_period' | 'newborn' | 'exempt'
  /** Why cover waits, e.g. 断保2年：固定等待期3个月 + 变动等待期2个月. */
  coverNote?: string
  /** The amount or the window is a demo figure (shown as 演示数据). */
  demo?: boolean
}

export interface FlexibleTierView {
  code: string
  label: string
  baseFen: Fen
  monthlyFen: Fen
}

export interface DueItemsResponse {
  payer: PayerView
  itemName: string
  resident?: { years: ResidentDueYear[] }
  flexible?: {
    months: { month: IsoMonth; label: string }[]
    tiers: FlexibleTierView[]
    defaultTierCode: string
    coverStart: IsoDate
    coverReason: 'next_month' | 'waiting_period'
    coverNote?: string
    /** The base or the rate is a demo figure. */
    demo?: boolean
    /** Unpaid months beyond the arrears limit, named with where to pay them. */
    olderArrears?: string
  }
  /** An unfinished order for this person; the app resumes it instead of creating another. */
  openOrderId?: string
}
