// Our signatures against openssl and wechatpay-axios-plugin, and WeChat Pay's published
// signing strings byte for byte: a bug shared by our signer and our simulator cannot pass here.
import { Formatter, Rsa } from 'wechatpay-axios-plugin'
import { generateKeyPairSync } from 'node:crypto'
import { authorizationHeader, privateKeyFromPem, publicKeyFromPem, requestSigningString, signSha256Rsa } from '../../../server/src/wechatpay/sign'
import { jsapiPayParams, paySigningString } from '../../../server/src/wechatpay/payParams'
import { createVerifier, responseSigningString } from '../../../server/src/wechatpay/verify'
import { selfSignedCertificate } from '../../../server/src/wechatpay/simulator/certificate'
import { generatedKeyFiles, opensslCertificateSerial, opensslSign, opensslVerify } from './independent'

const keys = generatedKeyFiles()
const privateKey = privateKeyFromPem(keys.privateKeyPem)

describe('WeChat Pay signing strings, byte for byte', () => {
  it('reproduces the paySign string of the docs (chapter7_2_9) and signs it as openssl does', () => {
    const text = paySigningString('wx8888888888888888', '1414561699', '5K8264ILTKCH16CQ2502SI8ZNMTM67VS', 'prepay_id=wx201410272009395522657a690389285100')
    expect(text).toBe('wx8888888888888888\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nprepay_id=wx201410272009395522657a690389285100\n')
    expect(text).toBe(Formatter.joinedByLineFeed('wx8888888888888888', '1414561699', '5K8264ILTKCH16CQ2502SI8ZNMTM67VS', 'prepay_id=wx201410272009395522657a690389285100'))
    const params = jsapiPayParams({ appId: 'wx8888888888888888', prepayId: 'wx201410272009395522657a690389285100', privateKey, nowSeconds: 1414561699.9, nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS' })
    expect(params).toMatchObject({ timeStamp: '1414561699', package: 'prepay_id=wx201410272009395522657a690389285100', signType: 'RSA' })
    expect(params.paySign).toBe(opensslSign(text, keys.privatePath))
  })

  it('reproduces the request signing string of the docs (GET /v3/certificates) and the plugin’s', () => {
    const text = requestSigningString('GET', '/v3/certificates', '1554208460', '593BEC0C930BF1AFEB40B4A08C8FB242', '')
    expect(text).toBe('GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n')
    const body = '{"appid":"wxd678efh567hg6787","amount":{"total":1,"currency":"CNY"}}'
    expect(requestSigningString('post', '/v3/pay/transactions/jsapi', '1554208460', 'N1', body)).toBe(Formatter.request('POST', '/v3/pay/transactions/jsapi', '1554208460', 'N1', body))
  })

  it('signs requests exactly as openssl dgst -sha256 -sign, and openssl -verify accepts them', () => {
    const body = JSON.stringify({ mchid: '1900000109', description: '城乡居民医保 2027 年度', amount: { total: 38000, currency: 'CNY' } })
    const text = requestSigningString('POST', '/v3/pay/transactions/jsapi', '1733000000', 'ABCDEF0123456789ABCDEF0123456789', body)
    const ours = signSha256Rsa(text, privateKey)
    expect(ours).toBe(opensslSign(text, keys.privatePath))
    expect(opensslVerify(text, ours, keys.publicPath, keys.dir)).toBe(true)
    expect(opensslVerify(`${text} `, ours, keys.publicPath, keys.dir)).toBe(false)
    expect(ours).toBe(Rsa.sign(text, Rsa.from(keys.privateKeyPem, Rsa.KEY_TYPE_PRIVATE)))
  })

  it('writes the documented Authorization header, whose signature the plugin verifies', () => {
    const header = authorizationHeader({ mchid: '1900000109', serialNo: '408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB', privateKey }, { method: 'GET', pathAndQuery: '/v3/pay/transactions/out-trade-no/T1234567?mchid=1900000109', body: '', timestamp: '1733000000', nonce: 'N0NCE' })
    const signature = /signature="([^"]+)"/.exec(header)?.[1] as string
    expect(header).toBe(`WECHATPAY2-SHA256-RSA2048 mchid="1900000109",nonce_str="N0NCE",signature="${signature}",timestamp="1733000000",serial_no="408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB"`)
    const text = Formatter.request('GET', '/v3/pay/transactions/out-trade-no/T1234567?mchid=1900000109', '1733000000', 'N0NCE', '')
    expect(Rsa.verify(text, signature, Rsa.from(keys.publicKeyPem, Rsa.KEY_TYPE_PUBLIC))).toBe(true)
  })
})

