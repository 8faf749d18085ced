// 关怀模式 (large type): every page at normal size and with care mode on, screenshotted into
// artifacts/h5/largeFont/<normal|large>/<page>.png. At both sizes nothing may scroll sideways, be
// clipped or overlap its neighbour; at the large size buttons are at least 44 px tall, key texts
// at least 20 px, and all text grows with the mode. On every screen: axe, the 适老化 measurements
// and the reach of its primary action (PRIMARY_ACTIONS). Also: 清除本机数据 clears the app's keys.
/* global document, window, getComputedStyle */
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { a11yCounts, axeViolations, elderlyMeasurements, primaryActionProblems } from './a11y.mjs'
import { CASHIER_TITLE, CURRENT, e2e, localStorageEntries, payAtCashier, PEOPLE, VIEWPORT } from './helpers.mjs'

const test = (artifact, name, fn, options) => e2e(name, fn, { file: import.meta.url, artifact, ...options })

/** Texts that carry the content of a page: ≥ 20 px in care mode (30–34 design px × 1.4 ÷ 2). */
const KEY_TEXTS = [
  '.cell__value', '.cell__label', '.btn', '.field__label', '.field__value', '.field__input input', '.option__title',
  '.option__amount', '.record__title', '.faq__q', '.card__title', '.family__name', '.outcome__title',
  '.error-panel__title', '.empty__title', '.consent__title', '.choice', '.link', '.summary__label', '.pending__title',
  '.loading__text', '.home__title', '.family__empty-title',
].join(', ')

/**
 * What is wrong with the layout of the current page, as readable lines. `large` adds the care-mode
 * rules (touch targets, type sizes, type that does not grow).
 */
