/**
 * Calls to other systems (WeChat Pay, code2session; the simulators' notifies) over node:http(s)
 * on kept-alive sockets. fetch cost about 1 ms of CPU a call on the bench machine, and these are
 * the server's most frequent work after its own requests.
 */
import http from 'node:http'
import https from 'node:https'

export interface OutboundReply {
  status: number
  /** A response header by its name, any case. */
  header(name: string): string | undefined
  body: Buffer
}

/** No answer: the connection failed, or the deadline passed first. */
export class OutboundError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message)
  }
}

// Sockets kept between calls; one the peer closed as it was taken again is retried (send).
const AGENTS = { 'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }), 'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }) }

export interface OutboundRequest {
  method: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  /** The whole call, answer read included. */
  timeoutMs: number
}

/**
 * A kept-alive socket the peer closed just as it was taken (its idle timeout) fails before any
 * answer: sent once more on a new socket. Every call here may be repeated (WeChat Pay's by their
 * out_trade_no / out_refund_no, a notify by its id, code2session's GET).
 */
export async function send(url: URL, request: OutboundRequest): Promise<OutboundReply> {
  try {
    return await sendOnce(url, request)
  } catch (error) {
    if (!(error instanceof StaleSocket)) throw error
    return sendOnce(url, request)
  }
}

class StaleSocket extends OutboundError {}

function sendOnce(url: URL, { method, headers = {}, body, timeoutMs }: OutboundRequest): Promise<OutboundReply> {
  const agent = AGENTS[url.protocol as keyof typeof AGENTS]
  if (!agent) return Promise.reject(new OutboundError(`unsupported protocol ${url.protocol}`, false))
  const sentHeaders = body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, { method, headers: sentHeaders, agent }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', (error) => fail(error.message))
      response.on('end', () => {
        clearTimeout(deadline)
        const raw = response.headers
        resolve({ status: response.statusCode ?? 0, header: (name) => [raw[name.toLowerCase()]].flat()[0], body: Buffer.concat(chunks) })
      })
    })
    const fail = (message: string, timedOut = false) => {
      clearTimeout(deadline)
      reject(new OutboundError(message, timedOut))
    }
    const deadline = setTimeout(() => {
      fail(`no answer within ${timeoutMs} ms`, true)
      request.destroy()
    }, timeoutMs)
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (request.reusedSocket && error.code === 'ECONNRESET') {
        clearTimeout(deadline)
        return reject(new StaleSocket(error.message, false))
      }
      fail(error.message)
    })
    request.end(body)
  })
}
