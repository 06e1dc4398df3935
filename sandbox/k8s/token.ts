// aws-iam-authenticator's token Verify (docs/eks-authentication.md §2): format checks 1–11 in the
// authenticator's order and wording, then the replay of the presigned URL to STS (step 12).
import { replayGetCallerIdentity } from '../aws/sts-verify.js';
import type { World } from '../world/world.js';
import { canonicalizeArn } from './arn.js';

export const TOKEN_PREFIX = 'k8s-aws-v1.';
const MAX_TOKEN_BYTES = 4096;
const PRESIGNED_URL_EXPIRATION_MS = 15 * 60_000;
const ALLOWED_PARAMS = new Set([
  'action',
  'version',
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-security-token',
  'x-amz-signature',
  'x-amz-signedheaders',
]);
// Every region of the `aws` partition that has regional STS endpoints.
const AWS_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'il-central-1', 'me-south-1',
  'me-central-1', 'mx-central-1', 'sa-east-1',
];

export interface TokenIdentity {
  arn: string;
  canonicalArn: string;
  accountId: string;
  /** The unique ID part of STS's UserId (AROA… for roles, AIDA… for users). */
  userId: string;
  sessionName: string;
  accessKeyId: string;
  /** EKS's extra.principalId: the same unique ID. */
  principalId: string;
}

export type VerifyResult = { ok: true; identity: TokenIdentity } | { ok: false; error: string; kind: 'format' | 'sts' };

function formatError(message: string): VerifyResult {
  return { ok: false, kind: 'format', error: `input token was not properly formatted: ${message}` };
}

function stsError(message: string): VerifyResult {
  return { ok: false, kind: 'sts', error: `sts getCallerIdentity failed: ${message}` };
}

const stsHostsByEndpoint = new Map<string, Set<string>>();

export function allowedStsHosts(world: World): ReadonlySet<string> {
  const endpoint = world.awsEndpoint ?? '';
  let hosts = stsHostsByEndpoint.get(endpoint);
  if (!hosts) {
    hosts = new Set(['sts.amazonaws.com', ...AWS_REGIONS.map((r) => `sts.${r}.amazonaws.com`)]);
    if (endpoint) hosts.add(new URL(endpoint).host);
    stsHostsByEndpoint.set(endpoint, hosts);
  }
  return hosts;
}

/** Go's base64.RawURLEncoding.DecodeString: URL alphabet, no padding, strict. */
function decodeRawUrlBase64(s: string): { ok: true; text: string } | { ok: false; error: string } {
  const bad = /[^A-Za-z0-9_-]/.exec(s);
  if (bad) return { ok: false, error: `illegal base64 data at input byte ${bad.index}` };
  if (s.length % 4 === 1) return { ok: false, error: `illegal base64 data at input byte ${s.length - 1}` };
  return { ok: true, text: Buffer.from(s, 'base64url').toString('latin1') };
}