function layoutProblems({ current, large, keyTexts }) {
  const root = document.querySelector(current)
  const problems = []
  const W = window.innerWidth
  const name = (el) => {
    const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/).filter((c) => c && c !== 'tappable').slice(0, 2) : []
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls.map((c) => `.${c}`).join('')}`
  }
  const words = (el) => `"${(el.tagName === 'INPUT' ? el.value || el.placeholder : el.innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 24)}"`
  // .spoken is for screen readers only (a 1 px clipped box): not part of what a sighted user sees.
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('.spoken')
  const ownText = (el) => el.tagName === 'INPUT' ? Boolean(el.value || el.placeholder) : [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())
  if (!root) return ['no current page']

  if (document.scrollingElement.scrollWidth > W) problems.push(`the document is ${document.scrollingElement.scrollWidth} px wide`)
  if (root.scrollWidth > W) problems.push(`the page element is ${root.scrollWidth} px wide`)
  const pageRoot = root.querySelector('.page')
  if (pageRoot && pageRoot.classList.contains('care') !== large) problems.push(`the page root ${large ? 'lacks' : 'has'} the care class`)

  const all = [...root.querySelectorAll('*')].filter(visible)
  for (const el of all) {
    const r = el.getBoundingClientRect()
    if (el.scrollWidth > W) problems.push(`${name(el)} ${words(el)} is ${el.scrollWidth} px wide (scrollWidth)`)
    if (r.right > W + 0.5 || r.left < -0.5) problems.push(`${name(el)} ${words(el)} reaches past the screen (${Math.round(r.left)}..${Math.round(r.right)})`)
  }

  // Clipped text: a text box, or a box around it, that hides overflow and has more than it shows.
  for (const el of all.filter(ownText)) {
    if (el.tagName === 'INPUT') {
      const fs = parseFloat(getComputedStyle(el).fontSize)
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`input ${name(el)} ${words(el)} does not fit its box (${el.scrollWidth} > ${el.clientWidth})`)
      if (el.clientHeight < fs * 1.15) problems.push(`input ${name(el)} is ${el.clientHeight} px tall for ${fs} px type`)
    }
    for (let a = el; a && a !== root.parentElement; a = a.parentElement) {
      const cs = getComputedStyle(a)
      if (cs.overflowX !== 'visible' && a.scrollWidth > a.clientWidth + 1) {
        problems.push(`text ${words(el)} in ${name(el)} is clipped sideways by ${name(a)} (${a.scrollWidth} > ${a.clientWidth})`)
      }
      if (a !== root && (cs.overflowY === 'hidden' || cs.overflowY === 'clip') && a.scrollHeight > a.clientHeight + 1) {
        problems.push(`text ${words(el)} in ${name(el)} is clipped vertically by ${name(a)} (${a.scrollHeight} > ${a.clientHeight})`)
      }
      if (cs.textOverflow === 'ellipsis' && a.scrollWidth > a.clientWidth) problems.push(`text ${words(el)} is cut off with an ellipsis`)
    }
  }

  // Broken words: a number, ID, date or time split across two lines, or a short label (证件类型)
  // wrapped onto a second line. Measured character by character.
  const TOKEN = /[0-9A-Za-z*:.,¥%/-]/
  const range = document.createRange()
  for (const el of all.filter((e) => e.tagName !== 'INPUT' && ownText(e))) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3)
    const label = own.map((n) => n.textContent).join('').trim()
    const tops = []
    for (const node of own) {
      const chars = node.textContent
      let prev
      for (let i = 0; i < chars.length; i++) {
        if (/\s/.test(chars[i])) {
          prev = undefined
          continue
        }
        range.setStart(node, i)
        range.setEnd(node, i + 1)
        const rect = range.getClientRects()[0]
        if (!rect) continue
        const top = Math.round(rect.top)
        if (!tops.some((t) => Math.abs(t - top) < rect.height / 2)) tops.push(top)
        if (prev && rect.top > prev.rect.top + prev.rect.height / 2 && TOKEN.test(prev.ch) && TOKEN.test(chars[i])) {
          const left = chars.slice(Math.max(0, i - 12), i).split(/\s/).pop()
          const right = chars.slice(i, i + 12).split(/\s/)[0]
          problems.push(`${name(el)} splits "${left}|${right}" across two lines`)
        }
        prev = { ch: chars[i], rect }
      }
    }
    if (label.length <= 6 && !/\s/.test(label) && tops.length > 1) problems.push(`${name(el)} "${label}" wraps onto ${tops.length} lines`)
  }

  // Sibling text boxes must not overlap (line boxes, so wrapped inline text is compared line by line).
  const overlap = (p, q) => Math.min(p.right, q.right) - Math.max(p.left, q.left) > 1 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 1
  for (const parent of [root, ...all]) {
    const kids = [...parent.children].filter((c) => visible(c) && (c.innerText ?? '').trim())
    for (let i = 0; i < kids.length; i++) {
      for (let j = i + 1; j < kids.length; j++) {
        const a = [...kids[i].getClientRects()]
        const b = [...kids[j].getClientRects()]
        if (a.some((p) => b.some((q) => overlap(p, q)))) problems.push(`${name(kids[i])} ${words(kids[i])} overlaps ${name(kids[j])} ${words(kids[j])}`)
      }
    }
  }

  if (large) {
    for (const el of root.querySelectorAll('button, [role="button"], [role="radio"], [role="link"], .btn')) {
      if (!visible(el)) continue
      const h = el.getBoundingClientRect().height
      if (h < 44 - 0.01) problems.push(`${name(el)} ${words(el)} is ${h.toFixed(1)} px tall (< 44)`)
    }
    for (const el of root.querySelectorAll(keyTexts)) {
      if (!visible(el) || !(el.innerText ?? el.value ?? el.placeholder ?? '').trim()) continue
      const fs = parseFloat(getComputedStyle(el).fontSize)
      if (fs < 20) problems.push(`${name(el)} ${words(el)} is set in ${fs} px (< 20)`)
    }
    // All text grows in care mode: measure each text box with and without the care class.
    if (pageRoot) {
      const texts = all.filter(ownText)
      const big = texts.map((el) => parseFloat(getComputedStyle(el).fontSize))
      pageRoot.classList.remove('care')
      const normal = texts.map((el) => parseFloat(getComputedStyle(el).fontSize))
      pageRoot.classList.add('care')
      texts.forEach((el, i) => {
        if (big[i] < normal[i] * 1.3) problems.push(`${name(el)} ${words(el)} stays at ${big[i]} px in care mode (normal ${normal[i]} px)`)
      })
    }
  }
  return [...new Set(problems)]
}

/** A full-length screenshot of the current page as <dir>/<page>.png (the page scrolls inside itself). */
async function snap(app, page) {
  await app.settle()
  const height = await app.page.evaluate((current) => document.querySelector(current)?.scrollHeight ?? 0, CURRENT)
  const tall = Math.min(Math.ceil(height), 6000)
  if (tall > VIEWPORT.height) {
    await app.page.setViewportSize({ width: VIEWPORT.width, height: tall })
    await app.page.evaluate(() => new Promise((ok) => window.requestAnimationFrame(() => window.requestAnimationFrame(ok))))
  }
  try {
    await app.page.screenshot({ path: join(app.dir, `${page}.png`), fullPage: true, animations: 'disabled' })
  } finally {
    if (tall > VIEWPORT.height) await app.page.setViewportSize(VIEWPORT)
  }
}

/**
 * Every page of the app, in flow order: `visit(name)` is called on each once it shows what it
 * should. Returns nothing; the caller's visit collects problems.
 */
async function tour(app, visit) {
  await visit('home')

  // 本人缴费 to the items, and 请家人代缴's panel (its token opens the share page below).
  await app.tap('entry-self', { to: '/pages/payer/index' })
  await app.stationed('#payer-card', { text: '张*国' })
  await app.stationed('#next')
  await visit('payer-self')
  await app.tap('next', { to: '/pages/items/index' })
  await app.stationed('#total', { text: '¥400.00' })
  await visit('items-resident')
  await app.tap('ask-family')
  await app.stationed('#share-panel', { timeout: 10_000 })
  await visit('items-share-panel')
  const [share] = await app.mock('inspect.shares')

  // The share landing, and paying it: confirm, result, receipt.
  await app.open(`/packages/share/index?t=${share.token}`)
  await app.stationed('#shared-item', { timeout: 10_000 })
  await visit('share-landing')
  await app.tap('pay-shared', { to: '/pages/confirm/index' })
  await app.stationed('#amount', { text: '¥400.00' })
  await visit('confirm')
  await app.tap('confirm-pay', { to: '/pages/pay/index' })
  await app.modal(CASHIER_TITLE)
  await visit('cashier')
  // 取消 first: 支付未完成, whose 继续支付 opens the cashier again.
  await app.tapModal(CASHIER_TITLE, '取消')
  await app.stationed('#outcome-title', { text: '支付未完成', timeout: 20_000 })
  await app.stationed('#resume')
  await visit('pay-cancelled')
  await app.tap('resume')
  await app.modal(CASHIER_TITLE)
  await app.tapModal(CASHIER_TITLE, '确认支付')
  await app.stationed('#outcome-title', { text: '缴费成功', timeout: 20_000 })
  await app.stationed('#receipt')
  await app.stationed('#tracker-booked')
  await visit('result')
  await app.tap('view-receipt', { to: '/packages/records/receipt' })
  await app.stationed('#voucher-no')
  await app.stationed('#save-image')
  await visit('receipt')

  // 代他人缴费: the consent card, the filled form, and 孙丽's refused debit.
  await app.open('/pages/home/index')
  await app.tap('entry-other', { to: '/pages/payer/index' })
  await app.stationed('#privacy-consent')
  await visit('payer-other-consent')
  await app.tap('privacy-agree')
  await app.stationed('#lookup')
  await app.type('name', PEOPLE.p10.name)
  await app.type('idNumber', PEOPLE.p10.idNumber)
  await visit('payer-other-form')
  await app.tap('lookup', { to: '/pages/items/index' })
  await app.stationed('#total', { text: '¥400.00' })
  await app.tap('next', { to: '/pages/confirm/index' })
  await app.stationed('#amount', { text: '¥400.00' })
  await payAtCashier(app, '¥400.00', '确认支付', { shot: false })
  await app.stationed('#outcome-title', { text: '缴费失败', timeout: 20_000 })
  await app.stationed('#retry')
  await visit('pay-failed')

  // 灵活就业 (王强): 档次 chips and months.
  await app.open('/pages/payer/index?mode=other')
  await app.type('name', PEOPLE.p03.name)
  await app.type('idNumber', PEOPLE.p03.idNumber)
  await app.tap('lookup', { to: '/pages/items/index' })
  await app.stationed('#tiers')
  await app.stationed('#months')
  await visit('items-flexible')

  await app.open('/packages/records/index')
  await app.stationed('#records')
  await app.stationed('#filter-year')
  await visit('records')

  // 常用缴费人: empty, then with one saved (consent was given above).
  await app.open('/packages/family/index')
  await app.stationed('#family-empty')
  await app.stationed('#family-add')
  await visit('family-empty')
  await app.type('name', PEOPLE.p06.name)
  await app.type('idNumber', PEOPLE.p06.idNumber)
  await app.tap('relation-parent')
  await app.tap('family-add')
  await app.stationed('#family-added', { timeout: 10_000 })
  await app.stationed('#family-0')
  await visit('family')

  // Home for a returning user (paid above, one saved): the family board.
  await app.open('/pages/home/index')
  await app.stationed('#board-row-1', { text: '未缴', timeout: 10_000 })
  await app.stationed('#board-row-0', { text: '已缴费' })
  await visit('home-board')

  // 全部缴纳: a second unpaid member (欧阳娜娜, whose booking the tax side refuses), then both and 本人 at once.
  await app.open('/packages/family/index')
  await app.stationed('#family-add')
  await app.type('name', PEOPLE.p12.name)
  await app.type('idNumber', PEOPLE.p12.idNumber)
  await app.tap('relation-spouse')
  await app.tap('family-add')
  await app.stationed('#family-1', { timeout: 10_000 })
  await app.open('/pages/home/index')
  await app.stationed('#board-pay-all', { text: '全部缴纳（2人', timeout: 10_000 })
  await app.tap('board-pay-all', { to: '/packages/family/pay' })
  await app.stationed('#family-item-1')
  await app.stationed('#family-out-0', { text: '已缴费' })
  await visit('family-pay')
  await app.tap('family-confirm')
  await app.tapModal(CASHIER_TITLE, '确认支付')
  await app.stationed('#family-returned-0', { text: '待冲正', timeout: 20_000 })
  await app.stationed('#family-voucher-0', { text: '电子税票号码：' })
  await visit('family-result')

  // 演示后台 (from the demo notice): what is simulated, and the reset.
  await app.open('/packages/backend/index')
  await app.stationed('#demo-reset')
  await visit('demo-backend')

  await app.open('/packages/help/policy')
  await app.stationed('#standard')
  await visit('policy')

  await app.open('/packages/help/index')
  await app.stationed('#call-12366')
  await visit('help')
  await app.tap('link-privacy', { to: '/packages/help/privacy' })
  await app.stationed('#clear-local-data')
  await visit('privacy')
}

/**
 * Each screen of the tour and its primary action: what the person came to the screen to do (a
 * selector in the page, or `modal:<button>` for the cashier), measured for reach without precise
 * scrolling (a11y.mjs, primaryActionReach). `null`: a screen for reading or choosing among equals,
 * with no one action. A screen missing here fails, so a new one is classified.
 */
const PRIMARY_ACTIONS = {
  home: '#entry-self', // 本人缴费
  'home-board': '#board-row-1', // the unpaid family member's row: opens their journey
  'payer-self': '#next', // 下一步
  'items-resident': '#next',
  'items-share-panel': '#share-family', // 发送给家人
  'share-landing': '#pay-shared', // 为家人缴费
  confirm: '#confirm-pay', // 确认缴费
  cashier: 'modal:确认支付',
  'pay-cancelled': '#resume', // 继续支付
  result: '#view-receipt', // 查看缴费凭证
  receipt: '#save-image', // 保存凭证图片
  'payer-other-consent': '#privacy-agree', // 同意并继续
  'payer-other-form': '#lookup', // 查询
  'pay-failed': '#retry', // 重新支付
  'items-flexible': '#next',
  records: null, // the list itself (each record opens its receipt)
  'family-empty': '#family-add', // 核验并添加
  family: '#family-pay-0', // 为陈*兰缴费
  'family-pay': '#family-confirm', // 确认缴费 (全部缴纳)
  'family-result': '#view-records', // 缴费记录查询: each person's record and receipt
  'demo-backend': '#demo-reset', // 重置演示数据
  policy: '#call-12393', // figures to read, then the hotline for questions
  help: '#call-12393', // the first hotline
  privacy: '#clear-local-data', // 清除本机数据
}

/** A visitor that screenshots each page and collects its layout problems, axe's violations and the 适老化 measurements. */
function visitor(app, large, problems) {
  return async (page) => {
    await snap(app, page)
    const found = await app.page.evaluate(layoutProblems, { current: CURRENT, large, keyTexts: KEY_TEXTS })
    for (const p of found) problems.push(`${page}: ${p}`)
    problems.push(...(await axeViolations(app, page)), ...(await elderlyMeasurements(app, page, { care: large })))
    const primary = PRIMARY_ACTIONS[page]
    if (primary === undefined) problems.push(`${page}: not in PRIMARY_ACTIONS (say what its primary action is, or null)`)
    else if (primary) problems.push(...(await primaryActionProblems(app, page, primary, { care: large })))
  }
}

/** The checks a tour ran, for the log: screens, axe runs, 适老化 passes, primary actions measured. */
function countsSince(before, screens, size) {
  const d = (k) => a11yCounts[k] - before[k]
  console.log(`[largeFont] ${size}: ${screens} screens, ${d('axeScreens')} axe runs, ${d('measuredScreens')} 适老化 passes, ${d('primaryActions')} primary actions measured`)
}

const report = (problems, size) => `${problems.length} layout problem(s) at ${size} size (screenshots in artifacts/h5/largeFont/${size}/):\n  ${problems.join('\n  ')}`

test('normal', 'every page at normal size: screenshots, no sideways scroll, nothing clipped or overlapping', async (app) => {
  await app.open('/pages/home/index')
  await app.stationed('#care-mode', { text: '未开启' })
  const problems = []
  const counted = { ...a11yCounts }
  await tour(app, visitor(app, false, problems))
  countsSince(counted, Object.keys(PRIMARY_ACTIONS).length, 'normal')
  assert.deepEqual(problems, [], report(problems, 'normal'))
}, { timeout: 120_000 })

test('large', 'every page in care mode (switched on at home): no sideways scroll or clipping, 44 px targets, ≥ 20 px key text; 清除本机数据 clears yibao.* but the mock', async (app) => {
  await app.open('/pages/home/index')
  await app.tap('care-mode')
  await app.stationed('#care-mode[aria-checked="true"]', { text: '已开启' })
  assert.equal(JSON.parse((await localStorageEntries(app.page))['yibao.care.v1']).data, 'on', 'care mode is stored')
  // It survives a fresh load, and every page below is a fresh load or a step from one.
  await app.reload()
  await app.stationed('#care-mode', { text: '已开启' })
  assert.equal(await app.page.locator(`${CURRENT} .page.care`).count(), 1, 'care mode after a reload')
  const careSize = await app.page.evaluate((current) => parseFloat(getComputedStyle(document.querySelector(`${current} .page`)).fontSize), CURRENT)
  assert.ok(careSize >= 20, `body text is ${careSize} px in care mode`)

  const problems = []
  const counted = { ...a11yCounts }
  await tour(app, visitor(app, true, problems))
  countsSince(counted, Object.keys(PRIMARY_ACTIONS).length, 'large')

  // The reach measurement can fail: the same button in the middle of a long page, then under a
  // bar, is reported (and then put back as it was).
  const plant = (how) =>
    app.page.evaluate(({ current, how }) => {
      const button = document.querySelector(`${current} #clear-local-data`)
      const block = (style) => Object.assign(document.createElement('div'), { className: 'planted', style })
      if (how === 'middle') {
        button.before(block('height: 1500px'))
        button.after(block('height: 1500px'))
      } else if (how === 'covered') document.body.append(block('position: fixed; inset: 0; background: #fff; z-index: 10000'))
      else document.querySelectorAll('.planted').forEach((el) => el.remove())
    }, { current: CURRENT, how })
  for (const [how, said] of [['middle', /not wholly in the 375 × 667 viewport.*not wholly in/], ['covered', /under div\.planted/]]) {
    await plant(how)
    const found = (await primaryActionProblems(app, `self-check ${how}`, '#clear-local-data', { care: true })).join('\n')
    await plant('remove')
    assert.match(found, said, `the reach measurement missed a button ${how}: ${found || 'no problem found'}`)
  }

  // 清除本机数据 on the privacy page: every yibao.* key goes, except the mock backend's own.
  const before = Object.keys(await localStorageEntries(app.page)).filter((k) => k.startsWith('yibao.'))
  for (const key of ['yibao.care.v1', 'yibao.consent.v1', 'yibao.family.v1', 'yibao.mock.v1']) assert.ok(before.includes(key), `${key} before clearing: ${before}`)
  await app.tap('clear-local-data')
  await app.modal('清除本机数据')
  await app.tapModal('清除本机数据', '清除')
  await app.stationed('#clear-local-data[disabled]', { text: '本机数据已清除' })
  const after = Object.keys(await localStorageEntries(app.page)).filter((k) => k.startsWith('yibao.'))
  assert.deepEqual(after, ['yibao.mock.v1'], `left after 清除本机数据: ${after}`)
  // Care mode follows the system again (normal type in a browser), and the family list is gone.
  assert.equal(await app.page.locator(`${CURRENT} .page.care`).count(), 0, 'care mode still on after clearing')
  await snap(app, 'privacy-cleared')
  await app.open('/packages/family/index')
  await app.stationed('#family-empty')
  await app.stationed('#privacy-consent')

  assert.deepEqual(problems, [], report(problems, 'large'))
}, { timeout: 120_000 })
