// The pieces of a SigV4 canonical request, built the way AWS's non-S3 services build them.
import { createHash, createHmac } from 'node:crypto';

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

const UNRESERVED = /[A-Za-z0-9_.~-]/;

export class MalformedRequestError extends Error {}

/** RFC 3986 encoding of a decoded string (UTF-8), as SigV4 wants: only A-Z a-z 0-9 - _ . ~ stay. */
export function uriEncode(value: string, keepSlash = false): string {
  let out = '';
  for (const ch of value) {
    if (UNRESERVED.test(ch) || (keepSlash && ch === '/')) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Removes empty, `.` and `..` segments, keeping a leading and trailing slash (botocore's normalize_url_path). */
function normalizePath(path: string): string {
  if (!path) return '/';
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  let result = `/${out.join('/')}`;
  if (out.length > 0 && path.endsWith('/')) result += '/';
  return result;
}

/**
 * The canonical URI of a non-S3 request: the path exactly as sent (already percent-encoded by the
 * client) encoded once more, so `%3A` in an EKS access-entry ARN becomes `%253A`.
 */
export function canonicalUri(rawPath: string): string {
  return uriEncode(normalizePath(rawPath), true);
}

function percentDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new MalformedRequestError('The query string contains a malformed percent-encoding.');
  }
}

/** Decoded key/value pairs of a raw query string, in order. */
export function parseRawQuery(rawQuery: string): Array<[string, string]> {
  if (!rawQuery) return [];
  const pairs: Array<[string, string]> = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([percentDecode(k), percentDecode(v)]);
  }
  return pairs;
}

/** Sorted, strictly re-encoded query; `exclude` drops keys (X-Amz-Signature for presigned URLs). */
export function canonicalQuery(pairs: Array<[string, string]>, exclude?: string): string {
  const encoded: Array<[string, string]> = [];
  for (const [k, v] of pairs) if (k !== exclude) encoded.push([uriEncode(k), uriEncode(v)]);
  encoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return encoded.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Trimall: trims and folds runs of spaces into one. */
function trimAll(v: string): string {
  return v.trim().replace(/\s+/g, ' ');
}

/** Values of each header by lower-case name, from Node's rawHeaders (keeps repeats separate). */
export function headerValues(rawHeaders: string[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    const list = m.get(name);
    if (list) list.push(rawHeaders[i + 1]);
    else m.set(name, [rawHeaders[i + 1]]);
  }
  return m;
}

export function canonicalHeaders(signed: string[], values: Map<string, string[]>): string {
  return signed.map((name) => `${name}:${(values.get(name) ?? []).map(trimAll).join(',')}\n`).join('');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function canonicalRequest(parts: { method: string; uri: string; query: string; headers: string; signedHeaders: string; payloadHash: string }): string {
  return [parts.method, parts.uri, parts.query, parts.headers, parts.signedHeaders, parts.payloadHash].join('\n');
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
}

// Signing keys change once a day per key/region/service; caching them keeps a GetCallerIdentity at two HMACs.
const signingKeyCache = new Map<string, Buffer>();

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const cacheKey = `${secret}\u0000${date}\u0000${region}\u0000${service}`;
  let key = signingKeyCache.get(cacheKey);
  if (!key) {
    const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
    const kRegion = createHmac('sha256', kDate).update(region).digest();
    const kService = createHmac('sha256', kRegion).update(service).digest();
    key = createHmac('sha256', kService).update('aws4_request').digest();
    if (signingKeyCache.size > 10_000) signingKeyCache.clear();
    signingKeyCache.set(cacheKey, key);
  }
  return key;
}

export function hmacHex(key: Buffer, data: string): string {
  return createHmac('sha256', key).update(data).digest('hex');
}

/** 20150830T123600Z → epoch ms, or NaN. */
export function parseAmzDate(s: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

export function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