/** Go's time.Time String() for a UTC instant: 2006-01-02 15:04:05 +0000 UTC. */
function goTimeString(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`;
}

/** Go's url.ParseQuery: fails on bad percent-encoding or a semicolon. */
function parseQuery(raw: string): Map<string, string[]> | undefined {
  const out = new Map<string, string[]>();
  if (raw === '') return out;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    if (part.includes(';')) return undefined;
    const eq = part.indexOf('=');
    const [k, v] = eq >= 0 ? [part.slice(0, eq), part.slice(eq + 1)] : [part, ''];
    try {
      const key = decodeURIComponent(k.replace(/\+/g, ' '));
      const value = decodeURIComponent(v.replace(/\+/g, ' '));
      const list = out.get(key) ?? [];
      list.push(value);
      out.set(key, list);
    } catch {
      return undefined;
    }
  }
  return out;
}

export async function verifyToken(world: World, clusterName: string, token: string): Promise<VerifyResult> {
  // 1–2
  if (Buffer.byteLength(token) > MAX_TOKEN_BYTES) return formatError('token is too large');
  if (!token.startsWith(TOKEN_PREFIX)) return formatError(`token is missing expected "${TOKEN_PREFIX}" prefix`);
  // 3
  const decoded = decodeRawUrlBase64(token.slice(TOKEN_PREFIX.length));
  if (!decoded.ok) return formatError(decoded.error);
  let url: URL;
  try {
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this check refuses
    if (/[\x00-\x1f\x7f ]/.test(decoded.text)) throw new Error('invalid control character in URL');
    url = new URL(decoded.text);
  } catch {
    // Go parses a string without a scheme as a bare path, which then fails the scheme check.
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(decoded.text)) return formatError('unexpected scheme "" in pre-signed URL');
    return formatError(`parse ${JSON.stringify(decoded.text.slice(0, 64))}: invalid URL`);
  }
  // 4–6
  const scheme = url.protocol.replace(/:$/, '');
  if (scheme !== 'https') return formatError(`unexpected scheme "${scheme}" in pre-signed URL`);
  if (!allowedStsHosts(world).has(url.host)) return formatError(`unexpected hostname "${url.host}" in pre-signed URL`);
  if (url.pathname !== '/') return formatError('unexpected path in pre-signed URL');
  // 7
  const params = parseQuery(url.search.replace(/^\?/, ''));
  if (!params) return formatError('malformed query parameter');
  const lower = new Map<string, string>();
  for (const [key, values] of params) {
    if (!ALLOWED_PARAMS.has(key.toLowerCase())) return formatError(`non-whitelisted query parameter "${key}"`);
    if (values.length !== 1) return formatError('query parameter with multiple values not supported');
    lower.set(key.toLowerCase(), values[0]);
  }
  // 8–9
  if (lower.get('action') !== 'GetCallerIdentity') return formatError('unexpected action parameter in pre-signed URL');
  const signed = (lower.get('x-amz-signedheaders') ?? '').split(';').map((h) => h.toLowerCase());
  if (!signed.includes('x-k8s-aws-id')) return formatError('client did not sign the x-k8s-aws-id header in the pre-signed URL');
  // 10 (Go's strconv.Atoi leaves 0 on a parse error)
  const expiresText = lower.get('x-amz-expires') ?? '';
  const expires = /^[+-]?\d+$/.test(expiresText) ? Number(expiresText) : NaN;
  if (!Number.isSafeInteger(expires) || expires < 0 || expires > 900) {
    return formatError(`invalid X-Amz-Expires parameter in pre-signed URL: ${Number.isSafeInteger(expires) ? expires : 0}`);
  }
  // 11
  const date = lower.get('x-amz-date') ?? '';
  if (date === '') return formatError('X-Amz-Date parameter must be present in pre-signed URL');
  const accessKeyId = (lower.get('x-amz-credential') ?? '').split('/')[0];
  const dm = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  const signedAt = dm ? Date.UTC(+dm[1], +dm[2] - 1, +dm[3], +dm[4], +dm[5], +dm[6]) : NaN;
  if (!dm || Number.isNaN(signedAt) || new Date(signedAt).getUTCDate() !== +dm[3] || +dm[4] > 23 || +dm[5] > 59 || +dm[6] > 59) {
    return formatError(`error parsing X-Amz-Date parameter ${date} into format 20060102T150405Z: parsing time "${date}" as "20060102T150405Z": cannot parse "${date}" as "2006"`);
  }
  if (world.now() > signedAt + PRESIGNED_URL_EXPIRATION_MS) {
    return formatError(`X-Amz-Date parameter is expired (15 minute expiration) ${goTimeString(new Date(signedAt))}`);
  }
  // 12
  const reply = await replayGetCallerIdentity(world, url, clusterName);
  if (reply.status !== 200) {
    // The authenticator singles out STS throttling (its own error type, answered 429 to the API server).
    if (reply.body.includes('Throttling')) return { ok: false, kind: 'sts', error: `sts getCallerIdentity was throttled: ${reply.body}` };
    return stsError(`error from AWS (expected 200, got ${reply.status}). Body: ${reply.body}`);
  }
  let arn = reply.caller?.arn;
  let account = reply.caller?.account;
  let rawUserId = reply.caller?.userId;
  if (!reply.caller) {
    try {
      const r = JSON.parse(reply.body).GetCallerIdentityResponse.GetCallerIdentityResult;
      [arn, account, rawUserId] = [r.Arn, r.Account, r.UserId];
    } catch (err) {
      return stsError((err as Error).message);
    }
  }
  let canonicalArn: string;
  try {
    canonicalArn = canonicalizeArn(arn ?? '');
  } catch (err) {
    return stsError((err as Error).message);
  }
  const idParts = (rawUserId ?? '').split(':');
  if (idParts.length > 2) return stsError(`malformed UserID "${rawUserId}"`);
  return {
    ok: true,
    identity: {
      arn: arn!,
      canonicalArn,
      accountId: account ?? '',
      userId: idParts[0],
      sessionName: idParts[1] ?? '',
      accessKeyId,
      principalId: idParts[0],
    },
  };
}
