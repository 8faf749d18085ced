/** Every page's path in one place, so a renamed page cannot leave a dead link behind. */
import Taro from '@tarojs/taro'

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
  share: '/packages/share/index',
  policy: '/packages/policy/index',
  demoBackend: '/packages/backend/index',
} as const

export type Route = keyof typeof ROUTES

function url(route: Route, query?: Record<string, string>): string {
  const search = query ? Object.entries(query).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&') : ''
  return search ? `${ROUTES[route]}?${search}` : ROUTES[route]
}

export function go(route: Route, query?: Record<string, string>): void {
  void Taro.navigateTo({ url: url(route, query) })
}

/** Replaces the current page: for steps that must not be returned to (the pay page). */
export function replace(route: Route, query?: Record<string, string>): void {
  void Taro.redirectTo({ url: url(route, query) })
}

export function goHome(): void {
  void Taro.reLaunch({ url: ROUTES.home })
}