describe('verifying WeChat Pay’s signatures over the raw body', () => {
  const now = 1733000000
  const rawBody = '{"id":"EV-1","summary":"支付成功",  "resource":{}}'
  const verifier = createVerifier({ publicKeys: [{ id: 'PUB_KEY_ID_0119000001092024', pem: keys.publicKeyPem }] })
  const headers = (signature: string, timestamp = String(now), serial = 'PUB_KEY_ID_0119000001092024') => ({ timestamp, nonce: 'N', signature, serial })

  it('accepts a signature made by openssl and one made by the plugin', () => {
    expect(responseSigningString(String(now), 'N', rawBody).toString()).toBe(Formatter.response(String(now), 'N', rawBody))
    expect(verifier.verify(headers(opensslSign(`${now}\nN\n${rawBody}\n`, keys.privatePath)), rawBody, now)).toEqual({ ok: true, serial: 'PUB_KEY_ID_0119000001092024' })
    expect(verifier.verify(headers(Rsa.sign(Formatter.response(now, 'N', rawBody), Rsa.from(keys.privateKeyPem, Rsa.KEY_TYPE_PRIVATE))), Buffer.from(rawBody), now).ok).toBe(true)
  })

  it('refuses a re-serialised body, an old timestamp, a probe, an unknown serial and garbage', () => {
    const signature = opensslSign(`${now}\nN\n${rawBody}\n`, keys.privatePath)
    expect(verifier.verify(headers(signature), JSON.stringify(JSON.parse(rawBody)), now)).toEqual({ ok: false, reason: 'bad-signature' })
    expect(verifier.verify(headers(signature), rawBody, now + 301)).toEqual({ ok: false, reason: 'stale-timestamp' })
    expect(verifier.verify(headers(signature), rawBody, now + 300).ok).toBe(true)
    expect(verifier.verify(headers(`WECHATPAY/SIGNTEST/${signature}`), rawBody, now)).toEqual({ ok: false, reason: 'probe' })
    expect(verifier.verify(headers(signature, String(now), 'PUB_KEY_ID_0119000001092099'), rawBody, now)).toEqual({ ok: false, reason: 'unknown-serial' })
    expect(verifier.verify(headers('not base64 at all'), rawBody, now)).toEqual({ ok: false, reason: 'bad-signature' })
    expect(verifier.verify({ timestamp: String(now), nonce: 'N', serial: 'PUB_KEY_ID_0119000001092024' }, rawBody, now)).toEqual({ ok: false, reason: 'missing-headers' })
  })

  it('loads a 平台证书 beside the public key and names it by the serial openssl reads', () => {
    const platform = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const cert = selfSignedCertificate(platform.publicKey, platform.privateKey, 'Tenpay.com', new Date(now * 1000))
    expect(opensslCertificateSerial(cert.pem, keys.dir)).toBe(cert.serial)
    const both = createVerifier({ publicKeys: [{ id: 'PUB_KEY_ID_0119000001092024', pem: keys.publicKeyPem }], platformCertificates: [cert.pem] })
    expect(both.serials).toEqual(['PUB_KEY_ID_0119000001092024', cert.serial])
    const byPlatform = signSha256Rsa(`${now}\nN\n${rawBody}\n`, platform.privateKey)
    expect(both.verify(headers(byPlatform, String(now), cert.serial.toLowerCase()), rawBody, now).ok).toBe(true)
    expect(both.verify(headers(byPlatform), rawBody, now)).toEqual({ ok: false, reason: 'bad-signature' })
    expect(verifier.verify(headers(byPlatform, String(now), cert.serial), rawBody, now)).toEqual({ ok: false, reason: 'unknown-serial' })
    expect(publicKeyFromPem(cert.pem).asymmetricKeyType).toBe('rsa')
  })
})
