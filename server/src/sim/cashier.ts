/**
 * The development cashier behind POST /sim/cashier: the user at WeChat Pay's sheet (the
 * simulator, which leaves a cancelled or failed attempt NOTPAY as WeChat Pay does), then what the
 * app does when the sheet comes back without paying (asks the server to close the attempt), then
 * the simulated world catching up (the notify delivered, due jobs run) before it answers.
 */
import { FAIL_REASONS } from '../../../src/domain/backendMessages'
import { attemptByPrepayId, type AttemptRow } from '../pay/attempts'
import type { DevWechatPay } from '../pay/devWechatPay'
import { cashierReturned } from '../pay/settle'
import type { Services } from '../rpc/context'
import type { CashierRequest } from '../wechatpay/simulator/server'
import type { CashierOutcome } from './routes'

/** What the bank says for this payer (the demo's 余额不足 people are refused). */
export type Declines = (attempt: AttemptRow) => Promise<boolean>

export function createSimCashier(services: Services, wechatPay: DevWechatPay, declines: Declines, settle: () => Promise<void>) {
  return async function cashier(request: CashierRequest): Promise<CashierOutcome> {
    const attempt = await attemptByPrepayId(services.pool, request.prepayId)
    const declined = request.action === 'pay' && attempt !== undefined && (await declines(attempt))
    const sheet = await wechatPay.sheet({ ...request, action: declined ? 'fail' : request.action })
    const result = sheet.errMsg === 'requestPayment:ok' ? 'ok' : sheet.errMsg === 'requestPayment:fail cancel' ? 'cancel' : 'fail'
    if (attempt && sheet.shown && result !== 'ok') {
      await cashierReturned(services, attempt, result === 'cancel' ? { as: 'cancelled' } : { as: 'failed', reason: declined ? FAIL_REASONS.insufficientFunds : FAIL_REASONS.notCompleted })
    }
    if (sheet.notifyId && request.notify !== false && !request.delayMs) await wechatPay.delivered(sheet.notifyId, Math.max(1, request.deliveries ?? 1))
    await settle()
    // For tests: how the server answered each try of the notify so far.
    return { result, errMsg: sheet.errMsg, ...(sheet.notifyId ? { notifyId: sheet.notifyId, deliveries: wechatPay.statuses(sheet.notifyId) } : {}) }
  }
}
