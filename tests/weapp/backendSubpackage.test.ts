/**
 * Tier 2: the backend adapter (zod, the contract's checks, the embedded mock) is not in the main
 * package; it comes from the packages/backend subpackage through require.async. A download that
 * fails (offline on first use) is explained like any network error, and 重试 fetches it again.
 */
import fs from 'node:fs'
import path from 'node:path'
import { bootApp, DIST, PEOPLE } from './harness'

interface WxRequireAsync {
  calls: string[]
  fail?: (mod: string) => boolean
}
const wxRequire = () => ((globalThis as { __wxRequireAsync?: WxRequireAsync }).__wxRequireAsync ??= { calls: [] })

const h = bootApp()

test('the adapter chunk sits in packages/backend and holds zod and the mock; nothing in the main package does', () => {
  const chunk = fs.readFileSync(path.join(DIST, 'packages/backend/adapter.js'), 'utf8')
  expect(chunk).toContain('ZodMiniObject')
  expect(chunk).toContain('yibao.mock.v1')
  const mainFiles = fs.readdirSync(DIST).filter((f) => f.endsWith('.js'))
  for (const dir of ['pages']) {
    for (const page of fs.readdirSync(path.join(DIST, dir))) mainFiles.push(path.join(dir, page, 'index.js'))
  }
  for (const file of mainFiles) expect(fs.readFileSync(path.join(DIST, file), 'utf8')).not.toContain('ZodMini')
})

test('first use while the subpackage cannot download: the network message and 重试; then it loads once and the flow goes on', async () => {
  wxRequire().fail = (mod) => mod.includes('packages/backend/')
  await h.launch()
  await h.waitFor('#entry-self')
  await h.tap('#entry-self')
  await h.waitFor('#error-panel', 8000, 'the lookup fails with the download')
  expect(h.textOf('#error-panel')).toContain('网络')
  expect(h.textOf('#error-panel-action')).toBe('重试')
  expect(wxRequire().calls.filter((c) => c.includes('packages/backend/adapter.js')).length).toBeGreaterThanOrEqual(1)

  wxRequire().fail = undefined
  const before = wxRequire().calls.length
  await h.tap('#error-panel-action')
  await h.waitFor('#payer-card', 8000, 'the payer after 重试')
  expect(h.textOf('#payer-card')).toContain(PEOPLE.self.masked)
  expect(wxRequire().calls.slice(before)).toEqual(['./packages/backend/adapter.js'])

  // Loaded now: further calls go straight through without fetching again.
  const loaded = wxRequire().calls.length
  await h.tap('#next')
  await h.waitFor('#total', 8000, 'the items page')
  expect(wxRequire().calls.length).toBe(loaded)
})

test('演示后台 (from the demo notice) puts the demo data back and drops anything unfinished on the device', async () => {
  await h.launch()
  await h.waitFor('#demo-notice')
  // An order made earlier, and the app's note of it, as an unfinished payment leaves them.
  const mock = h.mock
  const seeded = mock.inspect.orders().length
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw envelopes from the mock's transport
  const call = async (method: string, request: unknown) => ((await mock.transport.call(method, request)) as { data: any }).data
  const { payerRef } = await call('lookupPayer', { mode: 'self' })
  const due = await call('listDueItems', { payerRef })
  const selection = { kind: 'resident', coverageYear: due.resident.years.find((y: { inWindow: boolean }) => y.inWindow).coverageYear }
  const order = await call('createOrder', { idempotencyKey: 'ik_demo_reset_1', payerRef, selection })
  h.storage.set('yibao.pendingOrder.v1', JSON.stringify({ key: 'ik_demo_reset_1', payerRef, selection, orderId: order.orderId }))
  expect(mock.inspect.orders()).toHaveLength(seeded + 1)

  await h.tap('#demo-notice')
  await h.waitFor('#demo-reset', 8000, 'the 演示后台 page')
  expect(h.route()).toBe('packages/backend/index')
  h.answerModal('confirm')
  await h.tap('#demo-reset')
  await h.waitFor('#entry-self', 8000, 'home after the reset')
  expect(h.route()).toBe('pages/home/index')
  expect(mock.inspect.orders()).toHaveLength(seeded)
  expect(h.storage.has('yibao.pendingOrder.v1')).toBe(false)
  expect(h.exists('#pending-order')).toBe(false)
})
