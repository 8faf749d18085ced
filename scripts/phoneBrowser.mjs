// The one way this project opens a phone-sized headless Chromium (Debian's, never a download),
// shared by the H5 tests and the benchmark. Flags: no sandbox in a
// container, no GPU, no background traffic into the closed network.
import { chromium } from 'playwright-core'

export const CHROMIUM = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]

export const VIEWPORT = { width: 375, height: 667 }

/** A persistent context in `profile` (a fresh temp dir, or one kept for Lighthouse to reuse). */
export function launchPhone(profile) {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
}
