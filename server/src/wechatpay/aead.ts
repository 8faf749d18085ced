// AEAD_AES_256_GCM, the encryption of notify resources: key = the 32-byte APIv3 key, IV = the
// resource's nonce (12 bytes), AAD = associated_data, and the ciphertext's last 16 bytes are the tag.
import { createCipheriv, createDecipheriv } from 'node:crypto'

const TAG_BYTES = 16
export const AEAD_ALGORITHM = 'AEAD_AES_256_GCM'

export interface EncryptedResource {
  algorithm: string
  ciphertext: string
  nonce: string
  associated_data?: string
  original_type: string
}

type Bytes = string | Uint8Array

/** Throws (Node's "Unsupported state or unable to authenticate data") on a wrong key, nonce, AAD or tag. */
export function aes256GcmDecrypt(key: Bytes, iv: Bytes, aad: Bytes, ciphertextAndTag: Uint8Array): Buffer {
  const data = Buffer.from(ciphertextAndTag)
  if (data.length < TAG_BYTES) throw new Error('密文过短：缺少 16 字节的 GCM 认证标签')
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(key), Buffer.from(iv))
  decipher.setAAD(Buffer.from(aad))
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES))
  return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()])
}

export function aes256GcmEncrypt(key: Bytes, iv: Bytes, aad: Bytes, plaintext: Bytes): Buffer {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key), Buffer.from(iv))
  cipher.setAAD(Buffer.from(aad))
  return Buffer.concat([cipher.update(Buffer.from(plaintext)), cipher.final(), cipher.getAuthTag()])
}

/** The resource's plaintext (JSON text). */
export function decryptResource(resource: EncryptedResource, apiV3Key: string): string {
  if (resource.algorithm !== AEAD_ALGORITHM) throw new Error(`不支持的通知加密算法：${resource.algorithm}`)
  const ciphertext = Buffer.from(resource.ciphertext, 'base64')
  return aes256GcmDecrypt(apiV3Key, resource.nonce, resource.associated_data ?? '', ciphertext).toString('utf8')
}

export function encryptResource(plaintext: string, apiV3Key: string, nonce: string, associatedData: string, originalType: string): EncryptedResource {
  const ciphertext = aes256GcmEncrypt(apiV3Key, nonce, associatedData, plaintext).toString('base64')
  return { algorithm: AEAD_ALGORITHM, ciphertext, nonce, associated_data: associatedData, original_type: originalType }
}
