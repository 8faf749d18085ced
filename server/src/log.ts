/**
 * pino, with everything that could identify a person or open a session censored wherever it
 * turns up in a log line (request bodies logged at debug included).
 */
import pino from 'pino'

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'request.idNumber',
  'request.name',
  'request.token',
  'body.code',
  'body.token',
  'idNumber',
  'token',
  'sessionKey',
  'session_key',
  '*.idNumber',
  '*.token',
  '*.sessionKey',
]

export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination)
}
