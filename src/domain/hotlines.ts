/** The hotlines people can call, each with what it is for. */
export const HOTLINES = [
  { number: '12393', label: '拨打 12393（医保服务热线）', what: '参保登记、待遇等待期、资助参保、错缴退费' },
  { number: '12366', label: '拨打 12366（纳税缴费服务热线）', what: '缴费、缴费凭证、税务征收费款的退费' },
  { number: '12333', label: '拨打 12333（人社服务热线）', what: '养老等其他社会保险' },
] as const
