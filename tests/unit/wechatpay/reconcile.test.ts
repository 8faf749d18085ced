// Reconciliation against a real bill from the simulator: each planted difference is found, once.
import { compareTradeBill } from '../../../server/src/wechatpay/reconcile'
import { E2E_TIMEOUT_MS, ORDER, ok, shanghaiToday, startHarness } from './harness'

it('finds paid-at-WeChat-only, paid-here-only, amount and refund differences, and nothing else', async () => {
  const h = await startHarness({ refundSettleMs: 0 })
  try {
    const pay = async (total: number) => {
      const outTradeNo = h.outTradeNo()
      const { prepayId } = ok(await h.client.prepayJsapi({ ...ORDER, outTradeNo, total }))
      await h.cashier({ prepayId, action: 'pay', notify: false })
      return outTradeNo
    }
    const [agreed, unknownHere, differs, refunded, refundUnknownHere] = [await pay(100), await pay(200), await pay(300), await pay(400), await pay(600)]
    ok(await h.client.refund({ outTradeNo: refunded, outRefundNo: `R${refunded}`, refund: 150, total: 400 }))
    ok(await h.client.refund({ outTradeNo: refundUnknownHere, outRefundNo: `R${refundUnknownHere}`, refund: 600, total: 600 }))
    const bill = ok(await h.client.downloadTradeBill(ok(await h.client.tradeBillLink(shanghaiToday()))))
    const differences = compareTradeBill(
      bill,
      [{ outTradeNo: agreed, total: 100 }, { outTradeNo: differs, total: 299 }, { outTradeNo: refunded, total: 400 }, { outTradeNo: refundUnknownHere, total: 600 }, { outTradeNo: 'YB-NOT-AT-WECHAT', total: 500 }],
      [{ outRefundNo: `R${refunded}`, outTradeNo: refunded, refund: 140 }, { outRefundNo: 'R-ONLY-HERE', outTradeNo: agreed, refund: 10 }],
    )
    expect(differences).toEqual(
      expect.arrayContaining([
        { kind: 'paid-at-wechat-only', outTradeNo: unknownHere, transactionId: expect.stringMatching(/^4200/), wechat: 200 },
        { kind: 'payment-amount-differs', outTradeNo: differs, wechat: 300, here: 299 },
        { kind: 'paid-here-only', outTradeNo: 'YB-NOT-AT-WECHAT', here: 500 },
        { kind: 'refund-amount-differs', outRefundNo: `R${refunded}`, outTradeNo: refunded, wechat: 150, here: 140 },
        { kind: 'refunded-here-only', outRefundNo: 'R-ONLY-HERE', outTradeNo: agreed, here: 10 },
        { kind: 'refunded-at-wechat-only', outRefundNo: `R${refundUnknownHere}`, outTradeNo: refundUnknownHere, wechat: 600 },
      ]),
    )
    expect(differences).toHaveLength(6)
  } finally {
    await h.close()
  }
}, E2E_TIMEOUT_MS)
