/**
 * A pg client that prepares each parameterised statement once per connection (a named statement,
 * its name a hash of its text) instead of PostgreSQL parsing and planning it on every call: the
 * server sends the same few dozen statements all day. Unparameterised text (BEGIN, DDL) and any
 * statement past the per-connection cap run unnamed, so dynamic text cannot grow a connection.
 */
import { createHash } from 'node:crypto'
import pg from 'pg'

const PREPARED_PER_CONNECTION = 256

const nameOf = (text: string) => `s${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`

export class PreparedClient extends pg.Client {
  private readonly names = new Map<string, string>()

  // pg's query() has many overloads; only (text, values[, callback]) is rewritten.
  query(...args: unknown[]): never {
    const [text, values] = args
    if (typeof text === 'string' && Array.isArray(values)) {
      let name = this.names.get(text)
      if (!name && this.names.size < PREPARED_PER_CONNECTION) this.names.set(text, (name = nameOf(text)))
      if (name) return (super.query as (...a: unknown[]) => never)({ name, text, values }, ...args.slice(2))
    }
    return (super.query as (...a: unknown[]) => never)(...args)
  }
}
