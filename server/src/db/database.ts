/**
 * One driver, one dialect: the server always talks to PostgreSQL through `pg`. Without
 * DATABASE_URL that PostgreSQL is PGlite in DATA_DIR, served on a loopback port.
 */
import { join } from 'node:path'
import pg from 'pg'
import { listenTo, type ListenHandlers, type Listener } from './listener'
import { PreparedClient } from './preparedClient'

export type Db = pg.Pool
export type Tx = pg.PoolClient
export type Queryable = pg.Pool | pg.PoolClient

export interface Database {
  /** The requests' connections. */
  pool: Db
  /**
   * The jobs' own (with the embedded database, the one connection): a burst of requests, polls
   * above all, queued the bookings behind it, and the polls then multiplied while the bookings waited.
   */
  jobPool: Db
  /** The tax simulator's, as another system's would be its own. */
  simulatorPool: Db
  /** Where the embedded database listens (host:port), when it is embedded. */
  embeddedAt?: string
  /** Hears NOTIFYs on a channel from every instance on this database (./listener). */
  listen(channel: string, handlers: ListenHandlers): Promise<Listener>
  close(): Promise<void>
}

// BIGINT columns hold epoch milliseconds, well inside a double's exact range.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))

export const POOL_SIZE = 8
const JOB_POOL_SIZE = 4
const SIMULATOR_POOL_SIZE = 2
/** Connections one instance holds on a real PostgreSQL. */
export const CONNECTIONS = POOL_SIZE + JOB_POOL_SIZE + SIMULATOR_POOL_SIZE

export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (options.databaseUrl) {
    const [pool, jobPool, simulatorPool] = [POOL_SIZE, JOB_POOL_SIZE, SIMULATOR_POOL_SIZE].map((max) => new pg.Pool({ connectionString: options.databaseUrl, max, Client: PreparedClient }))
    await pool.query('SELECT 1')
    const listen = (channel: string, handlers: ListenHandlers) => listenTo(options.databaseUrl!, channel, handlers)
    return { pool, jobPool, simulatorPool, listen, close: async () => void (await Promise.all([pool.end(), jobPool.end(), simulatorPool.end()])) }
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket')
  const db = await PGlite.create(join(options.dataDir, 'pglite'))
  // Room for a few clients (a psql beside the server); below them is one PostgreSQL session.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: POOL_SIZE })
  await server.start()
  const embeddedAt = server.getServerConn()
  // One connection: pglite-socket 0.2.17 interleaves concurrent parameterised queries from
  // several connections (measured: "bind message supplies 1 parameters, but prepared statement
  // requires 2", and answers handed to the wrong query). The one session serialises them anyway.
  const pool = new pg.Pool({ connectionString: `postgres://postgres@${embeddedAt}/postgres`, max: 1 })
  return {
    pool,
    jobPool: pool,
    simulatorPool: pool,
    embeddedAt,
    // The embedded database is this process's own: no other instance writes to it, so nothing is missed.
    listen: async () => ({ hearing: () => true, close: async () => undefined }),
    close: async () => {
      await pool.end()
      await server.stop()
      await db.close()
    },
  }
}

/** Runs `work` in one transaction on its own client; every query inside must use that client. */
export async function inTransaction<T>(pool: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const tx = await pool.connect()
  // The connection dropped between two statements is an 'error' event on the checked-out client
  // (the pool listens only to idle ones); unheard, it would end the process. The next query fails instead.
  const dropped = () => undefined
  tx.on('error', dropped)
  try {
    await tx.query('BEGIN')
    const result = await work(tx)
    await tx.query('COMMIT')
    return result
  } catch (error) {
    await tx.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    tx.off('error', dropped)
    tx.release()
  }
}

/** PostgreSQL's unique_violation. */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: string } | null)?.code === '23505'
