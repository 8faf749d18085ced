import Taro from '@tarojs/taro'
import type { CollectionWindow } from '../domain/windows'
import type { ReminderResult } from './reminderResult'

/** The 缴费提醒 subscription template configured in the mini-program console (demo id). */
const REMINDER_TEMPLATE_ID = 'yibao_demo_collection_window_open'

/** Must run inside a tap handler: WeChat only shows the subscription sheet for a user gesture. */
export async function requestWindowReminder(collection: CollectionWindow): Promise<ReminderResult> {
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: [REMINDER_TEMPLATE_ID] } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
    if (res[REMINDER_TEMPLATE_ID] === 'accept') return { ok: true, message: `已订阅，${collection.start.slice(0, 4)}年缴费期开始时提醒您` }
    return { ok: false, message: '您未允许提醒，可随时在此重新订阅' }
  } catch {
    return { ok: false, message: '暂时无法订阅提醒，请记下缴费期开始日期' }
  }
}
