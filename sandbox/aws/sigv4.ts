// AWS Signature Version 4 verification, Authorization header and presigned query alike, with the
// failure classes AWS reports: unknown/deleted/inactive key, bad session token, expired session,
// wrong signature, request time outside the allowed window.
import { partitionOfRegion } from '../k8s/sts-hosts.js';
import { timingSafeEqual } from 'node:crypto';
import type { World } from '../world/world.js';
import type { Caller } from '../world/types.js';
import {
  MalformedRequestError,
  UNSIGNED_PAYLOAD,
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  formatAmzDate,
  headerValues,
  hmacHex,
  parseAmzDate,
  parseRawQuery,
  sha256Hex,
  signingKey,
  stringToSign,
} from './sigv4-canonical.js';

/** How far a signed request's date may be from the sandbox clock. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export const MSG_INVALID_TOKEN = 'The security token included in the request is invalid.';
export const MSG_EXPIRED_TOKEN = 'The security token included in the request is expired';
export const MSG_BAD_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export interface SigV4Request {
  method: string;
  /** The path as sent, percent-encoding kept. */
  rawPath: string;
  /** The query string as sent, without `?`. */
  rawQuery: string;
  /** Node's rawHeaders: [name, value, name, value, ...]. */
  rawHeaders: string[];
  body: Buffer;
}

export type SigV4FailureKind =
  | 'missing' // no Authorization header and no presigned query
  | 'incomplete' // an Authorization header or presigned query that cannot be parsed
  | 'invalid-token' // unknown, deleted or inactive key; bad session token
  | 'expired-token' // the temporary credentials expired
  | 'signature' // signature mismatch
  | 'clock-skew' // request date too far from the sandbox clock
  | 'presign-expired'; // a presigned URL past its validity

export interface SigV4Success {
  ok: true;
  caller: Caller;
  accessKeyId: string;
  region: string;
  service: string;
  amzDate: string;
  presigned: boolean;
  signedHeaders: string[];
}

export interface SigV4Failure {
  ok: false;
  kind: SigV4FailureKind;
  message: string;
  /** From the credential scope, when it could be parsed. */
  service?: string;
  region?: string;
}

export type SigV4Result = SigV4Success | SigV4Failure;

export interface VerifyOptions {
  /**
   * Presigned URLs: validity counted from X-Amz-Date instead of X-Amz-Expires. STS honours
   * presigned GetCallerIdentity for 15 minutes whatever X-Amz-Expires says (EKS tokens use 60 s).
   */
  presignedMaxAgeSeconds?: number;
}

interface ParsedAuth {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  securityToken?: string;
  presigned: boolean;
  expiresSeconds?: number;
  queryPairs: Array<[string, string]>;
}

/** The service name of the credential scope, without verifying anything (for routing). */
export function scopeOf(authorization: string | undefined, rawQuery: string): { service: string; region: string; accessKeyId: string } | undefined {
  let credential: string | undefined;
  if (authorization) credential = /Credential=([^,\s]+)/.exec(authorization)?.[1];
  else if (rawQuery.includes('X-Amz-Credential=')) {
    try {
      credential = parseRawQuery(rawQuery).find(([k]) => k === 'X-Amz-Credential')?.[1];
    } catch {
      return undefined;
    }
  }
  const parts = credential?.split('/');
  if (!parts || parts.length !== 5) return undefined;
  return { accessKeyId: parts[0], region: parts[2], service: parts[3] };
}

function fail(kind: SigV4FailureKind, message: string, auth?: Partial<ParsedAuth>): SigV4Failure {
  return { ok: false, kind, message, service: auth?.service, region: auth?.region };
}

function parseCredential(credential: string): Pick<ParsedAuth, 'accessKeyId' | 'date' | 'region' | 'service'> | string {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request' || !parts[0] || !/^\d{8}$/.test(parts[1]) || !parts[2] || !parts[3]) {
    return `Credential should be scoped to a valid region, not '${parts[2] ?? ''}'. `;
  }
  return { accessKeyId: parts[0], date: parts[1], region: parts[2], service: parts[3] };
}

