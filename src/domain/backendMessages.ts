/**
 * What a backend says when it refuses a contract call, word for word: one table for the embedded
 * mock and the merchant server, so the same refusal reads the same whichever backend the app has.
 * (The app's own advice for each code is in src/view/advice.ts; these are the backend's words.)
 */
export const BACKEND_MESSAGES = {
  // The person
  notRegistered: '未查询到参保信息',
  nameMismatch: '姓名与证件号码不一致',
  employee: '该人员已参加职工基本医疗保险，不能同时参加城乡居民医保',
  realNameRequired: '您的微信账号尚未完成实名认证，无法办理本人缴费。请选择「代他人缴费」，填写缴费人的姓名和证件号码后查询。',
  // What is due, and a selection of it
  nothingDue: '无应缴信息',
  alreadyPaid: '该缴费人已经申报，不允许重复申报',
  notResident: '该缴费人不能缴纳城乡居民医保',
  notFlexible: '该缴费人不能缴纳灵活就业医保',
  unknownTier: '所选缴费档次无效',
  monthsNotFromStart: '请从最早的未缴月份起连续选择',
  // Orders and payments
  orderNotFound: '未找到该订单',
  orderClosed: '该订单已关闭，请重新发起缴费',
  notPaidYet: '该订单尚未缴费成功，暂无缴费凭证',
  duplicateKey: '请求标识重复',
  locked: '上一笔扣款正在原路退回（待冲正），交易暂时锁定，请勿重复缴费',
  payingElsewhere: '该缴费人的这一期正在支付中，请稍后在缴费记录中查看结果',
  periodContended: '该缴费人的这一期正在由他人办理缴费，请稍后刷新查看',
  // 全部缴纳 (a family order: one payment for several people)
  inOtherOrder: '该缴费人的这一期正在另一笔订单中支付，请稍后在缴费记录中查看结果',
  paidInFamilyOrder: '该订单属于全部缴纳订单，请在全部缴纳订单中支付',
  // 请家人代缴 links
  shareInvalid: '缴费链接无效或不完整',
  shareExpired: '缴费链接已过期',
  shareStale: '缴费信息已变化，该链接已失效',
  shareUsed: '该缴费项目已缴费，无需再缴',
  // Anything else
  invalidRequest: '请求参数有误',
  server: '服务暂时不可用，请稍后重试',
  taxSystemBusy: '税务系统繁忙，请稍后重试',
} as const

/** Why a paid-looking order did not end as a payment (the order's failReason), as both backends word it. */
export const FAIL_REASONS = {
  notBooked: '扣款成功但税款入库失败，款项将原路退回',
  refunded: '扣款已原路退回',
  insufficientFunds: '银行卡余额不足',
  notCompleted: '支付未完成',
  payFailed: '支付失败',
} as const
