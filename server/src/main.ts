/** `npm run server`: starts the server and prints its URL. */
import { readConfig } from './config'
import { startServer } from './server'

/** A configuration the server refuses is one line naming what to set, not a stack trace. */
function configOrExit(): ReturnType<typeof readConfig> {
  try {
    return readConfig()
  } catch (error) {
    console.error(`server not started: ${(error as Error).message}`)
    process.exit(1)
  }
}

async function main(): Promise<void> {
  const started = Date.now()
  const server = await startServer(configOrExit())
  console.log(server.url)
  server.app.log.info({ startMs: Date.now() - started }, 'server started')
  const stop = () => {
    server.close().then(() => process.exit(0), () => process.exit(1))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
