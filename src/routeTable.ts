/** Every page's path in one place, so a renamed page cannot leave a dead link behind. No Taro here: tests and pure modules read it. */
export const ROUTES = {
  home: '/pages/home/index',
  payer: '/pages/payer/index',
  items: '/pages/items/index',
  confirm: '/pages/confirm/index',
  pay: '/pages/pay/index',
  result: '/pages/result/index',
  records: '/packages/records/index',
  receipt: '/packages/records/receipt',
  help: '/packages/help/index',
  privacy: '/packages/help/privacy',
  family: '/packages/family/index',
  familyPay: '/packages/family/pay',
  familyResult: '/packages/family/result',
  share: '/packages/share/index',
  policy: '/packages/help/policy',
  demoBackend: '/packages/backend/index',
} as const

export type Route = keyof typeof ROUTES

/** A page's path with its query, as navigateTo and share cards take it. */
export function routeUrl(route: Route, query?: Record<string, string>): string {
  const search = query ? Object.entries(query).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&') : ''
  return search ? `${ROUTES[route]}?${search}` : ROUTES[route]
}
