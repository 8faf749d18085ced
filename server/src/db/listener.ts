/**
 * A connection of its own that LISTENs on one channel, so every instance on one PostgreSQL hears
 * what another did (NOTIFY). It comes back by itself after the database went away; while it is
 * away `hearing()` is false, and whoever relies on hearing everything must not trust what it kept.
 */
import pg from 'pg'

export interface Listener {
  /** True while every notification sent on the channel reaches `message`. */
  hearing(): boolean
  close(): Promise<void>
}

export interface ListenHandlers {
  message(payload: string): void
  /** The connection dropped: notifications may be missed until it is back. */
  lost(): void
  warn(message: string): void
}

const RETRY_MS = 1_000

export async function listenTo(databaseUrl: string, channel: string, handlers: ListenHandlers): Promise<Listener> {
  let client: pg.Client | undefined
  let hearing = false
  let closed = false
  let retry: NodeJS.Timeout | undefined

  // Only the current connection's end counts (a dropped one may still report an error late).
  const dropped = (which: pg.Client, why: string) => {
    if (which !== client) return
    hearing = false
    client = undefined
    which.end().catch(() => undefined)
    handlers.lost()
    if (closed) return
    handlers.warn(`listener on ${channel} lost (${why}); retrying`)
    retry = setTimeout(() => void connect().catch(() => undefined), RETRY_MS)
  }

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: databaseUrl })
    // Unheard, a dropped connection's 'error' would end the process.
    next.on('error', (error) => dropped(next, error.message))
    next.on('end', () => dropped(next, 'ended'))
    next.on('notification', (note) => {
      if (note.channel === channel && note.payload !== undefined) handlers.message(note.payload)
    })
    client = next
    try {
      await next.connect()
      await next.query(`LISTEN ${channel}`)
      hearing = client === next && !closed
    } catch (error) {
      dropped(next, (error as Error).message)
      throw error
    }
  }

  await connect().catch((error) => {
    closed = true
    clearTimeout(retry)
    throw error
  })
  return {
    hearing: () => hearing,
    close: async () => {
      closed = true
      hearing = false
      clearTimeout(retry)
      const last = client
      client = undefined
      await last?.end().catch(() => undefined)
    },
  }
}
