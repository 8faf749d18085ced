import { BackendError, type Backend } from '../contract'
import { lazyAdapter } from './lazyAdapter'

const payer = { payerRef: 'ref_123456' } as Awaited<ReturnType<Backend['lookupPayer']>>

function fakeAdapter() {
  const calls: unknown[] = []
  const backend = { lookupPayer: async (request: unknown) => (calls.push(request), payer) } as unknown as Backend
  return { backend, calls }
}

describe('lazyAdapter', () => {
  it('fetches the adapter once, on the first call, and passes every call through', async () => {
    const fake = fakeAdapter()
    let fetches = 0
    const { backend } = lazyAdapter(async () => (fetches++, fake))
    expect(fetches).toBe(0)
    await expect(Promise.all([backend.lookupPayer({ mode: 'self' }), backend.lookupPayer({ mode: 'self' })])).resolves.toEqual([payer, payer])
    expect(fetches).toBe(1)
    expect(fake.calls).toEqual([{ mode: 'self' }, { mode: 'self' }])
  })

  it('a failed fetch is a NETWORK error with a Chinese message, and the next call fetches again', async () => {
    const fake = fakeAdapter()
    let online = false
    const { backend } = lazyAdapter(async () => {
      if (!online) throw { mod: './packages/backend/adapter.js', errMsg: 'require.async:fail' }
      return fake
    })
    const error = await backend.lookupPayer({ mode: 'self' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BackendError)
    expect((error as BackendError).code).toBe('NETWORK')
    expect((error as BackendError).message).toMatch(/网络/)
    online = true
    await expect(backend.lookupPayer({ mode: 'self' })).resolves.toBe(payer)
  })
})
