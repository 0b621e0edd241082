/**
 * Self-signed certificate generation with Node's crypto only. kubectl (via
 * client-go's clientcmd) refuses to send bearer tokens over plain HTTP, so the
 * server also speaks TLS; the certificate is its own CA and is handed to
 * clients as certificate-authority-data instead of disabling verification.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
}

const seq = (...c: Buffer[]) => tlv(0x30, ...c);
const set = (...c: Buffer[]) => tlv(0x31, ...c);
const octets = (b: Buffer) => tlv(0x04, b);
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const bitString = (b: Buffer, unused = 0) =>
  tlv(0x03, Buffer.from([unused]), b);

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out = [40 * parts[0] + parts[1]];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128))
      chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function utcTime(d: Date): Buffer {
  const p = (n: number) => String(n).padStart(2, '0');
  const s = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(
    d.getUTCDate(),
  )}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(s, 'ascii'));
}

function ipBytes(ip: string): Buffer | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip))
    return Buffer.from(ip.split('.').map(Number));
  if (ip === '::1') return Buffer.from([...new Array(15).fill(0), 1]);
  return undefined;
}

function pem(label: string, der: Buffer): string {
  const b64 = der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

export interface SelfSigned {
  cert: string;
  key: string;
}

export function generateSelfSigned(
  hosts: string[] = ['127.0.0.1', 'localhost', '::1'],
  days = 365,
): SelfSigned {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
  });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const ecdsaSha256 = seq(oid('1.2.840.10045.4.3.2'));
  const name = seq(set(seq(oid('2.5.4.3'), utf8('local-cluster'))));
  const serial = randomBytes(16);
  // DER INTEGERs must be positive and minimal: no leading 0x00, top bit clear.
  serial[0] = (serial[0] & 0x3f) | 0x40;
  const notBefore = new Date(Date.now() - 60 * 60 * 1000);
  const notAfter = new Date(Date.now() + days * 24 * 60 * 60 * 1000);

  const sans = [...new Set(hosts)].map(h => {
    const ip = ipBytes(h);
    return ip ? tlv(0x87, ip) : tlv(0x82, Buffer.from(h, 'ascii'));
  });
  const extensions = tlv(
    0xa3,
    seq(
      seq(oid('2.5.29.19'), bool(true), octets(seq(bool(true)))),
      // digitalSignature | keyCertSign
      seq(
        oid('2.5.29.15'),
        bool(true),
        octets(bitString(Buffer.from([0x84]), 2)),
      ),
      seq(oid('2.5.29.37'), octets(seq(oid('1.3.6.1.5.5.7.3.1')))),
      seq(oid('2.5.29.17'), octets(seq(...sans))),
    ),
  );
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    ecdsaSha256,
    name,
    seq(utcTime(notBefore), utcTime(notAfter)),
    name,
    spki,
    extensions,
  );
  const signature = sign('sha256', tbs, {
    key: privateKey,
    dsaEncoding: 'der',
  });
  const cert = seq(tbs, ecdsaSha256, bitString(signature));
  return {
    cert: pem('CERTIFICATE', cert),
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}
