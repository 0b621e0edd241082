/**
 * Self-signed certificate for the HTTPS side of the port. kubectl (via
 * client-go's clientcmd) refuses to send bearer tokens over plain HTTP, so the
 * server also speaks TLS; the certificate is its own CA and is handed to
 * clients as certificate-authority-data instead of disabling verification.
 */
import { KeyObject, randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';

export interface SelfSigned {
  cert: string;
  key: string;
}

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

export async function generateSelfSigned(
  hosts: string[] = ['127.0.0.1', 'localhost', '::1'],
  days = 365,
): Promise<SelfSigned> {
  const crypto = webcrypto as unknown as Crypto;
  const keys = await crypto.subtle.generateKey(ECDSA_P256, true, [
    'sign',
    'verify',
  ]);
  const serial = randomBytes(16);
  // A positive serial without a leading zero byte, so its DER INTEGER is 16 bytes long.
  serial[0] = (serial[0] & 0x3f) | 0x40;
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial.toString('hex'),
      name: 'CN=local-cluster',
      notBefore: new Date(Date.now() - 60 * 60 * 1000),
      notAfter: new Date(Date.now() + days * 24 * 60 * 60 * 1000),
      signingAlgorithm: ECDSA_P256,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign,
          true,
        ),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension(
          [...new Set(hosts)].map(h => ({
            type: isIP(h) ? ('ip' as const) : ('dns' as const),
            value: h,
          })),
        ),
      ],
    },
    crypto,
  );
  return {
    cert: cert.toString('pem'),
    key: KeyObject.from(keys.privateKey).export({
      type: 'pkcs8',
      format: 'pem',
    }) as string,
  };
}
