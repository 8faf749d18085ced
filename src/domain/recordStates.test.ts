import { ORDER_STATES } from './orderState'
import { recordStateView } from './recordStates'

describe('recordStateView', () => {
  it('labels every state the way the issue lists them, with 结果确认中 for a payment in flight', () => {
    expect(ORDER_STATES.map((s) => recordStateView(s).label)).toEqual(['待支付', '结果确认中', '已缴费', '已入库', '缴费失败', '待冲正', '已退款', '已关闭'])
  })
  it('offers a receipt only for money the tax side has', () => {
    expect(ORDER_STATES.filter((s) => recordStateView(s).hasReceipt)).toEqual(['paid', 'settled'])
  })
  it('tells a person with a debit being returned not to pay again', () => {
    expect(recordStateView('reversing').explanation).toMatch(/原路退回.*无需任何操作.*请勿重复缴费/)
    expect(recordStateView('paying').explanation).toMatch(/请勿重复缴费/)
  })
})
