/** The entry channel (storage/entryChannel.ts), on Taro's storage. */
import { saveEntryChannel } from '../storage/entryChannel'
import { taroStore } from '../services/taroStore'

export const recordEntryChannel = (channel: string, now: number): void => saveEntryChannel(taroStore, channel, now)
