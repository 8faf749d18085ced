// A self-signed X.509 v3 certificate in DER, enough to stand in for a 平台证书: node:crypto reads
// certificates but cannot make one, and the simulator must not need the openssl CLI to start.
import { randomBytes, sign, type KeyObject } from 'node:crypto'

function der(tag: number, content: Buffer): Buffer {
  const n = content.length
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff])
  return Buffer.concat([Buffer.from([tag]), length, content])
}
const sequence = (...items: Buffer[]) => der(0x30, Buffer.concat(items))
const set = (...items: Buffer[]) => der(0x31, Buffer.concat(items))
const SHA256_WITH_RSA = sequence(Buffer.from('06092a864886f70d01010b', 'hex'), Buffer.from('0500', 'hex'))
const COMMON_NAME = Buffer.from('0603550403', 'hex')

function utcTime(date: Date): Buffer {
  const iso = date.toISOString() // YYYY-MM-DDTHH:MM:SS.sssZ → YYMMDDHHMMSSZ
  return der(0x17, Buffer.from(`${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`))
}
const name = (cn: string) => sequence(set(sequence(COMMON_NAME, der(0x0c, Buffer.from(cn, 'utf8')))))

export interface SelfSignedCertificate {
  pem: string
  /** Upper-case hex, as WeChat Pay writes a 平台证书 serial in Wechatpay-Serial. */
  serial: string
}

/** A 20-byte positive serial (first byte 0x10–0x7f, so no sign or leading-zero surprises). */
export function selfSignedCertificate(publicKey: KeyObject, privateKey: KeyObject, commonName: string, now: Date, years = 5): SelfSignedCertificate {
  const serial = randomBytes(20)
  serial[0] = 0x10 + (serial[0] % 0x70)
  const notAfter = new Date(now)
  notAfter.setUTCFullYear(now.getUTCFullYear() + years)
  const tbs = sequence(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, serial),
    SHA256_WITH_RSA,
    name(commonName),
    sequence(utcTime(new Date(now.getTime() - 60_000)), utcTime(notAfter)),
    name(commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
  )
  const signature = sign('sha256', tbs, privateKey)
  const certificate = sequence(tbs, SHA256_WITH_RSA, der(0x03, Buffer.concat([Buffer.from([0]), signature])))
  const base64 = certificate.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')
  return { pem: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`, serial: serial.toString('hex').toUpperCase() }
}
