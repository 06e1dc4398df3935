// The presigned GetCallerIdentity URL inside an EKS token, given where it is sent and a signer. Kept apart from
// the STS client (presign.ts) so that the `token` command can sign without loading the client.
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';

export const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
/** X-Amz-Expires the aws CLI signs with; EKS accepts tokens for 15 minutes from X-Amz-Date regardless. */
export const PRESIGN_EXPIRES_SECONDS = 60;

export interface PresignTarget {
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  host: string;
}

/** RFC 3986 encoding, as SigV4 canonicalises query values. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export async function presignWith(t: PresignTarget, signer: SignatureV4, clusterName: string, signingDate?: Date): Promise<string> {
  const presigned = await signer.presign(
    new HttpRequest({
      method: 'GET',
      protocol: t.protocol,
      hostname: t.hostname,
      ...(t.port ? { port: t.port } : {}),
      path: t.path,
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host: t.host, [CLUSTER_ID_HEADER]: clusterName },
    }),
    { expiresIn: PRESIGN_EXPIRES_SECONDS, signingDate },
  );
  let query = '';
  for (const [k, v] of Object.entries(presigned.query ?? {})) query += `${query ? '&' : ''}${encode(k)}=${encode(String(v))}`;
  return `${t.protocol}//${t.host}${t.path}?${query}`;
}

/** The URL for `credentials` signed for the STS endpoint `endpoint` in `region` (see sts-endpoint.ts). */
export function presignAt(endpoint: URL, region: string, credentials: AwsCredentialIdentity, clusterName: string, signingDate?: Date): Promise<string> {
  const port = endpoint.port ? Number(endpoint.port) : undefined;
  const target: PresignTarget = {
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    ...(port ? { port } : {}),
    path: endpoint.pathname || '/',
    host: endpoint.host,
  };
  const signer = new SignatureV4({ credentials, region, service: 'sts', sha256: Sha256, uriEscapePath: true });
  return presignWith(target, signer, clusterName, signingDate);
}
