import Taro from '@tarojs/taro'
import type { CollectionWindow } from '../domain/windows'
import type { ReminderResult } from './reminderResult'

/** The subscription templates configured in the mini-program console (demo ids): 缴费提醒, 入库完成. */
const REMINDER_TEMPLATE_ID = 'yibao_demo_collection_window_open'
const BOOKED_TEMPLATE_ID = 'yibao_demo_payment_booked'

/**
 * Must run inside a tap handler: WeChat only shows the subscription sheet for a user gesture.
 * `withBooking`: a payment not yet booked also asks for 入库完成 (one sheet, both templates).
 */
export async function requestReminders(collection: CollectionWindow, withBooking: boolean): Promise<ReminderResult> {
  try {
    const tmplIds = withBooking ? [BOOKED_TEMPLATE_ID, REMINDER_TEMPLATE_ID] : [REMINDER_TEMPLATE_ID]
    const res = (await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
    const when = [
      res[BOOKED_TEMPLATE_ID] === 'accept' ? '税务入库完成时' : '',
      res[REMINDER_TEMPLATE_ID] === 'accept' ? `${collection.start.slice(0, 4)}年缴费期开始时` : '',
    ].filter(Boolean)
    if (when.length > 0) return { ok: true, message: `已订阅，${when.join('和')}提醒您` }
    return { ok: false, message: '您未允许提醒，可随时在此重新订阅' }
  } catch {
    return { ok: false, message: '暂时无法订阅提醒，请记下缴费期开始日期' }
  }
}
