/**
 * Forwarding a public page (home, help, privacy guide): the card always opens the home page and
 * says what the app is, never who shared it or for whom; the app, not a person, is shared.
 */
import { useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { ROUTES } from '../routeTable'

export const PUBLIC_SHARE = { title: '医保缴费：本人和家人的医保费，在这里缴', path: ROUTES.home } as const

export function usePublicShare(): void {
  useShareAppMessage(() => ({ ...PUBLIC_SHARE }))
  useShareTimeline(() => ({ title: '医保缴费' }))
}
