import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { nextResidentWindow } from '../domain/periods'
import { formatChineseDate, shanghaiDate } from '../domain/time'
import type { ProvinceCode } from '../domain/regions'
import { appClock } from '../services'
import { requestReminders } from '../services/reminder'
import type { ReminderResult } from '../services/reminderResult'
import ActionButton from './ActionButton'

/**
 * 缴费提醒 for the next collection window, requested from the tap itself as WeChat requires;
 * after a payment not yet booked (`awaitingBooking`), 入库完成 too where the platform can send it.
 */
export default function ReminderOffer({ province, awaitingBooking = false }: { province: ProvinceCode; awaitingBooking?: boolean }) {
  const [result, setResult] = useState<ReminderResult>()
  const next = nextResidentWindow(shanghaiDate(appClock()), province)
  return (
    <View className="reminder" id="reminder">
      <Text className="reminder__text">
        {next.coverageYear}年度缴费期 {formatChineseDate(next.start)} 开始
      </Text>
      {result ? (
        <Text className={`save-result${result.ok ? '' : ' save-result--error'}`} id="reminder-result">
          {result.message}
        </Text>
      ) : null}
      {result?.ok ? null : (
        <ActionButton
          id="reminder-subscribe"
          kind="default"
          label={awaitingBooking && process.env.TARO_ENV !== 'h5' ? '入库完成和缴费期开始时提醒我' : '缴费期开始时提醒我'}
          onTap={() => void requestReminders(next, awaitingBooking).then(setResult)}
        />
      )}
    </View>
  )
}
