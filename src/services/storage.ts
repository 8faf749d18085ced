/** Where the embedded mock keeps its state (the demo's stand-in for the tax system's servers). */
export const MOCK_STORAGE_KEY = 'yibao.mock.v1'

/** The synchronous key-value storage both platforms give us (Taro storage in the app, memory in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export function createMemoryStore(initial: Record<string, string> = {}): KeyValueStore & { dump(): Record<string, string> } {
  const data = new Map(Object.entries(initial))
  return {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
    dump: () => Object.fromEntries(data),
  }
}
