/**
 * 常用缴费人: the cap, dedupe by payerRef, self refused, corrupt data set aside, and the privacy
 * rule — storage holds the backend's opaque reference and masked display, never a full number.
 */
import fc from 'fast-check'
import { maskIdNumber, maskName } from '../domain/mask'
import type { PayerView } from '../contract'
import { DEMO_PEOPLE } from '../services/mock/registry'
import { createMemoryStore } from '../services/storage'
import { harness } from '../../tests/unit/mock/harness'
import {
  FAMILY_CORRUPT_KEY,
  FAMILY_KEY,
  FAMILY_LIMIT,
  FAMILY_MESSAGES,
  RELATION_CODES,
  RELATIONS,
  createFamilyPayers,
  relationLabel,
  type Relation,
} from './familyPayers'

const NOW = Date.UTC(2026, 10, 23, 2, 0)

/** A made-up person with a full 18-character number, as only the backend would know it. */
function person(i: number) {
  const idNumber = `5101041960${String(i).padStart(2, '0')}0${String(100 + i).slice(-3)}${i % 10}`.slice(0, 17) + 'X'
  const name = `测试人${'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未'[i % 18]}`
  return { idNumber, name }
}

function viewOf(i: number, overrides: Partial<PayerView> = {}): PayerView {
  const p = person(i)
  return {
    payerRef: `pr_test${String(i).padStart(4, '0')}`,
    maskedName: maskName(p.name),
    maskedIdNumber: maskIdNumber(p.idNumber),
    idType: 'resident_id',
    region: { code: '510100', name: '成都市', taxAuthority: '国家税务总局成都市税务局' },
    kind: 'resident',
    isSelf: false,
    ...overrides,
  }
}

function setup(initial: Record<string, string> = {}) {
  const storage = createMemoryStore(initial)
  let now = NOW
  const family = createFamilyPayers(storage, () => (now += 1000))
  return { storage, family }
}