function parseAuthorizationHeader(header: string, values: Map<string, string[]>, queryPairs: Array<[string, string]>): ParsedAuth | SigV4Failure {
  const m = /^AWS4-HMAC-SHA256\s+(.*)$/s.exec(header.trim());
  if (!m) {
    return fail(
      'incomplete',
      `Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=${header.slice(0, 300)}`,
    );
  }
  const fields = new Map<string, string>();
  for (const piece of m[1].split(',')) {
    const kv = piece.trim();
    const eq = kv.indexOf('=');
    if (eq <= 0) return fail('incomplete', `'${kv.slice(0, 100)}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header.slice(0, 300)}'.`);
    fields.set(kv.slice(0, eq), kv.slice(eq + 1));
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((k) => !fields.get(k));
  if (missing.length) return fail('incomplete', missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' '));
  const cred = parseCredential(fields.get('Credential')!);
  if (typeof cred === 'string') return fail('incomplete', cred);
  const amzDate = values.get('x-amz-date')?.[0] ?? httpDateToAmz(values.get('date')?.[0]);
  if (!amzDate) return fail('incomplete', `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${header.slice(0, 300)}`, cred);
  return {
    ...cred,
    signedHeaders: fields.get('SignedHeaders')!.split(';').map((h) => h.trim().toLowerCase()),
    signature: fields.get('Signature')!,
    amzDate,
    securityToken: values.get('x-amz-security-token')?.[0],
    presigned: false,
    queryPairs,
  };
}

function httpDateToAmz(date: string | undefined): string | undefined {
  if (!date) return undefined;
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? undefined : formatAmzDate(ms);
}

