// Builds an EKS bearer token the way `aws eks get-token` does (docs/eks-authentication.md §1): a presigned
// STS GetCallerIdentity URL with x-k8s-aws-id signed, base64url without padding, prefixed k8s-aws-v1.
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export interface TokenCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface TokenOptions {
  clusterName: string;
  /** host[:port] the URL points at: sts.<region>.amazonaws.com, or the sandbox AWS endpoint. */
  host: string;
  region?: string;
  /** Signing time; default now. */
  signingDate?: Date;
  expiresIn?: number;
}

export async function presignGetCallerIdentity(creds: TokenCredentials, opts: TokenOptions): Promise<string> {
  const signer = new SignatureV4({ credentials: creds, region: opts.region ?? 'us-east-1', service: 'sts', sha256: Sha256 });
  const [hostname, port] = opts.host.split(':');
  const request = new HttpRequest({
    method: 'GET',
    protocol: 'https:',
    hostname,
    port: port ? Number(port) : undefined,
    path: '/',
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    headers: { host: opts.host, 'x-k8s-aws-id': opts.clusterName },
  });
  const signed = await signer.presign(request, {
    expiresIn: opts.expiresIn ?? 60,
    signingDate: opts.signingDate,
    unhoistableHeaders: new Set(['x-k8s-aws-id']),
  });
  const query = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v ?? ''))}`)
    .join('&');
  return `https://${opts.host}/?${query}`;
}

export function tokenFromUrl(url: string): string {
  return `k8s-aws-v1.${Buffer.from(url).toString('base64url')}`;
}

export async function makeEksToken(creds: TokenCredentials, opts: TokenOptions): Promise<string> {
  return tokenFromUrl(await presignGetCallerIdentity(creds, opts));
}
