/** The channel a QR poster carried (e.g. a community's code): kept on the device for counting entries. */
import { taroStore } from '../services/taroStore'

const CHANNEL_KEY = 'yibao.channel.v1'

export function recordEntryChannel(channel: string, now: number): void {
  taroStore.setItem(CHANNEL_KEY, JSON.stringify({ channel, at: now }))
}