function parsePresigned(queryPairs: Array<[string, string]>): ParsedAuth | SigV4Failure {
  const q = new Map<string, string>();
  for (const [k, v] of queryPairs) q.set(k, v);
  if (q.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return fail('incomplete', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  const required = ['X-Amz-Credential', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Signature'];
  const missing = required.filter((k) => !q.get(k));
  if (missing.length) return fail('incomplete', `AWS query-string parameters missing or malformed: ${missing.join(', ')}`);
  const cred = parseCredential(q.get('X-Amz-Credential')!);
  if (typeof cred === 'string') return fail('incomplete', cred);
  const expires = q.get('X-Amz-Expires');
  const expiresSeconds = expires === undefined ? undefined : Number(expires);
  if (expiresSeconds !== undefined && (!Number.isInteger(expiresSeconds) || expiresSeconds < 0)) {
    return fail('incomplete', 'X-Amz-Expires must be a non-negative integer', cred);
  }
  return {
    ...cred,
    signedHeaders: q.get('X-Amz-SignedHeaders')!.split(';').map((h) => h.trim().toLowerCase()),
    signature: q.get('X-Amz-Signature')!,
    amzDate: q.get('X-Amz-Date')!,
    securityToken: q.get('X-Amz-Security-Token'),
    presigned: true,
    expiresSeconds,
    queryPairs,
  };
}

function minutesText(ms: number): string {
  const min = ms / 60_000;
  return Number.isInteger(min) ? `${min} min.` : `${ms / 1000} sec.`;
}

function checkTime(auth: ParsedAuth, now: number, opts: VerifyOptions): SigV4Failure | undefined {
  const t = parseAmzDate(auth.amzDate);
  if (Number.isNaN(t)) return fail('incomplete', `Date must be in ISO-8601 'basic format'. Got '${auth.amzDate.slice(0, 40)}'. See http://en.wikipedia.org/wiki/ISO_8601`, auth);
  if (auth.amzDate.slice(0, 8) !== auth.date) {
    return fail('signature', `Credential should be scoped to a valid date: '${auth.amzDate.slice(0, 8)}', not '${auth.date}'.`, auth);
  }
  if (t > now + MAX_CLOCK_SKEW_MS) {
    return fail('clock-skew', `Signature not yet current: ${auth.amzDate} is still later than ${formatAmzDate(now + MAX_CLOCK_SKEW_MS)} (${formatAmzDate(now)} + 5 min.)`, auth);
  }
  if (auth.presigned) {
    const windowMs = (opts.presignedMaxAgeSeconds ?? auth.expiresSeconds ?? 900) * 1000;
    if (t + windowMs < now) {
      return fail('presign-expired', `Signature expired: ${auth.amzDate} is now earlier than ${formatAmzDate(now - windowMs)} (${formatAmzDate(now)} - ${minutesText(windowMs)})`, auth);
    }
  } else if (t < now - MAX_CLOCK_SKEW_MS) {
    return fail('clock-skew', `Signature expired: ${auth.amzDate} is now earlier than ${formatAmzDate(now - MAX_CLOCK_SKEW_MS)} (${formatAmzDate(now)} - 5 min.)`, auth);
  }
  return undefined;
}

function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Verifies a request's SigV4 signature against the World's keys and clock. */
export function verifySigV4(world: World, req: SigV4Request, opts: VerifyOptions = {}): SigV4Result {
  let queryPairs: Array<[string, string]>;
  try {
    queryPairs = parseRawQuery(req.rawQuery);
  } catch (err) {
    if (err instanceof MalformedRequestError) return fail('incomplete', err.message);
    throw err;
  }
  const values = headerValues(req.rawHeaders);
  const authHeader = values.get('authorization')?.[0];
  let parsed: ParsedAuth | SigV4Failure;
  if (authHeader !== undefined) parsed = parseAuthorizationHeader(authHeader, values, queryPairs);
  else if (queryPairs.some(([k]) => k === 'X-Amz-Algorithm' || k === 'X-Amz-Credential' || k === 'X-Amz-Signature')) parsed = parsePresigned(queryPairs);
  else return fail('missing', 'Request is missing Authentication Token');
  if ('ok' in parsed) return parsed;
  const auth = parsed;

  const timeProblem = checkTime(auth, world.now(), opts);
  if (timeProblem) return timeProblem;

  const key = world.lookupKey(auth.accessKeyId);
  if (key.state === 'unknown' || key.state === 'deleted' || key.state === 'inactive') return fail('invalid-token', MSG_INVALID_TOKEN, auth);
  // Each partition has its own IAM: a key of another partition's account is unknown here.
  if (world.partitionOf(key.caller.account) !== partitionOfRegion(auth.region)) return fail('invalid-token', MSG_INVALID_TOKEN, auth);
  const expectedToken = key.sessionToken;
  if (expectedToken !== undefined ? auth.securityToken !== expectedToken : auth.securityToken !== undefined) {
    return fail('invalid-token', MSG_INVALID_TOKEN, auth);
  }
  if (key.state === 'expired') return fail('expired-token', MSG_EXPIRED_TOKEN, auth);

  if (!auth.signedHeaders.includes('host')) return fail('signature', MSG_BAD_SIGNATURE, auth);
  const sortedSigned = [...auth.signedHeaders].sort();
  let uri: string;
  try {
    uri = canonicalUri(req.rawPath);
  } catch {
    return fail('incomplete', 'The request path is malformed.', auth);
  }
  const base = {
    method: req.method,
    uri,
    query: canonicalQuery(auth.queryPairs, auth.presigned ? 'X-Amz-Signature' : undefined),
    headers: canonicalHeaders(sortedSigned, values),
    signedHeaders: sortedSigned.join(';'),
  };
  const sKey = signingKey(key.secret, auth.date, auth.region, auth.service);
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const declared = values.get('x-amz-content-sha256')?.[0];
  // A declared body hash must be the body's (only S3 allows streaming variants).
  if (declared !== undefined && declared !== UNSIGNED_PAYLOAD && declared.toLowerCase() !== sha256Hex(req.body)) return fail('signature', MSG_BAD_SIGNATURE, auth);
  // Presigned URLs carry no payload hash; signers use either the empty body's hash or UNSIGNED-PAYLOAD.
  const candidates = declared !== undefined ? [declared] : auth.presigned ? [sha256Hex(req.body), UNSIGNED_PAYLOAD] : [sha256Hex(req.body)];
  for (const payloadHash of candidates) {
    const expected = hmacHex(sKey, stringToSign(auth.amzDate, scope, canonicalRequest({ ...base, payloadHash })));
    if (sameHex(expected, auth.signature)) {
      return {
        ok: true,
        caller: key.caller,
        accessKeyId: auth.accessKeyId,
        region: auth.region,
        service: auth.service,
        amzDate: auth.amzDate,
        presigned: auth.presigned,
        signedHeaders: sortedSigned,
      };
    }
  }
  return fail('signature', MSG_BAD_SIGNATURE, auth);
}
