import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import DemoMark from '../../components/DemoMark'
import Hotlines from '../../components/Hotlines'
import Screen from '../../components/Screen'
import Tappable from '../../components/Tappable'
import { formatFen } from '../../domain/money'
import { WAITING_RULE, overviewYears, payableYearNow, policyOverview } from '../../domain/policyOverview'
import { PROVINCES, REGIONS } from '../../domain/regions'
import { formatChineseDate, shanghaiDate } from '../../domain/time'
import { usePublicShare } from '../../flow/publicShare'
import { currentRegion } from '../../flow/region'
import { appClock } from '../../services'
import FlexibleTiers from './FlexibleTiers'
import Source from './Sourced'
import './policy.css'

/** 缴费标准与缴费时间: what it costs and until when, for a region and a coverage year, with sources. */
export default function Policy() {
  usePublicShare()
  const today = shanghaiDate(appClock())
  const [region, setRegion] = useState(() => currentRegion())
  const [year, setYear] = useState(() => payableYearNow(today, region))
  const view = policyOverview(region, year, today)
  const { resident, window } = view

  return (
    <Screen className="policy">
      {PROVINCES.map((p) => (
        <View key={p.code}>
          <Text className="section-title">{p.name}</Text>
          <View className="choices choices--chips" id={`regions-${p.code}`}>
            {REGIONS.filter((r) => r.province === p.code).map((r) => (
              <Tappable key={r.code} id={`region-${r.code}`} className="chip chip--choice" role="radio" checked={r.code === region.code} label={r.name} onTap={() => setRegion(r)}>
                <Text>{r.name}</Text>
              </Tappable>
            ))}
          </View>
        </View>
      ))}
      <Text className="section-title">缴费年度</Text>
      <View className="choices choices--chips" id="years">
        {overviewYears().map((y) => (
          <Tappable key={y} id={`year-${y}`} className="chip chip--choice" role="radio" checked={y === year} label={`${y}年度`} onTap={() => setYear(y)}>
            <Text>{y}年度</Text>
          </Tappable>
        ))}
      </View>

      <Text className="section-title" id="heading">{region.name} · {year}年度城乡居民医保</Text>
      <View className="card" id="resident">
        <Text className="policy__text" id="scope">{view.scope}</Text>
        {resident ? (
          <View>
            <Text className="policy__text" id="standard">
              个人缴费标准 {formatFen(resident.individualFen)}/人·年，财政补助不低于 {formatFen(resident.fiscalSubsidyFen)}
              <DemoMark show={resident.demo} />
            </Text>
            <Source source={resident.source} demo={resident.demo} id="standard-source" />
          </View>
        ) : (
          <Text className="policy__text" id="not-published">{view.notPublished}</Text>
        )}
        <Text className="policy__text" id="window">
          集中缴费期：{formatChineseDate(window.start)}至{formatChineseDate(window.end)}
          {view.daysLeft !== undefined ? `，还剩 ${view.daysLeft} 天` : ''}
          <DemoMark show={window.demo} />
        </Text>
        <Source source={window.source} demo={window.demo} id="window-source" />
        {view.coverIfPaidToday ? (
          <Text className="policy__text" id="cover-today">今天缴费（首次参保或连续参保）：{formatChineseDate(view.coverIfPaidToday)}起享受医保待遇</Text>
        ) : null}
        <Text className="policy__text" id="cover-after">{view.afterWindow}</Text>
      </View>

      <Text className="section-title">待遇等待期</Text>
      <View className="card" id="waiting-rule">
        {WAITING_RULE.map((s) => (
          <Text key={s} className="policy__text">{s}</Text>
        ))}
        <Source source="国办发〔2024〕38号（2025年起施行），各地医保部门转述" />
        <Text className="policy__text" id="newborn">新生儿出生 {view.newborn.days} 天内参保缴费的，自出生之日起享受待遇</Text>
        <Source source={view.newborn.source} demo={view.newborn.demo} />
      </View>

      <Text className="section-title">灵活就业人员医保 · {year}年</Text>
      {view.flexible ? <FlexibleTiers policy={view.flexible} /> : <Text className="hint" id="flexible-not-published">{region.name}{year}年灵活就业人员缴费基数尚未公布</Text>}

      <Text className="section-title">资助参保</Text>
      <View className="card" id="subsidies">
        {view.subsidies.map((s) => (
          <View key={s.label}>
            <Text className="policy__text">{s.label}：{s.text}<DemoMark show={s.demo} /></Text>
            <Source source={s.source} demo={s.demo} />
          </View>
        ))}
      </View>

      <Text className="section-title">服务热线</Text>
      <Hotlines />
    </Screen>
  )
}
