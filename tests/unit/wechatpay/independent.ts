// Independent implementations to check ours against: the openssl CLI (the command WeChat Pay's
// own docs use), and python3's `cryptography` for AES-GCM when it is installed.
import { execFileSync, spawnSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const OPENSSL = '/usr/bin/openssl'

export interface KeyFiles {
  dir: string
  privateKeyPem: string
  publicKeyPem: string
  privatePath: string
  publicPath: string
}

export function generatedKeyFiles(): KeyFiles {
  const dir = mkdtempSync(join(tmpdir(), 'wxpay-keys-'))
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }) as string
  const privatePath = join(dir, 'apiclient_key.pem')
  const publicPath = join(dir, 'pub_key.pem')
  writeFileSync(privatePath, privateKeyPem)
  writeFileSync(publicPath, publicKeyPem)
  return { dir, privateKeyPem, publicKeyPem, privatePath, publicPath }
}

/** `openssl dgst -sha256 -sign key.pem | openssl base64 -A`, as in WeChat Pay's docs. */
export function opensslSign(message: string | Buffer, keyPath: string): string {
  const signature = execFileSync(OPENSSL, ['dgst', '-sha256', '-sign', keyPath], { input: message })
  return execFileSync(OPENSSL, ['base64', '-A'], { input: signature }).toString('utf8')
}

/** `openssl dgst -sha256 -verify pub.pem -signature sig.bin` → true on "Verified OK". */
export function opensslVerify(message: string | Buffer, signatureBase64: string, publicPath: string, dir: string): boolean {
  const sigPath = join(dir, 'signature.bin')
  writeFileSync(sigPath, Buffer.from(signatureBase64, 'base64'))
  const run = spawnSync(OPENSSL, ['dgst', '-sha256', '-verify', publicPath, '-signature', sigPath], { input: message })
  return run.status === 0 && run.stdout.toString().includes('Verified OK')
}

export function opensslCertificateSerial(pem: string, dir: string): string {
  const path = join(dir, 'cert.pem')
  writeFileSync(path, pem)
  return execFileSync(OPENSSL, ['x509', '-in', path, '-noout', '-serial']).toString().trim().replace(/^serial=/, '')
}

const PYTHON_GCM = `
import sys, json, base64
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
a = json.loads(sys.stdin.read())
ct = AESGCM(a["key"].encode()).encrypt(a["nonce"].encode(), a["plaintext"].encode(), a["aad"].encode())
print(base64.b64encode(ct).decode())
`

export const pythonCryptographyAvailable = spawnSync('python3', ['-c', 'import cryptography.hazmat.primitives.ciphers.aead'], { stdio: 'ignore' }).status === 0

/** AES-256-GCM by python's `cryptography` (OpenSSL through Rust, not Node): base64 of ciphertext‖tag. */
export function pythonGcmEncrypt(input: { key: string; nonce: string; aad: string; plaintext: string }): string {
  return execFileSync('python3', ['-c', PYTHON_GCM], { input: JSON.stringify(input) }).toString().trim()
}
