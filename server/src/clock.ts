/**
 * The server's one source of "now". Real time in production; with the simulators it can start
 * at a fixed instant and be moved on (POST /sim/clock), so tests drive time instead of waiting.
 */
export interface ServerClock {
  now(): number
  advance(ms: number): void
  reset(): void
}

export function createClock(fixedStartMs?: number): ServerClock {
  let offset = 0
  const base = () => (fixedStartMs === undefined ? Date.now() : fixedStartMs)
  return {
    now: () => base() + offset,
    advance: (ms) => {
      offset += ms
    },
    reset: () => {
      offset = 0
    },
  }
}
