/**
 * The regions the app serves: every 市州 of Sichuan and every 设区市 of Fujian, each with the
 * 征收机关 printed on its receipts. Small on purpose: the main package (home, scene) reads it;
 * the policy figures live in ./policy, which only the backend and the policy page load.
 */
export type ProvinceCode = '51' | '35' // 四川, 福建

export interface Province {
  code: ProvinceCode
  name: string
}

export interface Region {
  /** 6-digit administrative division code, e.g. '510100'. */
  code: string
  name: string
  province: ProvinceCode
  /** 征收机关 printed on the receipt; social insurance fees are collected by the tax bureau. */
  taxAuthority: string
  source: string
}

export const PROVINCES: readonly Province[] = [
  { code: '51', name: '四川省' },
  { code: '35', name: '福建省' },
]

const REGION_SOURCE =
  '行政区划代码 (GB/T 2260, 民政部); 社保费由税务部门征收 (seed 000 四川, seed 004 福建税务)'

// 21 市州 of Sichuan, then the 9 设区市 of Fujian: [code, name].
const CITIES: ReadonlyArray<readonly [string, string]> = [
  ['510100', '成都市'], ['510300', '自贡市'], ['510400', '攀枝花市'], ['510500', '泸州市'], ['510600', '德阳市'],
  ['510700', '绵阳市'], ['510800', '广元市'], ['510900', '遂宁市'], ['511000', '内江市'], ['511100', '乐山市'],
  ['511300', '南充市'], ['511400', '眉山市'], ['511500', '宜宾市'], ['511600', '广安市'], ['511700', '达州市'],
  ['511800', '雅安市'], ['511900', '巴中市'], ['512000', '资阳市'], ['513200', '阿坝藏族羌族自治州'],
  ['513300', '甘孜藏族自治州'], ['513400', '凉山彝族自治州'],
  ['350100', '福州市'], ['350200', '厦门市'], ['350300', '莆田市'], ['350400', '三明市'], ['350500', '泉州市'],
  ['350600', '漳州市'], ['350700', '南平市'], ['350800', '龙岩市'], ['350900', '宁德市'],
]

export const REGIONS: readonly Region[] = CITIES.map(([code, name]) => ({
  code,
  name,
  province: code.slice(0, 2) as ProvinceCode,
  taxAuthority: `国家税务总局${name}税务局`,
  source: REGION_SOURCE,
}))

export const DEFAULT_REGION_CODE = '510100'

export function findRegion(code: string): Region | undefined {
  return REGIONS.find((r) => r.code === code)
}

export function provinceName(code: ProvinceCode): string {
  return PROVINCES.find((p) => p.code === code)!.name
}
