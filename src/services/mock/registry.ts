/**
 * The mock backend's people: fictional, with valid ID numbers, one for each case the app must
 * handle. Pages never import this; only the mock backend and tests do.
 */
import type { IdDocType } from '../../domain/idDocument'
import type { InsuranceHistory } from '../../domain/coverage'
import type { SubsidyGroup } from '../../domain/policy'

export type EnrolmentStatus = 'resident' | 'flexible' | 'employee' | 'unregistered'

/** How the mock cashier and the tax side treat this person's payments. */
export type PaymentBehaviour =
  | 'normal'
  | 'insufficient_funds' // the debit is refused: 缴费失败, no money taken
  | 'late' // WeChat says ok, the tax side confirms seconds later: 支付中 → 已缴费
  | 'debit_reversed' // money is taken but cannot be booked: 待冲正 → 已退款

export interface DemoPerson {
  id: string
  name: string
  idType: IdDocType
  idNumber: string
  /** Where the person is insured: a city code of src/domain/regions.ts. */
  regionCode: string
  status: EnrolmentStatus
  subsidy: SubsidyGroup
  history: InsuranceHistory
  /**
   * Resident: paid through this many years relative to the reference year (the year whose window
   * is open today, else the current year): 0 = that year is paid, -1 = paid through the year
   * before, null = never paid. Years paid through the app are added to these.
   */
  residentPaidThrough: number | null
  /** Years (relative, as above) for which a paid order with a receipt is on record from the start. */
  seededReceipts?: readonly number[]
  /** Flexible: registered from this month; paid through `flexiblePaidMonthsAgo` months before today's month. */
  flexibleRegisteredFrom?: string
  flexiblePaidMonthsAgo?: number
  behaviour: PaymentBehaviour
  /** What the demo shows, for the README table and the tests. */
  shows: string
}

const continuous: InsuranceHistory = { continuousYears: 5, breakYears: 0 }

