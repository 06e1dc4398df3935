import 'reflect-metadata';
// A certificate authority made fresh for each sandbox run, and the server certificate it signs for
// 127.0.0.1 / localhost. ECDSA P-256: generated in milliseconds, accepted by Go (kubectl),
// Python (botocore) and Node alike.
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface CertificateAuthority {
  certPem: string;
  /** Base64 of certPem, the form of EKS's certificateAuthority.data and kubeconfig's certificate-authority-data. */
  caData: string;
  issueServerCert(hosts?: { dns?: string[]; ips?: string[] }): Promise<{ certPem: string; keyPem: string }>;
}

function serial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1');
}

function pemKey(der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').trimEnd();
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
}

export async function createCertificateAuthority(commonName = 'kubernetes'): Promise<CertificateAuthority> {
  const caKeys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(Date.now() - 86_400_000);
  const notAfter = new Date(Date.now() + 3650 * 86_400_000);
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}`,
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const certPem = caCert.toString('pem') + '\n';
  return {
    certPem,
    caData: Buffer.from(certPem).toString('base64'),
    async issueServerCert(hosts = {}) {
      const dns = hosts.dns ?? ['localhost'];
      const ips = hosts.ips ?? ['127.0.0.1'];
      const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: serial(),
        subject: 'CN=kube-apiserver',
        issuer: caCert.subject,
        notBefore,
        notAfter: new Date(Date.now() + 365 * 86_400_000),
        publicKey: keys.publicKey,
        signingKey: caKeys.privateKey,
        signingAlgorithm: ALG,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
          new x509.SubjectAlternativeNameExtension([
            ...dns.map((value) => ({ type: 'dns' as const, value })),
            ...ips.map((value) => ({ type: 'ip' as const, value })),
          ]),
          await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
        ],
      });
      const keyDer = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
      return { certPem: cert.toString('pem') + '\n', keyPem: pemKey(keyDer) };
    },
  };
}
