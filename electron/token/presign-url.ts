// The presigned GetCallerIdentity URL inside an EKS token, given where it is sent and a signer. Kept apart from
// the STS client (presign.ts). (The `token` command signs with presign-local.ts: no SDK at all.)
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

import { CLUSTER_ID_HEADER, PRESIGN_EXPIRES_SECONDS } from './exec-credential.js';

export { CLUSTER_ID_HEADER, PRESIGN_EXPIRES_SECONDS };

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
