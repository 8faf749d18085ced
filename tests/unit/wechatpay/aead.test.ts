// AES-256-GCM of notify resources against vectors we did not make: the GCM specification's
// test case 16 (256-bit key, 96-bit IV, AAD), python's `cryptography`, and the plugin.
import { Aes } from 'wechatpay-axios-plugin'
import { aes256GcmDecrypt, decryptResource, encryptResource } from '../../../server/src/wechatpay/aead'
import { pythonCryptographyAvailable, pythonGcmEncrypt } from './independent'

const apiV3Key = 'M8nQ2vX5pL0kR7sT4wY9zA3bC6dE1fG2'
const transaction = JSON.stringify({ mchid: '1900000109', out_trade_no: 'YB2026120100000001', trade_state: 'SUCCESS', amount: { total: 38000 }, payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' }, note: '城乡居民医保' })

describe('AEAD_AES_256_GCM', () => {
  it('decrypts test case 16 of McGrew & Viega’s GCM specification (ciphertext ‖ 16-byte tag)', () => {
    const key = Buffer.from('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308', 'hex')
    const iv = Buffer.from('cafebabefacedbaddecaf888', 'hex')
    const aad = Buffer.from('feedfacedeadbeeffeedfacedeadbeefabaddad2', 'hex')
    const ciphertext = '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662'
    const tag = '76fc6ece0f4e1768cddf8853bb2d551b'
    const plaintext = 'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39'
    expect(aes256GcmDecrypt(key, iv, aad, Buffer.from(ciphertext + tag, 'hex')).toString('hex')).toBe(plaintext)
    const flipped = Buffer.from(ciphertext + tag, 'hex')
    flipped[flipped.length - 1] ^= 1
    expect(() => aes256GcmDecrypt(key, iv, aad, flipped)).toThrow()
  })

  const pythonIt = pythonCryptographyAvailable ? it : it.skip
  pythonIt('decrypts a resource encrypted by python’s cryptography (AESGCM)', () => {
    const ciphertext = pythonGcmEncrypt({ key: apiV3Key, nonce: 'fdasflkja484', aad: 'transaction', plaintext: transaction })
    const resource = { algorithm: 'AEAD_AES_256_GCM', ciphertext, nonce: 'fdasflkja484', associated_data: 'transaction', original_type: 'transaction' }
    expect(decryptResource(resource, apiV3Key)).toBe(transaction)
    expect(encryptResource(transaction, apiV3Key, 'fdasflkja484', 'transaction', 'transaction').ciphertext).toBe(ciphertext)
  })

  it('agrees with wechatpay-axios-plugin both ways', () => {
    const theirs = Aes.AesGcm.encrypt(transaction, apiV3Key, '0123456789ab', 'transaction')
    expect(decryptResource({ algorithm: 'AEAD_AES_256_GCM', ciphertext: theirs, nonce: '0123456789ab', associated_data: 'transaction', original_type: 'transaction' }, apiV3Key)).toBe(transaction)
    const ours = encryptResource(transaction, apiV3Key, 'ba9876543210', 'refund', 'refund')
    expect(Aes.AesGcm.decrypt(ours.ciphertext, apiV3Key, 'ba9876543210', 'refund')).toBe(transaction)
  })

  it('refuses a wrong key, nonce or associated data, a truncated tag and another algorithm', () => {
    const resource = encryptResource(transaction, apiV3Key, '0123456789ab', 'transaction', 'transaction')
    expect(() => decryptResource(resource, 'X8nQ2vX5pL0kR7sT4wY9zA3bC6dE1fG2')).toThrow(/authenticate/)
    expect(() => decryptResource({ ...resource, nonce: '0123456789ac' }, apiV3Key)).toThrow(/authenticate/)
    expect(() => decryptResource({ ...resource, associated_data: 'refund' }, apiV3Key)).toThrow(/authenticate/)
    const short = Buffer.from(resource.ciphertext, 'base64').subarray(0, 10).toString('base64')
    expect(() => decryptResource({ ...resource, ciphertext: short }, apiV3Key)).toThrow(/16 字节/)
    expect(() => decryptResource({ ...resource, algorithm: 'AEAD_SM4_GCM' }, apiV3Key)).toThrow(/AEAD_SM4_GCM/)
  })
})
