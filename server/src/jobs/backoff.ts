/** Waits between tries, by the server's clock: 2 s, 4 s, 8 s … at most a minute. */
export const backoffMs = (tries: number) => Math.min(2_000 * 2 ** tries, 60_000)

/** At most `perSecond` calls a second through `take()` (the tax system is the fragile part). */
export function rateLimiter(perSecond: number) {
  const gapMs = 1000 / perSecond
  let next = 0
  return async function take(): Promise<void> {
    const now = Date.now()
    const at = Math.max(now, next)
    next = at + gapMs
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now))
  }
}
