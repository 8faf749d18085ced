/**
 * Tier 2: 关怀模式, the privacy notice and 清除本机数据, the hotlines, 小程序码 scenes and the 缴费提醒
 * subscription, on the compiled weapp build.
 *
 * The care-mode test runs first on purpose: the app reads WeChat's font size once per launch
 * (then follows the stored choice), so the first page this file renders decides it.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { agreeToPrivacy, bootApp, coldRestart, HOME, installWxExtras, pageRootClass, PEOPLE, registryPerson, type Harness } from './harness'

const h = bootApp()
const wx = installWxExtras()
beforeEach(async () => {
  await h.reset()
  wx.reset()
})

const CARE_KEY = 'yibao.care.v1'
const CONSENT_KEY = 'yibao.consent.v1'
const MOCK_KEY = 'yibao.mock.v1'

const isCare = (hh: Harness = h) => pageRootClass(hh).split(/\s+/).includes('care')

test('关怀模式 follows WeChat\'s large font on a fresh install; the switch toggles it and the choice is stored', async () => {
  wx.fontSizeSetting = 24
  expect([...h.storage.keys()].filter((k) => k !== MOCK_KEY)).toEqual([])
  await h.launch()
  await h.waitFor('#care-mode')
  expect(pageRootClass(h)).toContain('page')
  expect(pageRootClass(h)).toContain('home')
  expect(isCare()).toBe(true)
  expect(h.textOf('#care-mode')).toContain('已开启')
  expect(h.nodeData('care-mode')?.cl).toContain('is-checked')
  // Following the system is not a choice: nothing stored yet.
  expect(h.storage.has(CARE_KEY)).toBe(false)

  await h.tap('#care-mode')
  expect(isCare()).toBe(false)
  expect(h.textOf('#care-mode')).toContain('未开启')
  expect(h.storage.get(CARE_KEY)).toBe('off')

  // Every page follows: the next page opened is not in care mode either.
  await h.tap('#link-help')
  await h.waitFor(() => h.route() === 'packages/help/index' && h.exists('#care-mode'), 3000, 'help page')
  expect(isCare()).toBe(false)
  // The help page has the same switch.
  await h.tap('#care-mode')
  expect(isCare()).toBe(true)
  expect(h.storage.get(CARE_KEY)).toBe('on')
  await h.back()
  expect(isCare()).toBe(true)

  // A relaunch keeps the choice.
  await h.launch()
  await h.waitFor('#care-mode')
  expect(isCare()).toBe(true)
  await h.tap('#care-mode')
  expect(h.storage.get(CARE_KEY)).toBe('off')
  wx.fontSizeSetting = 24
  await h.launch()
  await h.waitFor('#care-mode')
  expect(isCare()).toBe(false) // the person's choice beats the system's font
})

test('the privacy notice comes before the first ID entry: 不同意 goes home, 同意 shows the form and is remembered', async () => {
  await h.launch()
  await h.waitFor('#entry-other')
  await h.tap('#entry-other')
  await h.waitFor('#privacy-consent', 3000)
  expect(h.textOf('#privacy-consent')).toContain('个人信息保护提示')
  expect(h.exists('#name')).toBe(false)
  expect(h.exists('#idNumber')).toBe(false)
  expect(h.exists('#lookup')).toBe(false)
  expect(h.textOf('#privacy-decline')).toBe('不同意，返回首页')

  await h.tap('#privacy-decline')
  await h.waitFor(() => h.route() === HOME && h.exists('#entry-other'), 3000, 'home')
  expect(h.stack()).toHaveLength(1)
  expect(h.storage.has(CONSENT_KEY)).toBe(false)

  // Declined is not remembered as agreed: asked again.
  await h.tap('#entry-other')
  await h.waitFor('#privacy-consent', 3000)
  // The full notice is one tap away.
  await h.tap('#privacy-notice-link')
  await h.waitFor(() => h.route() === 'packages/help/privacy' && h.exists('#clear-local-data'), 3000, 'privacy page')
  expect(h.text()).toContain('本机不保存完整号码')
  await h.back()
  await agreeToPrivacy(h)
  expect(h.exists('#privacy-consent')).toBe(false)
  expect(h.exists('#name')).toBe(true)
  expect(h.exists('#idNumber')).toBe(true)
  expect(h.storage.get(CONSENT_KEY)).toBeTruthy()

  // Asked once: the next 代他人缴费 goes straight to the form.
  await h.launch()
  await h.waitFor('#entry-other')
  await h.tap('#entry-other')
  await h.waitFor('#lookup', 3000)
  expect(h.exists('#privacy-consent')).toBe(false)
})

test('清除本机数据 (after confirming) removes every yibao. key but the mock backend\'s, and consent is asked again', async () => {
  // Build up local data: consent, a region, care mode, a lookup (journey snapshot), a family member, a channel.
  await h.launch(HOME, { scene: 'r%3D510700%26c%3Dhosp7' })
  await h.waitFor('#entry-other')
  await h.tap('#care-mode')
  await h.tap('#entry-other')
  await agreeToPrivacy(h)
  await h.input('#name', registryPerson('p06').name)
  await h.input('#idNumber', registryPerson('p06').idNumber)
  await h.tap('#lookup')
  await h.waitFor(() => h.route() === 'pages/items/index', 5000, 'items page')
  h.storage.set('yibao.family.v1', JSON.stringify([{ payerRef: 'seedref_00', maskedName: '演*', maskedIdNumber: '110101********001X', idType: 'resident_id', regionName: '成都市', relation: 'other', addedAt: 1 }]))
  h.storage.set('other.sdk.key', 'not ours')
  const before = [...h.storage.keys()].sort()
  for (const key of ['yibao.consent.v1', 'yibao.region.v1', 'yibao.channel.v1', 'yibao.care.v1', 'yibao.journey.v1', 'yibao.family.v1', MOCK_KEY]) expect(before).toContain(key)

  await h.launch()
  await h.waitFor('#link-help')
  await h.tap('#link-help')
  await h.waitFor('#link-privacy', 3000)
  await h.tap('#link-privacy')
  await h.waitFor(() => h.route() === 'packages/help/privacy' && h.exists('#clear-local-data'), 3000, 'privacy page')
  expect(h.textOf('#clear-local-data')).toBe('清除本机数据')

  // 取消 keeps everything.
  h.answerModal('cancel')
  await h.tap('#clear-local-data')
  await h.waitFor(() => h.modals.length === 1, 2000, 'modal')
  await h.settle()
  expect(h.modals[0]).toMatchObject({ title: '清除本机数据', confirmText: '清除', answer: 'cancel' })
  expect([...h.storage.keys()].sort()).toEqual(before)

  h.answerModal('confirm')
  await h.tap('#clear-local-data')
  await h.waitFor(() => h.textOf('#clear-local-data') === '本机数据已清除', 3000, 'cleared')
  const after = [...h.storage.keys()].sort()
  expect(after.filter((k) => k.startsWith('yibao.'))).toEqual([MOCK_KEY])
  expect(after).toContain('other.sdk.key') // not the app's to delete
  expect(h.nodeData('clear-local-data')?.disabled).toBe(true)
  // Care mode is back to following the system (standard font here).
  expect(isCare()).toBe(false)

  // The next 代他人缴费 asks for consent again, and the region is the default again.
  await h.launch()
  await h.waitFor('#entry-other')
  expect(h.textOf('#region-name')).toBe('成都市')
  await h.tap('#entry-other')
  await h.waitFor(() => h.exists('#privacy-consent') || h.exists('#lookup'), 3000, 'consent or form')
  expect(h.exists('#privacy-consent')).toBe(true)
  expect(h.exists('#lookup')).toBe(false)
  // The backend's records were not touched: the lookup's person can still be found.
  expect(h.storage.has(MOCK_KEY)).toBe(true)
})

test('the help page dials 12366 and 12333', async () => {
  await h.launch('packages/help/index')
  await h.waitFor('#call-12333')
  expect(h.textOf('#call-12366')).toContain('12366')
  expect(h.textOf('#call-12333')).toContain('12333')
  await h.tap('#call-12366')
  await h.tap('#call-12333')
  await h.waitFor(() => h.phoneCalls.length === 2, 2000, 'two calls')
  expect(h.phoneCalls).toEqual(['12366', '12333'])
})

test('a 小程序码 scene picks 厦门市 and records the channel; the region is remembered', async () => {
  await h.launch(HOME, { scene: 'r%3D350200%26c%3Dsq01' })
  await h.waitFor('#region-name')
  expect(h.textOf('#region-name')).toBe('厦门市')
  await h.waitFor(() => h.storage.has('yibao.channel.v1'), 2000, 'channel stored')
  expect(h.storage.get('yibao.region.v1')).toBe('350200')
  const channel = JSON.parse(String(h.storage.get('yibao.channel.v1')))
  expect(channel).toMatchObject({ channel: 'sq01' })
  expect(typeof channel.at).toBe('number')
  expect(Math.abs(channel.at - Date.now())).toBeLessThan(60_000)

  // A plain launch later: still 厦门市.
  await h.launch()
  await h.waitFor('#region-name')
  expect(h.textOf('#region-name')).toBe('厦门市')
})

test.each([
  ['a broken percent-encoding', '%E0%A4%A'],
  ['an unknown region and a bad channel', 'r%3D999999%26c%3D%3Cscript%3E'],
  ['an over-long scene', `r%3D350200%26c%3D${'x'.repeat(40)}`],
  ['a scene naming a person', `id%3D${PEOPLE.self.id}`],
  ['garbage', '%%%'],
])('a malformed scene (%s) falls back to the default region and records nothing', async (_case, scene) => {
  await h.launch(HOME, { scene })
  await h.waitFor('#entry-self')
  expect(h.textOf('#region-name')).toBe('成都市')
  expect(h.textOf('#entry-self')).toBe('本人缴费')
  await h.settle()
  expect(h.storage.has('yibao.channel.v1')).toBe(false)
  expect(h.storage.has('yibao.region.v1')).toBe(false)
  expect(JSON.stringify([...h.storage.entries()])).not.toContain(PEOPLE.self.id)
})

test('缴费期开始时提醒我 asks for the subscription from the tap; accept and reject are each said', async () => {
  await h.launch()
  await h.waitFor('#reminder-subscribe')
  wx.answerSubscribe('accept')
  await h.tap('#reminder-subscribe')
  await h.waitFor('#reminder-result', 3000)
  expect(h.textOf('#reminder-result')).toMatch(/^已订阅，\d{4}年缴费期开始时提醒您$/)
  expect(wx.calls.filter((c) => c.api === 'requestSubscribeMessage').map((c) => c.options)).toEqual([{ tmplIds: ['yibao_demo_collection_window_open'] }])
  expect(h.nodeData('reminder-result')?.cl).not.toContain('save-result--error')

  await h.launch()
  await h.waitFor('#reminder-subscribe')
  wx.answerSubscribe('reject')
  await h.tap('#reminder-subscribe')
  await h.waitFor('#reminder-result', 3000)
  expect(h.textOf('#reminder-result')).toBe('您未允许提醒，可随时在此重新订阅')
  expect(h.nodeData('reminder-result')?.cl).toContain('save-result--error')

  await h.launch()
  await h.waitFor('#reminder-subscribe')
  wx.answerSubscribe('fail')
  await h.tap('#reminder-subscribe')
  await h.waitFor('#reminder-result', 3000)
  expect(h.textOf('#reminder-result')).toContain('暂时无法订阅提醒')
  expect(wx.count('requestSubscribeMessage')).toBe(3)
})

// Last: it boots a second copy of the app (a cold start with the phone's storage carried over).
test('the care-mode choice survives a cold relaunch: it is read back from storage', async () => {
  wx.fontSizeSetting = 17
  await h.launch()
  await h.waitFor('#care-mode')
  const wasCare = isCare()
  if (wasCare) await h.tap('#care-mode')
  await h.tap('#care-mode')
  expect(isCare()).toBe(true)
  expect(h.storage.get(CARE_KEY)).toBe('on')
  // A new process: a fresh wx and module registry, the phone's storage carried over.
  const second = await coldRestart(h)
  expect(second).not.toBe(h)
  // WeChat's font is standard: only the stored choice can turn care mode on.
  await second.launch()
  await second.waitFor('#care-mode')
  expect(isCare(second)).toBe(true)
  expect(second.textOf('#care-mode')).toContain('已开启')
  expect((globalThis as any).wx.getAppBaseInfo().fontSizeSetting).toBeUndefined()
  await second.reset()
})