export const SELF_PERSON_ID = 'p01'

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    id: 'p01', name: '张建国', idType: 'resident_id', idNumber: '510104198506150012', regionCode: '510100',
    status: 'resident', subsidy: 'none', history: continuous, residentPaidThrough: -1, seededReceipts: [-1], behaviour: 'normal',
    shows: '本人（登录用户）：城乡居民，本年度待缴',
  },
  {
    id: 'p02', name: '李秀英', idType: 'resident_id', idNumber: '510104195803120027', regionCode: '510100',
    status: 'resident', subsidy: 'none', history: continuous, residentPaidThrough: 0, seededReceipts: [-1, 0], behaviour: 'normal',
    shows: '母亲：本年度已缴费',
  },
  {
    id: 'p03', name: '王强', idType: 'resident_id', idNumber: '510107199002020031', regionCode: '510100',
    status: 'flexible', subsidy: 'none', history: continuous, residentPaidThrough: -1, behaviour: 'normal',
    flexibleRegisteredFrom: '2024-01', flexiblePaidMonthsAgo: 3,
    shows: '灵活就业：按月缴费，可选档次，欠缴3个月',
  },
  {
    id: 'p04', name: '赵敏', idType: 'resident_id', idNumber: '510105199107070040', regionCode: '510100',
    status: 'unregistered', subsidy: 'none', history: { continuousYears: 0, breakYears: 0 }, residentPaidThrough: null, behaviour: 'normal',
    shows: '未参保：未查询到参保信息',
  },
  {
    id: 'p05', name: '刘洋', idType: 'resident_id', idNumber: '51010619881212005X', regionCode: '510100',
    status: 'employee', subsidy: 'none', history: continuous, residentPaidThrough: -1, behaviour: 'normal',
    shows: '已参加职工医保，不能参加居民医保',
  },
  {
    id: 'p06', name: '陈桂兰', idType: 'resident_id', idNumber: '510703196505050068', regionCode: '510700',
    status: 'resident', subsidy: 'dibao', history: continuous, residentPaidThrough: -1, behaviour: 'normal',
    shows: '低保对象（绵阳）：个人缴费有资助',
  },
  {
    id: 'p07', name: '张小宝', idType: 'resident_id', idNumber: '510104202610080076', regionCode: '510100',
    status: 'resident', subsidy: 'none', history: { continuousYears: 0, breakYears: 0 }, residentPaidThrough: null, behaviour: 'normal',
    shows: '新生儿（2026-10-08出生，成都）：出生180天内参保，自出生之日起享受待遇',
  },
  {
    id: 'p08', name: '陈嘉欣', idType: 'hmt_permit', idNumber: '810000199505050081', regionCode: '350200',
    status: 'resident', subsidy: 'none', history: continuous, residentPaidThrough: -1, behaviour: 'normal',
    shows: '港澳台居民居住证（厦门）',
  },
  {
    id: 'p09', name: 'John Smith', idType: 'foreign_pr', idNumber: '935840198501010017', regionCode: '350100',
    status: 'resident', subsidy: 'none', history: continuous, residentPaidThrough: -1, behaviour: 'normal',
    shows: '外国人永久居留身份证（福州）',
  },
  {
    id: 'p10', name: '孙丽', idType: 'resident_id', idNumber: '510104199203030085', regionCode: '510100',
    status: 'resident', subsidy: 'none', history: continuous, residentPaidThrough: -1, behaviour: 'insufficient_funds',
    shows: '支付失败：银行卡余额不足',
  },
  {
    id: 'p11', name: '周涛', idType: 'resident_id', idNumber: '510104198704040092', regionCode: '510100',
    status: 'resident', subsidy: 'none', history: continuous, residentPaidThrough: -1, behaviour: 'late',
    shows: '支付结果延迟：先显示支付中，几秒后缴费成功',
  },
  {
    id: 'p12', name: '欧阳娜娜', idType: 'resident_id', idNumber: '350203199306060104', regionCode: '350200',
    status: 'resident', subsidy: 'none', history: continuous, residentPaidThrough: -1, behaviour: 'debit_reversed',
    shows: '扣款后入库失败：待冲正，随后原路退款',
  },
  {
    id: 'p13', name: '吴刚', idType: 'resident_id', idNumber: '510105198008080118', regionCode: '510100',
    status: 'flexible', subsidy: 'none', history: continuous, residentPaidThrough: -1, behaviour: 'normal',
    flexibleRegisteredFrom: '2020-01', flexiblePaidMonthsAgo: 0,
    shows: '灵活就业：已缴至本月，无应缴信息',
  },
  {
    id: 'p14', name: '张德明', idType: 'resident_id', idNumber: '510104195001010037', regionCode: '510100',
    status: 'resident', subsidy: 'none', history: { continuousYears: 2, breakYears: 2 }, residentPaidThrough: -3, behaviour: 'normal',
    shows: '父亲：15位旧身份证号 510104500101003 可用；断保2年：固定等待期3个月 + 变动等待期2个月',
  },
  {
    id: 'p15', name: '何秀珍', idType: 'resident_id', idNumber: '511102196808080127', regionCode: '511100',
    status: 'resident', subsidy: 'tekun', history: continuous, residentPaidThrough: -1, behaviour: 'normal',
    shows: '特困人员（乐山）：由政府全额资助，无需个人缴费，不生成订单',
  },
  {
    id: 'p16', name: '杨帆', idType: 'resident_id', idNumber: '511302198503030137', regionCode: '511300',
    status: 'flexible', subsidy: 'none', history: continuous, residentPaidThrough: -1, behaviour: 'normal',
    flexibleRegisteredFrom: '2024-01', flexiblePaidMonthsAgo: 8,
    shows: '灵活就业（南充）：欠费超出线上补缴期限（3个月），更早的欠费请到医保经办机构办理',
  },
]

export function findPersonById(id: string): DemoPerson | undefined {
  return DEMO_PEOPLE.find((p) => p.id === id)
}
