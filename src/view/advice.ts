/**
 * What each backend error means to the person in front of the screen, and what they can do
 * next. Plain data, so every message is reviewed in one place and tested.
 */
import { BackendError, type ErrorCode } from '../contract'

/** proxy: 代他人缴费, i.e. type the family member's name and ID number in by hand. */
export type NextAction = 'edit' | 'retry' | 'records' | 'home' | 'proxy'

export interface Advice {
  title: string
  detail: string
  /** The primary button's label and what it does. */
  action: NextAction
  actionLabel: string
}

/** The 请家人代缴 link's refusals: only the share page meets them, so their advice lives in its subpackage (packages/share/shareAdvice). */
export type ShareErrorCode = Extract<ErrorCode, `SHARE_${string}`>

const ADVICE: Record<Exclude<ErrorCode, ShareErrorCode>, Advice> = {
  NOT_REGISTERED: {
    title: '未查询到参保信息',
    detail: '请核对证件类型和证件号码。如确未参保，或参保地不在本地区，请携带证件到参保地医保经办窗口办理参保登记；参保问题可拨打 12393 医保服务热线。',
    action: 'edit',
    actionLabel: '修改信息',
  },
  REALNAME_REQUIRED: {
    title: '微信账号尚未实名认证',
    detail: '本人缴费需要已实名认证的微信账号。您可以选择代他人缴费，填写缴费人的姓名和证件号码后查询；在微信“我 → 服务 → 钱包 → 身份信息”完成实名认证后即可为本人缴费。',
    action: 'proxy',
    actionLabel: '代他人缴费',
  },
  NAME_MISMATCH: {
    title: '姓名与证件号码不一致',
    detail: '请按证件上的写法填写姓名（含生僻字、少数民族姓名中的“·”），再重新查询。',
    action: 'edit',
    actionLabel: '修改姓名',
  },
  LOOKUP_LIMITED: {
    title: '查询过于频繁',
    detail: '为防止他人信息被冒查，查询新缴费人的次数有限制。本人缴费和已保存的常用缴费人不受限制，可直接使用。',
    action: 'home',
    actionLabel: '返回首页',
  },
  EMPLOYEE_COVERED: {
    title: '已参加职工医保',
    detail: '该人员正在参加职工基本医疗保险，由单位缴纳，不能同时参加城乡居民医保，无需在此缴费。职工医保由单位办理停保；已离职的，可以灵活就业人员身份继续参保。参保问题可拨打 12393 医保服务热线。',
    action: 'home',
    actionLabel: '返回首页',
  },
  NOTHING_DUE: {
    title: '暂无应缴信息',
    detail: '当前没有需要缴纳的费款，可能已经缴清，或下一期尚未开始征收。',
    action: 'records',
    actionLabel: '查看缴费记录',
  },
  ALREADY_PAID: {
    title: '该缴费人已缴费',
    detail: '本期已经申报缴费，不允许重复申报。缴费后 1–3 个工作日内状态由“已缴费”变为“已入库”，无需再次缴费。',
    action: 'records',
    actionLabel: '查看缴费记录',
  },
  IN_OTHER_ORDER: {
    title: '该缴费人正在另一笔订单中支付',
    detail: '此人本期的医保费正在另一笔订单中支付，请勿重复缴费。请稍后在缴费记录中查看那笔订单的结果。',
    action: 'records',
    actionLabel: '查看缴费记录',
  },
  WINDOW_CLOSED: {
    title: '不在缴费期内',
    detail: '集中缴费期外参保需经过等待期。等待期问题可拨打 12393 医保服务热线。',
    action: 'home',
    actionLabel: '返回首页',
  },
  POLICY_NOT_PUBLISHED: {
    title: '缴费标准尚未公布',
    detail: '公布后即可缴费，可在首页“缴费标准与缴费时间”查看已公布的标准和缴费期。',
    action: 'home',
    actionLabel: '返回首页',
  },
  PAYMENT_LOCKED: {
    title: '上一笔扣款正在退回',
    detail: '上一笔缴费未成功，扣款正在原路退回（待冲正），交易暂时锁定。款项 1–2 天内原路退回，无需操作；请勿重复缴费，可在缴费记录中查看退回进度。',
    action: 'records',
    actionLabel: '查看缴费记录',
  },
  ORDER_NOT_FOUND: {
    title: '未找到该缴费订单',
    detail: '订单可能已超时关闭，未扣款。请返回首页重新发起缴费。',
    action: 'home',
    actionLabel: '返回首页',
  },
  ORDER_NOT_PAYABLE: {
    title: '该订单已不能支付',
    detail: '订单已关闭或已处理，未重复扣款。请返回首页重新查询。',
    action: 'home',
    actionLabel: '返回首页',
  },
  INVALID_REQUEST: {
    title: '填写的信息有误',
    detail: '请核对姓名、证件类型和证件号码后重试。',
    action: 'edit',
    actionLabel: '修改信息',
  },
  NETWORK: {
    title: '网络连接不稳定',
    detail: '请检查网络后重试。已填写的信息不会丢失，也不会重复扣款。',
    action: 'retry',
    actionLabel: '重试',
  },
  TIMEOUT: {
    title: '请求超时',
    detail: '服务响应较慢，请稍后重试。已填写的信息不会丢失，也不会重复扣款。',
    action: 'retry',
    actionLabel: '重试',
  },
  BAD_RESPONSE: {
    title: '服务暂时异常',
    detail: '服务返回的数据异常，请稍后重试；如持续出现，请拨打 12366 纳税缴费服务热线。',
    action: 'retry',
    actionLabel: '重试',
  },
  SERVER: {
    title: '服务繁忙',
    detail: '请稍后重试；如持续出现，请拨打 12366 纳税缴费服务热线。',
    action: 'retry',
    actionLabel: '重试',
  },
}

/** Answers whose backend message carries the specifics (dates, the region and year, 全额资助, how long to wait): shown first. */
const SPECIFIC_MESSAGE: ReadonlySet<ErrorCode> = new Set(['WINDOW_CLOSED', 'POLICY_NOT_PUBLISHED', 'NOTHING_DUE', 'LOOKUP_LIMITED'])

export function adviceFor(code: string, message?: string): Advice {
  const advice = ADVICE[code as keyof typeof ADVICE] ?? ADVICE.SERVER
  if (!message || !SPECIFIC_MESSAGE.has(code as ErrorCode) || advice.title.includes(message)) return advice
  return { ...advice, detail: `${message}。${advice.detail}` }
}

/** Advice for whatever a backend call threw: its code when it is a BackendError, else 服务繁忙. */
export function adviceForError(error: unknown): Advice {
  return error instanceof BackendError ? adviceFor(error.code, error.message) : adviceFor('SERVER')
}
