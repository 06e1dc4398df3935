// Reads an EKS bearer token back: which STS host, region and access key signed it, when, for how long,
// and whether the cluster name is part of the signature (what binds a token to one cluster).
import { TOKEN_PREFIX } from './exec-credential.js';
import { CLUSTER_ID_HEADER } from './presign-url.js';

export interface DecodedToken {
  host: string;
  region: string;
  accessKeyId: string;
  /** X-Amz-Date as ISO 8601. */
  date: string;
  expiresSeconds: number;
  signedHeaders: string[];
  clusterIdSigned: boolean;
  /** Present when the credentials are temporary (the token value itself is never returned). */
  hasSessionToken: boolean;
  action: string;
}

export class TokenDecodeError extends Error {}

export function decodeToken(token: string): DecodedToken {
  const trimmed = token.trim();
  if (!trimmed.startsWith(TOKEN_PREFIX)) throw new TokenDecodeError(`the token does not start with "${TOKEN_PREFIX}"`);
  const payload = trimmed.slice(TOKEN_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(payload)) throw new TokenDecodeError('the token is not base64url after its prefix');
  let url: URL;
  try {
    url = new URL(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new TokenDecodeError('the token does not hold a URL');
  }
  const q = new Map<string, string>();
  for (const [k, v] of url.searchParams) q.set(k.toLowerCase(), v);
  const credential = q.get('x-amz-credential');
  if (!credential) throw new TokenDecodeError('the URL has no X-Amz-Credential: it is not a presigned request');
  const [accessKeyId, , region] = credential.split('/');
  const rawDate = q.get('x-amz-date') ?? '';
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(rawDate);
  const signedHeaders = (q.get('x-amz-signedheaders') ?? '').split(';').filter(Boolean);
  return {
    host: url.host,
    region: region ?? '',
    accessKeyId: accessKeyId ?? '',
    date: m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : rawDate,
    expiresSeconds: Number(q.get('x-amz-expires') ?? NaN),
    signedHeaders,
    clusterIdSigned: signedHeaders.includes(CLUSTER_ID_HEADER),
    hasSessionToken: q.has('x-amz-security-token'),
    action: q.get('action') ?? '',
  };
}
