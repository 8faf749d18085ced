import { DEFAULT_REGION_CODE, PROVINCES, REGIONS, findRegion } from './regions'

describe('provinces and regions', () => {
  it('lists all 21 市州 of Sichuan and all 9 设区市 of Fujian', () => {
    expect(PROVINCES.map((p) => p.name)).toEqual(['四川省', '福建省'])
    expect(REGIONS.filter((r) => r.province === '51')).toHaveLength(21)
    expect(REGIONS.filter((r) => r.province === '35')).toHaveLength(9)
    for (const code of ['510100', '510700', '511300', '513400', '350100', '350200', '350900']) expect(findRegion(code)).toBeDefined()
    expect(findRegion(DEFAULT_REGION_CODE)?.name).toBe('成都市')
    expect(findRegion('999999')).toBeUndefined()
  })
  it('names each 征收机关', () => {
    expect(findRegion('510100')?.taxAuthority).toBe('国家税务总局成都市税务局')
    expect(findRegion('513200')?.taxAuthority).toBe('国家税务总局阿坝藏族羌族自治州税务局')
    expect(findRegion('350200')?.taxAuthority).toBe('国家税务总局厦门市税务局')
  })
  it('keeps codes consistent with their province and unique', () => {
    expect(new Set(REGIONS.map((r) => r.code)).size).toBe(REGIONS.length)
    for (const r of REGIONS) {
      expect(r.code).toMatch(/^\d{4}00$/)
      expect(r.code.slice(0, 2)).toBe(r.province)
      expect(r.source.length).toBeGreaterThan(0)
    }
  })
})
