/**
 * The backend adapter: the checked client over the embedded mock, and the checks for what the
 * flow stored on the device. It is loaded on first use (see ./index.ts) as its own chunk, in the
 * weapp its own subpackage, so neither zod nor the mock weighs on the main package.
 */
import { storedChecks } from '../storedChecks'
import { createBackend } from '../../contract/schemas'
import { createMockBackend } from '../mock/mockBackend'
import { taroStore } from '../taroStore'

/** Realistic in the preview; the mock's own tests run with none. */
const PREVIEW_LATENCY_MS = 350

export function createAdapter(clock: () => number) {
  const mock = createMockBackend({ clock, storage: taroStore, latencyMs: PREVIEW_LATENCY_MS })
  // Test drivers (tier 2 and 3) reach the mock's fault knobs and cashier here; it holds no real data.
  ;(globalThis as { __yibaoMock?: typeof mock }).__yibaoMock = mock
  return { backend: createBackend(mock.transport), mock, storedChecks }
}

export type Adapter = ReturnType<typeof createAdapter>
