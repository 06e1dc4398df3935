// Masks anything secret-looking in text that leaves the main process (view models, the Markdown report).
// Access key ids (AKIA…/ASIA…) stay visible: they name a key without granting anything, and the user needs
// them to find the key. Secret keys, session tokens, EKS bearer tokens, SSO tokens and presigned-URL
// signatures are masked — by the name they are given (key=value, "key": "value", env vars) and by shape.

export const MASK = '****';

const SECRET_NAMES = [
  'aws_secret_access_key',
  'secret_access_key',
  'secretaccesskey',
  'aws_session_token',
  'aws_security_token',
  'session_token',
  'sessiontoken',
  'security_token',
  'accesstoken',
  'access_token',
  'refreshtoken',
  'refresh_token',
  'clientsecret',
  'client_secret',
  'password',
];

const namePattern = SECRET_NAMES.map((n) => n.replace(/_/g, '[-_]?')).join('|');

type Replacer = (match: string, ...rest: never[]) => string;

const RULES: Array<[RegExp, string | Replacer]> = [
  // EKS bearer tokens: the whole presigned URL is a credential for 15 minutes.
  [/k8s-aws-v1\.[A-Za-z0-9_=-]+/g, `k8s-aws-v1.${MASK}`],
  // Presigned query parameters, plain or URL-encoded (X-Amz-Signature%3D…).
  [/(X-Amz-(?:Signature|Security-Token)(?:=|%3D))[^&\s"'<>]+/gi, `$1${MASK}`],
  // Authorization headers.
  [/(\b(?:Bearer|Authorization:)\s+)(?!\*{4})[A-Za-z0-9._~+/=-]{8,}/gi, `$1${MASK}`],
  // name = value, name: value, NAME=value, "name": "value" (ini files, env vars, JSON, YAML).
  [new RegExp(`((?:${namePattern})["']?\\s*[:=]\\s*["']?)(?!\\*{4})([^\\s"',;&}]+)`, 'gi'), `$1${MASK}`],
  // By shape: a long run of base64 characters with letters and digits mixed (secret keys are 40, session
  // and SSO tokens hundreds). Parts of ARNs, host names and file paths are left alone (see isHarmless).
  [/(?<![A-Za-z0-9+/=_-])(?=[A-Za-z0-9+/=_-]*\d)(?=[A-Za-z0-9+/=_-]*[A-Za-z])[A-Za-z0-9+/=_-]{32,}(?![A-Za-z0-9+/=_-])/g, shapeMask as Replacer],
];

function shapeMask(m: string, offset: number, whole: string): string {
  return isHarmless(m, whole[offset - 1]) ? m : MASK;
}

/**
 * Long mixed strings that are not secrets: key ids, hex digests and UUIDs, and runs that continue an ARN,
 * a host name or a path (preceded by ':' or '.', or starting with '/').
 */
function isHarmless(s: string, before: string | undefined): boolean {
  if (/^(AKIA|ASIA|AROA|AIDA|ANPA|AGPA|AIPA)[A-Z0-9]{12,}$/.test(s)) return true;
  if (/^[0-9a-fA-F-]{32,}$/.test(s)) return true;
  if (before === ':' || before === '.' || s.startsWith('/')) return true;
  return false;
}

export function redact(text: string): string {
  let out = text;
  for (const [re, repl] of RULES) out = out.replace(re, repl as string);
  return out;
}

/** Also masks the exact values given (known secrets of the current environment, e.g. AWS_SECRET_ACCESS_KEY). */
export function redactKnown(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 8) out = out.split(s).join(MASK);
  return redact(out);
}

/** The values of this environment that are secrets: they must never appear in anything shown. */
export function envSecrets(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([k, v]) => v && /^AWS_(SECRET_ACCESS_KEY|SESSION_TOKEN|SECURITY_TOKEN)$/.test(k))
    .map(([, v]) => v!);
}
