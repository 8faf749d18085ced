// The configuration a deployment changes: read from the environment, every gap named at once.
import { generateKeyPairSync } from 'node:crypto'
import { wechatPayConfigFromEnv, WechatPayConfigError } from '../../../server/src/wechatpay/config'

const pem = (kind: 'private' | 'public') => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return kind === 'private' ? (privateKey.export({ type: 'pkcs8', format: 'pem' }) as string) : (publicKey.export({ type: 'spki', format: 'pem' }) as string)
}
const files: Record<string, string> = { '/keys/apiclient_key.pem': pem('private'), '/keys/pub_key.pem': pem('public') }
const readFile = (path: string) => {
  if (!(path in files)) throw new Error('ENOENT')
  return files[path]
}
const complete = {
  WECHATPAY_APPID: 'wx8888888888888888',
  WECHATPAY_MCHID: '1900000109',
  WECHATPAY_MERCHANT_SERIAL: '408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB',
  WECHATPAY_MERCHANT_PRIVATE_KEY_FILE: '/keys/apiclient_key.pem',
  WECHATPAY_APIV3_KEY: 'M8nQ2vX5pL0kR7sT4wY9zA3bC6dE1fG2',
  WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0119000001092024',
  WECHATPAY_PUBLIC_KEY_FILE: '/keys/pub_key.pem',
  WECHATPAY_NOTIFY_URL: 'https://pay.example.cn/v1/wxpay/notify',
}

describe('wechatPayConfigFromEnv', () => {
  it('builds a direct-merchant configuration with the production host by default', () => {
    const config = wechatPayConfigFromEnv(complete, readFile)
    expect(config).toMatchObject({ baseUrl: 'https://api.mch.weixin.qq.com', appid: 'wx8888888888888888', mchid: '1900000109', notifyUrl: complete.WECHATPAY_NOTIFY_URL, timeoutMs: 10000 })
    expect(config.subMchid).toBeUndefined()
    expect(config.verifier.serials).toEqual(['PUB_KEY_ID_0119000001092024'])
  })

  it('names every missing variable in one error', () => {
    let error: unknown
    try {
      wechatPayConfigFromEnv({ WECHATPAY_APPID: 'wx8888888888888888' }, readFile)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(WechatPayConfigError)
    const message = (error as Error).message
    for (const name of ['WECHATPAY_MCHID', 'WECHATPAY_MERCHANT_SERIAL', 'WECHATPAY_MERCHANT_PRIVATE_KEY_FILE', 'WECHATPAY_APIV3_KEY', 'WECHATPAY_NOTIFY_URL', 'WECHATPAY_PLATFORM_CERT_FILES']) expect(message).toContain(name)
    expect(message).not.toContain('WECHATPAY_APPID')
  })

  it('refuses a short APIv3 key, half a public key, an unreadable file and a bad timeout', () => {
    expect(() => wechatPayConfigFromEnv({ ...complete, WECHATPAY_APIV3_KEY: 'short' }, readFile)).toThrow(/32 个字符，现在是 5 个/)
    expect(() => wechatPayConfigFromEnv({ ...complete, WECHATPAY_PUBLIC_KEY_FILE: undefined }, readFile)).toThrow(/要一起给/)
    expect(() => wechatPayConfigFromEnv({ ...complete, WECHATPAY_MERCHANT_PRIVATE_KEY_FILE: '/nope.pem' }, readFile)).toThrow(/读不出来：\/nope.pem/)
    expect(() => wechatPayConfigFromEnv({ ...complete, WECHATPAY_TIMEOUT_MS: '10s' }, readFile)).toThrow(/WECHATPAY_TIMEOUT_MS/)
    expect(() => wechatPayConfigFromEnv({ ...complete, WECHATPAY_PUBLIC_KEY_ID: 'ABC' }, readFile)).toThrow(/PUB_KEY_ID_/)
    expect(() => wechatPayConfigFromEnv({ ...complete, WECHATPAY_MERCHANT_PRIVATE_KEY_FILE: '/keys/pub_key.pem' }, readFile)).toThrow(WechatPayConfigError)
  })

  it('takes a 服务商 sub-merchant, inline PEMs and a simulator base URL', () => {
    const config = wechatPayConfigFromEnv(
      { ...complete, WECHATPAY_MERCHANT_PRIVATE_KEY_FILE: undefined, WECHATPAY_MERCHANT_PRIVATE_KEY: files['/keys/apiclient_key.pem'], WECHATPAY_SUB_MCHID: '1900000209', WECHATPAY_BASE_URL: 'http://127.0.0.1:9001/', WECHATPAY_TIMEOUT_MS: '3000' },
      readFile,
    )
    expect(config).toMatchObject({ subMchid: '1900000209', baseUrl: 'http://127.0.0.1:9001', timeoutMs: 3000 })
  })
})

describe('the environment written for a running simulator', () => {
  it('is a complete configuration: our client signs, the simulator answers, we verify', async () => {
    const { mkdtempSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { startWechatPaySimulator } = await import('../../../server/src/wechatpay/simulator/server')
    const { simulatorEnv } = await import('../../../server/src/wechatpay/simulator/devEnv')
    const { createWechatPayClient } = await import('../../../server/src/wechatpay/client')
    const simulator = await startWechatPaySimulator()
    try {
      const env = simulatorEnv(simulator, join(mkdtempSync(join(tmpdir(), 'wxpay-env-')), 'keys'), 'http://127.0.0.1:1/notify')
      const config = wechatPayConfigFromEnv(env)
      expect(config.verifier.serials).toEqual([simulator.keys.publicKeyId, simulator.keys.signers['platform-certificate'].serial])
      const client = createWechatPayClient(config)
      const answer = await client.prepayJsapi({ description: '城乡居民医保', outTradeNo: 'YB20261201ENV001', total: 100, openid: 'o-env' })
      expect(answer.kind).toBe('ok')
    } finally {
      await simulator.close()
    }
  }, 30_000)

  it('is never started in production', async () => {
    const { startWechatPaySimulator } = await import('../../../server/src/wechatpay/simulator/server')
    const before = process.env.NODE_ENV
    process.env.NODE_ENV = 'production'
    try {
      await expect(startWechatPaySimulator()).rejects.toThrow(/不能在生产环境启动/)
    } finally {
      process.env.NODE_ENV = before
    }
  })
})
