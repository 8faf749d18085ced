import type { CollectionWindow } from '../domain/windows'
import type { ReminderResult } from './reminderResult'

/**
 * Browsers have no subscription messages: the window reminder becomes a calendar event to
 * download; 入库完成 (`_withBooking`) cannot be announced to a browser, so it is not offered.
 */
export async function requestReminders(collection: CollectionWindow, _withBooking: boolean): Promise<ReminderResult> {
  try {
    const day = collection.start.replace(/-/g, '')
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//yibao//reminder//CN',
      'BEGIN:VEVENT',
      `UID:yibao-window-${collection.province}-${collection.coverageYear}`,
      `DTSTART;VALUE=DATE:${day}`,
      `SUMMARY:${collection.coverageYear}年度城乡居民医保缴费期开始`,
      'DESCRIPTION:请通过官方渠道缴纳医保费',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n')
    const link = document.createElement('a')
    link.href = URL.createObjectURL(new Blob([ics], { type: 'text/calendar' }))
    link.download = `医保缴费提醒-${collection.coverageYear}.ics`
    document.body.appendChild(link)
    link.click()
    link.remove()
    return { ok: true, message: '已下载日历提醒，打开即可加入手机日历' }
  } catch {
    return { ok: false, message: '暂时无法创建提醒，请记下缴费期开始日期' }
  }
}
