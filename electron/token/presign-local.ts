// The presigned GetCallerIdentity URL of an EKS token, signed without the SDK and without node:crypto (sha256.ts):
// the `token` command runs on every kubectl call, and the SDK's signer (with its hash and protocol helpers) was
// most of what a token made anew had to load. The URL is byte for byte the one the SDK's signer makes (SigV4
// query signing, as presign-url.ts drives it): test/token/sts-endpoint.test.ts compares the two in every partition.
import { CLUSTER_ID_HEADER, PRESIGN_EXPIRES_SECONDS } from './exec-credential.js';
import { hmacSha256, sha256 } from './sha256.js';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** RFC 3986 encoding, as SigV4 canonicalises query values. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The path as SigV4 canonicalises it: empty and "." segments dropped, ".." applied, each segment escaped. */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return encode(normalized).replace(/%2F/g, '/');
}

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The two hashes SigV4 needs: this file's own by default; a process that has node:crypto loaded can pass it. */
export interface SigningHashes {
  sha256(data: Uint8Array): Uint8Array;
  hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array;
}

const ownHashes: SigningHashes = { sha256, hmacSha256 };

/**
 * How the URL is signed: the hashes, and optionally where to keep the signing keys derived for one set of
 * credentials (by day and region; the caller keeps one map per credentials, so a key is never used for others).
 */
export interface PresignOptions {
  hashes?: SigningHashes;
  signingKeys?: Map<string, Uint8Array>;
}

/** The URL for `credentials` signed for the STS endpoint `endpoint` in `region` (see sts-endpoint.ts). */
export function presignAt(endpoint: Pick<URL, 'protocol' | 'host' | 'pathname'>, region: string, credentials: SigningCredentials, clusterName: string, signingDate = new Date(), opts: PresignOptions = {}): string {
  const { hashes = ownHashes, signingKeys } = opts;
  const hmac = (key: Uint8Array, data: string): Uint8Array => hashes.hmacSha256(key, utf8(data));
  const path = endpoint.pathname || '/';
  const longDate = signingDate.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  const shortDate = longDate.slice(0, 8);
  const scope = `${shortDate}/${region}/sts/aws4_request`;
  // In the order the SDK's signer adds them (the URL keeps it; the signature sorts them).
  const query: [string, string][] = [
    ['Action', 'GetCallerIdentity'],
    ['Version', '2011-06-15'],
    ...(credentials.sessionToken ? ([['X-Amz-Security-Token', credentials.sessionToken]] as [string, string][]) : []),
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
    ['X-Amz-Credential', `${credentials.accessKeyId}/${scope}`],
    ['X-Amz-Date', longDate],
    ['X-Amz-Expires', String(PRESIGN_EXPIRES_SECONDS)],
    ['X-Amz-SignedHeaders', `host;${CLUSTER_ID_HEADER}`],
  ];
  const encoded = query.map(([k, v]) => `${encode(k)}=${encode(v)}`);
  const canonicalQuery = [...encoded].sort((a, b) => (a.split('=')[0]! < b.split('=')[0]! ? -1 : 1)).join('&');
  const canonicalHeaders = `host:${endpoint.host.trim()}\n${CLUSTER_ID_HEADER}:${clusterName.trim().replace(/\s+/g, ' ')}\n`;
  const canonicalRequest = `GET\n${canonicalPath(path)}\n${canonicalQuery}\n${canonicalHeaders}\nhost;${CLUSTER_ID_HEADER}\n${EMPTY_BODY_SHA256}`;
  const stringToSign = `AWS4-HMAC-SHA256\n${longDate}\n${scope}\n${hex(hashes.sha256(utf8(canonicalRequest)))}`;
  let key = signingKeys?.get(scope);
  if (!key) {
    key = hmac(hmac(hmac(hmac(utf8(`AWS4${credentials.secretAccessKey}`), shortDate), region), 'sts'), 'aws4_request');
    signingKeys?.set(scope, key);
  }
  const signature = hex(hmac(key, stringToSign));
  return `${endpoint.protocol}//${endpoint.host}${path}?${encoded.join('&')}&X-Amz-Signature=${signature}`;
}
