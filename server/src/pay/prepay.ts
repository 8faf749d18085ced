/** The provider's pay parameters of an attempt: asked for once, then kept with the attempt. */
import type { Services } from '../rpc/context'
import type { PayParams } from './port'

export async function payParamsOf(
  services: Services,
  attempt: { attempt_id: string; out_trade_no: string; created_at: number; pay_params: PayParams | null },
  what: { amountFen: number; description: string; openid: string },
): Promise<PayParams> {
  if (attempt.pay_params) return attempt.pay_params
  // Asked again for the same out_trade_no (a racing request), the provider hands back the same prepay id.
  const { prepayId, payParams } = await services.pay.createAttempt({ outTradeNo: attempt.out_trade_no, ...what, expiresAt: attempt.created_at + services.timings.attemptExpiryMs })
  await services.pool.query('UPDATE payment_attempts SET prepay_id = $2, pay_params = $3 WHERE attempt_id = $1 AND prepay_id IS NULL', [attempt.attempt_id, prepayId, JSON.stringify(payParams)])
  return payParams
}
