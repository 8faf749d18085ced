/** How a mock handler refuses (a MockError becomes an error envelope; the words are in domain/backendMessages). */
import type { ErrorBody } from '../../contract'

export class MockError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message)
  }
}

export const fail = (code: ErrorBody['code'], message: string, orderId?: string): never => {
  throw new MockError({ code, message, orderId })
}
