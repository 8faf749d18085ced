/** 特困人员 are fully funded: nothing is payable and no order may be made (a ¥0 WeChat Pay order cannot go through). */
export const FULLY_FUNDED_MESSAGE = '由政府全额资助，无需个人缴费'

export function isFullyFunded(quote: { payableFen: number; subsidyFen: number }): boolean {
  return quote.payableFen === 0 && quote.subsidyFen > 0
}
