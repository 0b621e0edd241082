import { X509Certificate, createPrivateKey } from 'node:crypto';
import { generateSelfSigned } from './tls';

describe('generateSelfSigned', () => {
  it('makes an EC P-256 CA certificate for the given hosts, signed by its own key', async () => {
    const { cert, key } = await generateSelfSigned([
      '127.0.0.1',
      'localhost',
      '::1',
      'localhost',
    ]);
    const x = new X509Certificate(cert);
    expect(x.subject).toBe('CN=local-cluster');
    expect(x.issuer).toBe('CN=local-cluster');
    expect(x.ca).toBe(true);
    expect(x.subjectAltName).toBe(
      'IP Address:127.0.0.1, DNS:localhost, IP Address:0:0:0:0:0:0:0:1',
    );
    expect(x.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(x.checkHost('localhost')).toBe('localhost');
    expect(x.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x.verify(x.publicKey)).toBe(true);
    expect(x.checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(x.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const days =
      (Date.parse(x.validTo) - Date.parse(x.validFrom)) / (24 * 3600 * 1000);
    expect(Math.round(days)).toBe(365);
    expect(x.serialNumber).toMatch(/^[4-7][0-9A-F]{31}$/);
  });
});
