/**
 * The WeChat cashier (wx.requestPayment) coming back unpaid. WeChat Pay tells the backend nothing
 * then, so the flow asks the backend to close the attempt before it reads the order: a person who
 * cancelled sees 支付未完成 (继续支付), not 结果确认中.
 */
import Taro from '@tarojs/taro'
import { BackendError, type Backend } from '../contract'
import { payAtCashier } from '../services/cashier'
import { createMemoryStore } from '../services/storage'
import { harness } from '../../tests/unit/mock/harness'
import { lookupOf, wireApp } from '../../tests/unit/mock/app'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { requestPayment: jest.fn() } }))
const requestPayment = Taro.requestPayment as unknown as jest.Mock

/**
 * The mock as a merchant server with a real 商户号: its attempts go to WeChat Pay, whose sheet
 * leaves a cancelled attempt open; only cashierReturned closes it (as the server's 关单 + query).
 */
function setup(cashierReturned?: Backend['cashierReturned']) {
  const h = harness()
  const asked: string[] = []
  let attemptId = ''
  const backend: Backend = {
    ...h.backend,
    startPayment: async (request) => {
      const start = await h.backend.startPayment(request)
      attemptId = start.attemptId
      return { ...start, cashier: 'wechat' }
    },
    cashierReturned:
      cashierReturned ??
      (async (request) => {
        asked.push(request.result)
        await h.mock.cashier.complete(attemptId, 'cancel')
        return h.backend.cashierReturned(request)
      }),
  }
  const app = wireApp({ backend, storage: createMemoryStore(), clock: () => h.clock.now, pay: (start) => payAtCashier(start), sleep: async (ms) => h.advance(ms) })
  return { h, asked, attemptId: () => attemptId, ...app }
}

describe('the WeChat cashier coming back unpaid', () => {
  beforeEach(() => requestPayment.mockRejectedValue({ errMsg: 'requestPayment:fail cancel' }))

  it('a cancel at wx.requestPayment ends in 支付未完成, and 继续支付 opens a new attempt on the same order', async () => {
    const s = setup()
    await s.controller.lookup(lookupOf('p06'))
    await s.controller.confirm()
    expect(s.asked).toEqual(['cancel'])
    expect(s.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'cancelled', state: 'pending' })
    const orderId = s.store.get().order!.orderId

    // This time the person pays at the sheet (the mock's cashier stands in for WeChat Pay's money).
    requestPayment.mockImplementation(async () => {
      await s.h.mock.cashier.complete(s.attemptId(), 'pay')
      return { errMsg: 'requestPayment:ok' }
    })
    await s.controller.confirm()
    expect(s.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'success', orderId })
    expect(s.store.get().order).toMatchObject({ orderId, state: 'paid', attempts: 2 })
    expect(s.asked).toEqual(['cancel'])
  })

  it('when that call fails, the flow polls as before: 结果确认中, the order kept for 刷新', async () => {
    const s = setup(async () => {
      throw new BackendError({ code: 'NETWORK', message: '网络不稳定' })
    })
    await s.controller.lookup(lookupOf('p06'))
    await s.controller.confirm()
    expect(s.store.get().flow.payment).toMatchObject({ step: 'done', outcome: 'unconfirmed' })
    const orderId = s.store.get().order!.orderId
    expect((await s.pending.load())?.orderId).toBe(orderId)
  })
})
