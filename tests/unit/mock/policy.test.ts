/** The policy rules as the mock quotes them: waiting periods, 资助参保, 档次, arrears, unpublished years. */
import { adviceFor } from '@/view/advice'
import { expectCode, harness } from './harness'

describe('mock: policy truth', () => {
  it('a 2-year break (p14) waits 3 + 2 months from 1 January even inside the window, and says why', async () => {
    const h = harness()
    const due = await h.backend.listDueItems({ payerRef: await h.refOf('p14') })
    expect(due.resident!.years).toEqual([
      expect.objectContaining({ coverageYear: 2027, inWindow: true, coverReason: 'waiting_period', coverStart: '2027-06-01', coverNote: '断保2年：固定等待期3个月 + 变动等待期2个月' }),
    ])
  })

  it('the newborn (p07, born 2026-10-08, 成都 180 days) is covered from birth, still at 150 days', async () => {
    const h = harness()
    const due = await h.backend.listDueItems({ payerRef: await h.refOf('p07') })
    expect(due.resident!.years.map((y) => [y.coverageYear, y.coverReason, y.coverStart])).toEqual([
      [2026, 'newborn', '2026-10-08'],
      [2027, 'newborn', '2027-01-01'],
    ])
    const later = harness({ now: Date.UTC(2027, 2, 7, 2, 0) }) // 150 days old: past the national 90
    const lateDue = await later.backend.listDueItems({ payerRef: await later.refOf('p07') })
    expect(lateDue.resident!.years).toEqual([expect.objectContaining({ coverageYear: 2027, coverReason: 'newborn', coverStart: '2027-01-01', inWindow: false })])
  })

  it('特困人员 (p15): fully funded, offered no payment, and no order or share can be made', async () => {
    const h = harness()
    const payerRef = await h.refOf('p15')
    const due = await h.backend.listDueItems({ payerRef })
    expect(due.payer.subsidyLabel).toBe('特困人员')
    expect(due.resident!.years).toEqual([expect.objectContaining({ coverageYear: 2027, payableFen: 0, subsidyFen: 40000, standardFen: 40000, coverReason: 'in_window' })])
    const selection = { kind: 'resident' as const, coverageYear: 2027 }
    const refused = await expectCode(h.backend.createOrder({ idempotencyKey: 'key_p15_1', payerRef, selection }), 'NOTHING_DUE')
    expect(refused.message).toBe('由政府全额资助，无需个人缴费')
    await expectCode(h.backend.createShareToken({ payerRef, selection }), 'NOTHING_DUE')
    expect(h.mock.inspect.orders().filter((o) => o.personId === 'p15')).toEqual([])
  })

  it('低保 (p06): both parts shown, the 30% share marked demo', async () => {
    const h = harness()
    const due = await h.backend.listDueItems({ payerRef: await h.refOf('p06') })
    expect(due.resident!.years[0]).toMatchObject({ standardFen: 40000, subsidyFen: 28000, payableFen: 12000, demo: true })
  })

  it('flexible 档次 come from the average wage (100% = 7831), demo-marked for the rate; older arrears are named', async () => {
    const h = harness()
    const wang = await h.backend.listDueItems({ payerRef: await h.refOf('p03') })
    expect(wang.flexible!.tiers.find((t) => t.code === 'p100')).toMatchObject({ baseFen: 783100, monthlyFen: 78310 })
    expect(wang.flexible!.demo).toBe(true)
    expect(wang.flexible!.olderArrears).toBeUndefined()
    const yang = await h.backend.listDueItems({ payerRef: await h.refOf('p16') })
    expect(yang.flexible!.months.map((m) => m.month)).toEqual(['2026-08', '2026-09', '2026-10', '2026-11'])
    expect(yang.flexible!.olderArrears).toBe('2026年4月至2026年7月共4个月欠费超出线上补缴期限（近3个月），未在此列出。更早的欠费请到医保经办机构办理')
  })

  it('a window open for a year without a published standard says so, not 无应缴信息', async () => {
    const h = harness({ now: Date.UTC(2027, 9, 1, 2, 0) })
    const error = await expectCode(h.backend.listDueItems({ payerRef: await h.refOf('p01') }), 'POLICY_NOT_PUBLISHED')
    expect(error.message).toBe('该地区2028年度缴费标准尚未公布（成都市）')
    expect(adviceFor(error.code, error.message).detail).toContain('该地区2028年度缴费标准尚未公布')
  })

  it('WINDOW_CLOSED names when cover would start if paid now and the next window', async () => {
    const h = harness({ now: Date.UTC(2027, 2, 15, 2, 0) })
    const payerRef = await h.refOf('p01')
    const error = await expectCode(h.backend.createOrder({ idempotencyKey: 'key_closed', payerRef, selection: { kind: 'resident', coverageYear: 2028 } }), 'WINDOW_CLOSED')
    expect(error.message).toBe('2028年度当前不在缴费期内。现在缴纳2027年度，需经过等待期，2027年6月15日起享受医保待遇；下一个集中缴费期：2027年9月1日至2028年2月29日')
    const advice = adviceFor(error.code, error.message)
    expect(advice.detail).toContain('2027年6月15日起享受医保待遇')
    expect(advice.detail).toContain('12393')
  })
})

describe('advice: hotlines and consistent wording', () => {
  it('enrolment, waiting and employee-cover answers point to 12393; PAYMENT_LOCKED says one thing', () => {
    for (const code of ['NOT_REGISTERED', 'WINDOW_CLOSED', 'EMPLOYEE_COVERED']) expect(adviceFor(code).detail).toContain('12393')
    expect(adviceFor('EMPLOYEE_COVERED').detail).toMatch(/由单位办理停保.*灵活就业人员/)
    expect(adviceFor('PAYMENT_LOCKED').detail).toContain('1–2 天内原路退回')
    expect(adviceFor('PAYMENT_LOCKED').detail).not.toContain('30 分钟')
    // A generic backend message adds nothing to the title and is not repeated.
    expect(adviceFor('NOTHING_DUE', '无应缴信息').detail).toBe(adviceFor('NOTHING_DUE').detail)
  })
})