describe('family payers', () => {
  it('starts empty and saves only the opaque reference and the masked display', () => {
    const { storage, family } = setup()
    expect(family.list()).toEqual([])
    const result = family.add(viewOf(1), 'parent')
    expect(result).toMatchObject({ ok: true, updated: false })
    expect(family.list()).toEqual([
      {
        payerRef: 'pr_test0001',
        maskedName: maskName(person(1).name),
        maskedIdNumber: maskIdNumber(person(1).idNumber),
        idType: 'resident_id',
        regionName: '成都市',
        relation: 'parent',
        addedAt: NOW + 1000,
      },
    ])
    const stored = storage.getItem(FAMILY_KEY)!
    expect(stored).not.toContain(person(1).idNumber)
    expect(stored).not.toContain(person(1).name)
    // Nothing else from the view (insurance kind, tax authority) is kept.
    expect(stored).not.toContain('税务局')
  })

  it('re-adding the same person updates the relation, keeps the place and the date', () => {
    const { family } = setup()
    family.add(viewOf(1), 'parent')
    family.add(viewOf(2), 'spouse')
    const again = family.add(viewOf(1, { region: { code: '350200', name: '厦门市', taxAuthority: 'x' } }), 'other')
    expect(again).toMatchObject({ ok: true, updated: true, entry: { relation: 'other', regionName: '厦门市', addedAt: NOW + 1000 } })
    expect(family.list().map((e) => [e.payerRef, e.relation])).toEqual([
      ['pr_test0001', 'other'],
      ['pr_test0002', 'spouse'],
    ])
  })

  it(`keeps at most ${FAMILY_LIMIT} and says so in Chinese; an existing one can still be updated`, () => {
    const { family } = setup()
    for (let i = 0; i < FAMILY_LIMIT; i++) expect(family.add(viewOf(i), 'other').ok).toBe(true)
    expect(family.isFull()).toBe(true)
    const over = family.add(viewOf(99), 'child')
    expect(over).toEqual({ ok: false, reason: 'limit', message: FAMILY_MESSAGES.limit })
    expect(FAMILY_MESSAGES.limit).toBe('最多保存10位常用缴费人，请先删除不常用的')
    expect(family.list()).toHaveLength(FAMILY_LIMIT)
    expect(family.add(viewOf(3), 'child')).toMatchObject({ ok: true, updated: true })
    family.remove('pr_test0000')
    expect(family.add(viewOf(99), 'child')).toMatchObject({ ok: true, updated: false })
  })

  it('the logged-in person cannot be added', () => {
    const { storage, family } = setup()
    expect(family.add(viewOf(1, { isSelf: true }), 'parent')).toEqual({ ok: false, reason: 'self', message: FAMILY_MESSAGES.self })
    expect(storage.getItem(FAMILY_KEY)).toBeNull()
  })

  it('a relation outside the list is refused', () => {
    const { family } = setup()
    expect(family.add(viewOf(1), 'uncle' as Relation)).toMatchObject({ ok: false, reason: 'invalid' })
  })

  it('removes by reference; an unknown reference changes nothing', () => {
    const { storage, family } = setup()
    family.add(viewOf(1), 'parent')
    family.add(viewOf(2), 'child')
    const before = storage.getItem(FAMILY_KEY)
    expect(family.remove('pr_nobody')).toHaveLength(2)
    expect(storage.getItem(FAMILY_KEY)).toBe(before)
    expect(family.remove('pr_test0001').map((e) => e.payerRef)).toEqual(['pr_test0002'])
    expect(family.list().map((e) => e.payerRef)).toEqual(['pr_test0002'])
  })

  it('refresh updates a saved person from a new lookup and ignores anyone else', () => {
    const { family } = setup()
    family.add(viewOf(1), 'parent')
    family.refresh(viewOf(1, { region: { code: '510700', name: '绵阳市', taxAuthority: 'x' } }))
    expect(family.list()[0]).toMatchObject({ regionName: '绵阳市', relation: 'parent' })
    expect(family.refresh(viewOf(5))).toHaveLength(1)
  })

  it('a backend that forgot to mask: the number is masked before it is written', () => {
    const { storage, family } = setup()
    const leaky = viewOf(7, { maskedIdNumber: person(7).idNumber, maskedName: 'Johnathan Smithson' })
    const result = family.add(leaky, 'other')
    expect(result).toMatchObject({ ok: true, entry: { maskedIdNumber: maskIdNumber(person(7).idNumber) } })
    const stored = storage.getItem(FAMILY_KEY)!
    expect(stored).not.toContain(person(7).idNumber)
    for (const e of JSON.parse(stored) as Array<Record<string, unknown>>) {
      expect(e.maskedIdNumber).not.toMatch(/[0-9A-Za-z]{7,}/)
      expect(e.maskedName).not.toMatch(/[0-9A-Za-z]{7,}/)
    }
    expect(stored).not.toContain('Johnathan')
  })

  it('labels every relation in Chinese', () => {
    expect(RELATIONS.map((r) => r.label)).toEqual(['父母', '配偶', '子女', '其他'])
    expect(RELATIONS.map((r) => r.code)).toEqual([...RELATION_CODES])
    expect(relationLabel('spouse')).toBe('配偶')
  })
})

describe('family payers: stored data that does not fit', () => {
  const oldShape = JSON.stringify([{ name: '李秀英', idType: 'resident_id', idNumber: '510104195803120027', relation: 'parent' }])
  const cases: Array<[string, string]> = [
    ['not JSON', '{"payerRef": "pr_'],
    ['an object, not a list', JSON.stringify({ entries: [] })],
    ['an old shape with the full number', oldShape],
    ['an unknown relation', JSON.stringify([{ ...viewEntry(), relation: 'uncle' }])],
    ['an unmasked number', JSON.stringify([{ ...viewEntry(), maskedIdNumber: '510104195803120027' }])],
    ['a bad reference', JSON.stringify([{ ...viewEntry(), payerRef: 'a b' }])],
    ['null', 'null'],
  ]

  function viewEntry() {
    return { payerRef: 'pr_test0001', maskedName: '李*英', maskedIdNumber: '510104********0027', idType: 'resident_id', regionName: '成都市', relation: 'parent', addedAt: NOW }
  }

  it.each(cases)('%s: an empty list, the data set aside without a full number, no crash', (_label, raw) => {
    const { storage, family } = setup({ [FAMILY_KEY]: raw })
    expect(family.list()).toEqual([])
    expect(storage.getItem(FAMILY_KEY)).toBeNull()
    const aside = storage.getItem(FAMILY_CORRUPT_KEY)
    expect(aside).not.toBeNull()
    expect(aside).not.toContain('510104195803120027')
    // And the list works again at once.
    expect(family.add(viewOf(1), 'child').ok).toBe(true)
    expect(family.list()).toHaveLength(1)
  })

  it('a valid list with a repeated reference or more than the cap is tidied, not thrown away', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ...viewEntry(), payerRef: `pr_test${String(i % 11).padStart(4, '0')}` }))
    const { family } = setup({ [FAMILY_KEY]: JSON.stringify(many) })
    const list = family.list()
    expect(list).toHaveLength(FAMILY_LIMIT)
    expect(new Set(list.map((e) => e.payerRef)).size).toBe(FAMILY_LIMIT)
  })

  it('whatever is in storage, reading never throws and yields at most the cap', () => {
    const junk = fc.oneof(
      fc.string(),
      fc.json(),
      fc.array(fc.record({ payerRef: fc.string(), maskedName: fc.string(), maskedIdNumber: fc.string(), relation: fc.string() })).map((v) => JSON.stringify(v)),
    )
    fc.assert(
      fc.property(junk, (raw) => {
        const { family } = setup({ [FAMILY_KEY]: raw })
        const list = family.list()
        expect(list.length).toBeLessThanOrEqual(FAMILY_LIMIT)
      }),
    )
  })
})

