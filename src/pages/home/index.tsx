import { Text, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { lazy, Suspense, useEffect, useMemo, useState } from 'react'
import ActionButton from '../../components/ActionButton'
import CareModeSwitch from '../../components/CareModeSwitch'
import DemoMark from '../../components/DemoMark'
import Notice, { DemoNotice } from '../../components/Notice'
import ReminderOffer from '../../components/ReminderOffer'
import Screen from '../../components/Screen'
import Tappable from '../../components/Tappable'
import { pageHeading } from '../../components/a11yRole'
import { daysLeftInWindow, openResidentWindow } from '../../domain/periods'
import { REGIONS } from '../../domain/regions'
import { parseScene } from '../../domain/scene'
import { FIXED_WAITING_MONTHS } from '../../domain/coverage'
import { addMonths, formatChineseDate, shanghaiDate } from '../../domain/time'
import { familyPayers, flowStore, payment, useFlow } from '../../flow'
import { recordEntryChannel } from '../../flow/channel'
import { usePublicShare } from '../../flow/publicShare'
import { chooseRegion, currentRegion } from '../../flow/region'
import { go } from '../../routes'
import { appClock } from '../../services'
import { taroStore } from '../../services/taroStore'
import { hasPaidBefore } from '../../storage/paidBefore'
import './index.css'

// The board and what it needs load with the backend chunk (packages/backend in the weapp).
const Board = lazy(() => import(/* webpackChunkName: "packages/backend/board" */ './Board'))

/** Someone who has saved family members or paid here before: home shows the family board. */
const isReturning = () => familyPayers.list().length > 0 || hasPaidBefore(taroStore)

export default function Home() {
  const { params } = useRouter()
  const scene = useMemo(() => parseScene(params.scene), [params.scene])
  const [region, setRegion] = useState(() => currentRegion(scene.regionCode))
  // A poster naming a region this app does not serve: say so and let people choose, never guess.
  const [choosingRegion, setChoosingRegion] = useState(scene.unknownRegion !== undefined)
  const { flow, order } = useFlow()
  const today = shanghaiDate(appClock())
  const collection = openResidentWindow(today, region.province)

  // A poster's region becomes the person's choice; its channel is noted for counting entries.
  useEffect(() => {
    if (scene.regionCode) chooseRegion(scene.regionCode)
    if (scene.channel) recordEntryChannel(scene.channel, appClock())
  }, [scene])

  const [returning, setReturning] = useState(isReturning)
  // A payment left unfinished by a closed app or a reload is found and settled here.
  useDidShow(() => {
    void payment.restore()
    setReturning(isReturning())
  })

  usePublicShare()

  const start = (mode: 'self' | 'other') => {
    flowStore.startJourney(mode)
    go('payer', { mode })
  }
  const pick = (code: string) => {
    chooseRegion(code)
    setRegion(currentRegion(code))
    setChoosingRegion(false)
  }

  const session = flow.payment
  const unfinished =
    order && (session.step === 'checking' || (session.step === 'done' && (session.outcome === 'unconfirmed' || session.outcome === 'cancelled')))

  // A returning user's home leads with the family board (who still needs paying); the region follows it.
  const regionCard = (
    <>
      {scene.unknownRegion ? (
        <Notice kind="warn" id="unknown-region">二维码中的地区暂未开通线上缴费，请在下方选择您的参保地区。</Notice>
      ) : null}
      <View className="card">
        <Tappable id="region" className="cell cell--link" label={`参保地区：${region.name}，点按切换`} onTap={() => setChoosingRegion(!choosingRegion)}>
          <Text className="cell__label">参保地区</Text>
          <View className="cell__body">
            <Text className="cell__value" id="region-name">{region.name}</Text>
            <Text className="cell__note">切换</Text>
          </View>
        </Tappable>
        {choosingRegion ? (
          <View className="choices" id="region-choices">
            {REGIONS.map((r) => (
              <Tappable key={r.code} className="choice" role="radio" checked={r.code === region.code} label={r.name} onTap={() => pick(r.code)}>
                <Text>{r.name}</Text>
              </Tappable>
            ))}
          </View>
        ) : null}
        <View className="home__window" id="window">
          {collection ? (
            <Text>
              {collection.coverageYear}年度居民医保集中缴费期：{formatChineseDate(collection.start)}至{formatChineseDate(collection.end)}，
              <Text className="em">还剩 {daysLeftInWindow(today, collection)} 天</Text>
              <DemoMark show={collection.demo} />
            </Text>
          ) : (
            <Text>
              当前不在居民医保集中缴费期。现在缴费需经过等待期，最早{formatChineseDate(addMonths(today, FIXED_WAITING_MONTHS))}起享受医保待遇（断保的等待期更长）。
            </Text>
          )}
        </View>
      </View>
    </>
  )

  return (
    <Screen className="home" titled={false}>
      <DemoNotice />
      <View className="home__hero">
        <Text className="home__title" {...pageHeading}>医保缴费</Text>
        <Text className="home__subtitle">城乡居民医保 · 灵活就业人员医保</Text>
      </View>

      {returning ? null : regionCard}

      {/* A fixed slot: the card coming and going (even while this page is hidden under the pay page)
          updates this one node instead of resending the whole page. */}
      <View className="pending-slot">
        {unfinished ? (
          <Tappable id="pending-order" className="card pending" label="有一笔缴费尚未完成，点按查看" onTap={() => go('pay')}>
            <Text className="pending__title">
              {session.step === 'done' && session.outcome === 'cancelled' ? '有一笔缴费待支付' : '有一笔缴费结果确认中'}
            </Text>
            <Text className="pending__detail">
              {order.payer.maskedName} · {order.periodLabel} · 点按查看，请勿重复缴费
            </Text>
          </Tappable>
        ) : null}
      </View>

      {/* A fixed slot too: the board arriving (its code, then each row) updates this node only. */}
      <View id="board-slot">
        {returning ? (
          <Suspense fallback={null}>
            <Board />
          </Suspense>
        ) : null}
      </View>
      {returning ? regionCard : null}

      <View className="home__actions">
        <ActionButton id="entry-self" label="本人缴费" onTap={() => start('self')} />
        <ActionButton id="entry-other" kind="default" label="代他人缴费" onTap={() => start('other')} />
      </View>

      <View className="home__links">
        <Tappable id="link-records" className="link" role="link" label="缴费记录查询" onTap={() => go('records')}>
          <Text>缴费记录查询</Text>
        </Tappable>
        <Tappable id="link-family" className="link" role="link" label="常用缴费人" onTap={() => go('family')}>
          <Text>常用缴费人</Text>
        </Tappable>
        <Tappable id="link-policy" className="link" role="link" label="缴费标准与缴费时间" onTap={() => go('policy')}>
          <Text>缴费标准与缴费时间</Text>
        </Tappable>
        <Tappable id="link-help" className="link" role="link" label="常见问题" onTap={() => go('help')}>
          <Text>常见问题</Text>
        </Tappable>
      </View>

      <ReminderOffer province={region.province} />
      <View className="card">
        <CareModeSwitch />
      </View>

      <Text className="home__fraud" id="anti-fraud">
        请只通过官方渠道缴费。工作人员不会向您索要支付密码或短信验证码，也不会要求转账到个人账户。
      </Text>
    </Screen>
  )
}
