/**
 * Tier 2 against the server: a WeChat user the demo world does not know (any code but `demo`) has
 * no real-name identity. Their 本人缴费 says so and offers 代他人缴费, which works for them.
 */
import { agreeToPrivacy, bootApp, errorTitle } from '../weapp/harness'
import { serverWorld } from './serverWorld'

const h = bootApp()
const world = serverWorld()
world.loginCode = 'newcomer-0412'
beforeEach(async () => {
  await h.reset()
  world.pinAppClock(h)
})

test('本人缴费 without real-name identity explains why and leads to 代他人缴费', async () => {
  await h.launch()
  await h.waitFor('#entry-self')
  await h.tap('#entry-self')
  await h.waitFor('#error-panel', 10_000)

  expect(errorTitle(h)).toBe('微信账号尚未实名认证')
  expect(h.textOf('#error-panel')).toContain('代他人缴费')
  expect(h.exists('#next')).toBe(false)
  // The app logged in with this user's code, and the server answered REALNAME_REQUIRED.
  expect(world.requests.find((r) => r.path === '/v1/session')?.body).toEqual({ code: 'newcomer-0412' })
  const lookup = world.requests.find((r) => r.path === '/v1/rpc/lookupPayer')
  expect(lookup?.body).toEqual({ mode: 'self' })

  expect(h.textOf('#error-panel-action')).toBe('代他人缴费')
  await h.tap('#error-panel-action')
  await h.waitFor(() => h.route() === 'pages/payer/index' && (h.exists('#privacy-agree') || h.exists('#lookup')), 5000, 'proxy form')
  await agreeToPrivacy(h)
  expect(h.exists('#name')).toBe(true)
  expect(h.exists('#idNumber')).toBe(true)

  // This user has no records on the server, not even 张建国's.
  expect((await world.rpcAsApp('listRecords', {})).records).toEqual([])
})
