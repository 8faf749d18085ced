/**
 * The one service seam pages use. The embedded mock is the default backend; a real adapter is a
 * second Transport for the same contract (see README "Replacing the mock").
 */
import { createBackend } from './contract'
import { createMockBackend } from './mock/mockBackend'
import { taroStore } from './taroStore'

export const appClock = () => Date.now()

/** Realistic in the preview; the mock's own tests run with none. */
const PREVIEW_LATENCY_MS = 350

export const mockBackend = createMockBackend({ clock: appClock, storage: taroStore, latencyMs: PREVIEW_LATENCY_MS })

// Test drivers (tier 2 and 3) reach the mock's fault knobs and cashier here; it holds no real data.
;(globalThis as { __yibaoMock?: typeof mockBackend }).__yibaoMock = mockBackend

export const backend = createBackend(mockBackend.transport)