describe('family payers under random use', () => {
  type Op = { t: 'add'; who: number; relation: Relation; leaky: boolean } | { t: 'remove'; who: number }
  const who = fc.nat({ max: 14 })
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ t: fc.constant('add' as const), who, relation: fc.constantFrom(...RELATION_CODES), leaky: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('remove' as const), who }) },
  )

  it('stays within the cap, never holds a person twice, matches a simple model and stores no full number', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const { storage, family } = setup()
        const model = new Map<string, Relation>()
        for (const o of ops) {
          const ref = viewOf(o.who).payerRef
          if (o.t === 'remove') {
            family.remove(ref)
            model.delete(ref)
            continue
          }
          // Half the time the "backend" leaks the full number in the masked field.
          const view = viewOf(o.who, o.leaky ? { maskedIdNumber: person(o.who).idNumber } : {})
          const result = family.add(view, o.relation)
          if (model.has(ref) || model.size < FAMILY_LIMIT) {
            expect(result.ok).toBe(true)
            model.set(ref, o.relation)
          } else {
            expect(result).toMatchObject({ ok: false, reason: 'limit' })
          }
          const list = family.list()
          expect(list.length).toBeLessThanOrEqual(FAMILY_LIMIT)
          expect(new Set(list.map((e) => e.payerRef)).size).toBe(list.length)
        }
        expect(new Map(family.list().map((e) => [e.payerRef, e.relation]))).toEqual(model)
        const stored = JSON.stringify(storage.dump())
        for (let i = 0; i <= 14; i++) expect(stored).not.toContain(person(i).idNumber)
        for (const e of family.list()) expect(e.maskedIdNumber).toMatch(/\*/)
      }),
    )
  })
})

describe('family payers with the embedded mock backend', () => {
  it('adding every demo person the lookup finds stores no full number and no full name', async () => {
    const h = harness()
    const { storage, family } = setup()
    let added = 0
    for (const p of DEMO_PEOPLE) {
      let view: PayerView
      try {
        view = await h.backend.lookupPayer({ mode: 'other', name: p.name, idType: p.idType, idNumber: p.idNumber })
      } catch {
        continue // not registered or in employee cover: nothing to save
      }
      const result = family.add(view, 'other')
      if (view.isSelf) expect(result).toMatchObject({ ok: false, reason: 'self' })
      else if (result.ok) added += 1
      else expect(result).toMatchObject({ reason: 'limit' })
    }
    expect(added).toBeGreaterThan(0)
    const stored = JSON.stringify(storage.dump())
    for (const p of DEMO_PEOPLE) {
      expect(stored).not.toContain(p.idNumber)
      if (Array.from(p.name).length > 1) expect(stored).not.toContain(p.name)
    }
    // A saved reference looks the person up again without the number.
    const first = family.list()[0]
    const again = await h.backend.lookupPayer({ mode: 'ref', payerRef: first.payerRef })
    expect(again.maskedIdNumber).toBe(first.maskedIdNumber)
  })
})
