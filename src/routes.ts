/** Going to a page (src/routeTable.ts has every page's path). */
import Taro from '@tarojs/taro'
import { routeUrl as url, ROUTES, type Route } from './routeTable'

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
