import type { ErrorBody, ErrorCode } from './contract'

/** A typed answer for the caller: it becomes the envelope's error, never an HTTP failure. */
export class RpcError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly orderId?: string,
    /** Which person of a family order (全部缴纳) the refusal is about. */
    readonly payerRef?: string,
  ) {
    super(message)
    this.name = 'RpcError'
  }

  get body(): ErrorBody {
    return { code: this.code, message: this.message, ...(this.orderId ? { orderId: this.orderId } : {}), ...(this.payerRef ? { payerRef: this.payerRef } : {}) }
  }
}

export const fail = (code: ErrorCode, message: string, orderId?: string, payerRef?: string): never => {
  throw new RpcError(code, message, orderId, payerRef)
}
