/** The channel a QR poster carried (e.g. a community's code), kept on the device for counting entries. */
import type { KeyValueStore } from '../services/storage'

export const CHANNEL_KEY = 'yibao.channel.v1'

export function saveEntryChannel(storage: KeyValueStore, channel: string, now: number): void {
  storage.setItem(CHANNEL_KEY, JSON.stringify({ channel, at: now }))
}
