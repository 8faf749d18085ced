/**
 * A throwaway PostgreSQL cluster for the tests: initdb into a temp folder, started on a free
 * loopback port, removed on stop. PostgreSQL refuses to run as root, so as root (CI) it runs as
 * `nobody`. Needs Debian's postgresql package (or any /usr/lib/postgresql/<v>/bin).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Postgres {
  url: string
  /**
   * The database going away: pg_ctl -m fast cuts every connection, then nothing listens. (Not
   * -m immediate: with this cluster's synchronous_commit=off that would also lose the last commits.)
   */
  goAway(): void
  /** Back on the same port and data. */
  comeBack(): void
  stop(): Promise<void>
}

function binDir(): string {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : []
  if (versions.length === 0) throw new Error('PostgreSQL not found under /usr/lib/postgresql: apt-get install -y postgresql')
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin')
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

const asRoot = process.getuid?.() === 0
const RUN_AS = 'nobody'

/** Runs a PostgreSQL program, as `nobody` when we are root. */
function run(program: string, args: string[]): void {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', RUN_AS, '--', program, ...args]] : [program, args]
  const result = spawnSync(cmd, argv, { encoding: 'utf8', cwd: tmpdir() })
  if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr || result.stdout}`)
}

export async function startPostgres(): Promise<Postgres> {
  const bin = binDir()
  const dir = mkdtempSync(join(tmpdir(), 'yibao-pg-'))
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', RUN_AS], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', RUN_AS], { encoding: 'utf8' }).trim())
    chownSync(dir, uid, gid)
  }
  chmodSync(dir, 0o700)
  const data = join(dir, 'data')
  const port = await freePort()
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'])
  // No unix socket outside the folder, loopback TCP only, fsync off: a test cluster.
  const options = `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`
  const start = () => run(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
  start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    goAway: () => run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']),
    comeBack: start,
    stop: async () => {
      run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'])
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
