/** What a 请家人代缴 link's refusals mean and what to do next (the rest of the table is view/advice). */
import { adviceFor, type Advice, type ShareErrorCode } from '../../view/advice'

const SHARE_ADVICE: Record<ShareErrorCode, Advice> = {
  SHARE_EXPIRED: {
    title: '缴费链接已过期',
    detail: '家人发来的缴费链接有效期为 24 小时，缴费信息如有变化也会失效。请让家人重新发送，或选择“代他人缴费”，填写家人的姓名和证件号码后缴费。',
    action: 'proxy',
    actionLabel: '代他人缴费',
  },
  SHARE_USED: {
    title: '该缴费项目已缴费',
    detail: '这笔医保费已经缴纳，无需再缴，也不会重复扣款。缴费后 1–3 个工作日内状态由“已缴费”变为“已入库”。',
    action: 'home',
    actionLabel: '返回首页',
  },
  SHARE_INVALID: {
    title: '缴费链接无效',
    detail: '链接不完整或已失效，可能在转发时被截断。请让家人重新发送，或选择“代他人缴费”，填写家人的姓名和证件号码后缴费。',
    action: 'proxy',
    actionLabel: '代他人缴费',
  },
}

export function shareAdviceFor(code: string, message?: string): Advice {
  return SHARE_ADVICE[code as ShareErrorCode] ?? adviceFor(code, message)
}
