/** Migrations: plain SQL files in name order, each all-or-nothing, each applied once. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { migrate } from '../../server/src/db/migrate'
import { startPostgres, type Postgres } from './postgres'

let postgres: Postgres
let pool: pg.Pool
let dir: string
beforeAll(async () => {
  postgres = await startPostgres()
  pool = new pg.Pool({ connectionString: postgres.url, max: 2 })
  dir = mkdtempSync(join(tmpdir(), 'yibao-migrations-'))
}, 60_000)
afterAll(async () => {
  await pool?.end()
  await postgres?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const tables = async () => (await pool.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.tablename)

it('applies files in name order once, and leaves nothing of a file that fails', async () => {
  writeFileSync(join(dir, '002_second.sql'), 'CREATE TABLE second (id int REFERENCES first);')
  writeFileSync(join(dir, '001_first.sql'), 'CREATE TABLE first (id int PRIMARY KEY);')
  writeFileSync(join(dir, '003_broken.sql'), 'CREATE TABLE third (id int); SELECT no_such_function();')
  await expect(migrate(pool, dir)).rejects.toThrow(/no_such_function/)
  expect(await tables()).toEqual(['first', 'schema_migrations', 'second'])

  writeFileSync(join(dir, '003_broken.sql'), 'CREATE TABLE third (id int);')
  expect(await migrate(pool, dir)).toEqual(['003_broken.sql'])
  expect(await migrate(pool, dir)).toEqual([])
  expect((await pool.query('SELECT name FROM schema_migrations ORDER BY name')).rows.map((r) => r.name)).toEqual(['001_first.sql', '002_second.sql', '003_broken.sql'])
})

it('lets two servers starting together migrate without tripping over each other', async () => {
  writeFileSync(join(dir, '004_fourth.sql'), 'CREATE TABLE fourth (id int);')
  const [a, b] = await Promise.all([migrate(pool, dir), migrate(pool, dir)])
  expect([...a, ...b]).toEqual(['004_fourth.sql'])
})
