/** The route table and the pages the app declares are the same set: no dead link, no page without a route. */
import { ROUTES } from '@/routeTable'

interface AppConfig {
  pages: string[]
  subPackages: { root: string; pages: string[] }[]
}

function declaredPages(): string[] {
  // app.config.ts calls Taro's build-time global; here it simply hands back the config.
  ;(globalThis as { defineAppConfig?: (config: AppConfig) => AppConfig }).defineAppConfig = (config) => config
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('@/app.config').default as AppConfig
  return [...config.pages, ...config.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))].map((page) => `/${page}`)
}

describe('routes', () => {
  it('every route is a declared page, and every declared page has a route', () => {
    expect(Object.values(ROUTES).sort()).toEqual(declaredPages().sort())
  })

  it('share cards open the share page', async () => {
    const { sharePath } = await import('@/flow/share')
    expect(sharePath('AbC_def-0123456789xyz').split('?')[0]).toBe(ROUTES.share)
  })
})
