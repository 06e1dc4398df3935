// The app's one redaction policy, for everything shown: diffs, previews, reports, log lines, CLI output and the
// view models the renderer gets. A value is masked by the name it is given (an env var, a flag, a key in YAML,
// JSON or an ini file) whatever its length, and by its shape (EKS bearer tokens, JWTs, presigned signatures,
// long key-like strings). Access key ids stay visible: they name a key without granting anything, and the user
// needs them to find the key. Leaf module: it imports nothing, so the main process and shared/ can both use it.

export const MASK = '****';

/** Names of things that are names, paths or times, even when they mention a token or a key. */
const NOT_SECRET_SUFFIX = /_(id|ids|file|path|dir|expiration|expires_at|expiry|arn|url|uri|type|name|version|region)$/;
const SECRET_PART = /secret|token|password|passwd|passphrase/;
const SECRET_WORD = /(^|_)(pwd|private|signature|key|apikey)(_|$)/;
/** A key that names a field, not a credential: `--lookup-attributes AttributeKey=EventName`, `TagKey=team`. */
const FIELD_KEY = /(^|_)(attribute|tag|sort|partition|hash|range|object|lookup|condition)_key$/;

/** Whether a name (env var, flag, YAML/JSON/ini key; any case, `-`, `_` or camelCase) holds a secret value. */
export function isSecretName(name: string): boolean {
  const n = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return n !== '' && !NOT_SECRET_SUFFIX.test(n) && !FIELD_KEY.test(n) && (SECRET_PART.test(n) || SECRET_WORD.test(n));
}

const B64 = 'A-Za-z0-9+/_-';

type Replacer = (match: string, ...rest: string[]) => string;

const SHAPE_RULES: Array<[RegExp, string | Replacer]> = [
  // EKS bearer tokens: the whole presigned URL is a credential for 15 minutes.
  [/k8s-aws-v1\.[A-Za-z0-9_=-]+/g, `k8s-aws-v1.${MASK}`],
  // JWTs (OIDC id tokens, service account tokens): header.payload[.signature].
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{2,}(?:\.[A-Za-z0-9_-]*)?/g, MASK],
  // Presigned query parameters, URL-encoded (X-Amz-Signature%3D…); the plain form is masked by name.
  [/(X-Amz-(?:Signature|Security-Token)%3D)[^&\s"'<>]+/gi, `$1${MASK}`],
  // Authorization headers.
  [/(\b(?:Bearer|Authorization:)\s+)(?!\*{4})[A-Za-z0-9._~+/=-]{8,}/gi, `$1${MASK}`],
];

// name=value, name: value, "name": "value" (ini files, env vars, JSON, YAML, logfmt). A bare CamelCase word
// before ':' is an error code (`InvalidClientTokenId: The security token…`), not a key, unless quoted.
const NAMED_VALUE = /(?<![\w.-])(["']?)([A-Za-z][\w.-]*)\1([ \t]*([:=])[ \t]*)(["']?)([^\s"',;&}]+)/g;
// --token VALUE, --password=VALUE in command lines.
const FLAG_VALUE = /(?<!\S)(--?[A-Za-z][\w-]*)(=|[ \t]+)(?!-)([^\s"']+)/g;
// A long run of base64 characters with letters and digits mixed: secret keys are 40, session and SSO tokens
// hundreds. Base64 has '=' only as padding, so NAME=value is two runs. Parts of ARNs, host names and file paths
// are left alone (see isHarmless).
const LONG_OPAQUE = new RegExp(`(?<![${B64}])(?=[${B64}]*\\d)(?=[${B64}]*[A-Za-z])[${B64}]{32,}={0,2}(?![=${B64}])`, 'g');

const ERROR_CODE = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$/;

/** Free text with every secret-looking value masked. */
export function redact(text: string): string {
  let out = text;
  for (const [re, repl] of SHAPE_RULES) out = out.replace(re, repl as string);
  out = out.replace(NAMED_VALUE, (whole, q: string, name: string, sep: string, op: string, vq: string, value: string, offset: number, all: string) => {
    if (value.includes(MASK) || !isSecretName(name)) return whole;
    if (op === ':' && !q && (ERROR_CODE.test(name) || !startsEntry(all, offset))) return whole;
    return `${q}${name}${q}${sep}${vq}${MASK}`;
  });
  out = out.replace(FLAG_VALUE, (whole, flag: string, sep: string, value: string) => (isSecretName(flag) && !value.includes(MASK) ? `${flag}${sep}${MASK}` : whole));
  return out.replace(LONG_OPAQUE, (m: string, offset: number, whole: string) => (isHarmless(m, whole[offset - 1]) ? m : MASK));
}

/**
 * Whether an unquoted `name:` starts a YAML or JSON entry (at the start of a line, after `- `, `{` or `,`) rather
 * than standing in a sentence ("not an EKS token: the token does not hold a URL").
 */
function startsEntry(all: string, offset: number): boolean {
  const lineStart = all.lastIndexOf('\n', offset - 1) + 1;
  return /^[\s{,-]*$/.test(all.slice(lineStart, offset));
}

/** Long mixed strings that are not secrets: key ids, hex digests and UUIDs, backup ids, and runs that continue an ARN, a host or a path. */
function isHarmless(s: string, before: string | undefined): boolean {
  if (/^(AKIA|ASIA|AROA|AIDA|ANPA|AGPA|AIPA)[A-Z0-9]{12,}$/.test(s)) return true;
  if (/^[0-9a-fA-F-]{32,}$/.test(s)) return true;
  // Names joined by dashes (a profile "acme-dev-444455556666-EKSDeveloper"): each part all letters or all digits.
  if (/^(?:[A-Za-z]+|\d+)(?:-(?:[A-Za-z]+|\d+))+$/.test(s)) return true;
  // The id of a backup record the app wrote: the cluster, its region, the time of the write and a few random characters.
  if (/-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-[a-z0-9]{1,6}$/.test(s)) return true;
  return before === ':' || before === '.' || s.startsWith('/');
}

/** Also masks the exact values given (the secrets of the current environment), wherever they appear. */
export function redactKnown(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 8) out = out.split(s).join(MASK);
  return redact(out);
}

/** The shell's working folders: "pwd" names a password elsewhere, but these hold paths (masking them would hide every path below). */
const SHELL_FOLDERS = new Set(['PWD', 'OLDPWD']);

/** The values of this environment whose names hold secrets: they must never appear in anything shown. */
export function envSecrets(env: Record<string, string | undefined>): string[] {
  return Object.entries(env).flatMap(([k, v]) => (v && isSecretName(k) && !SHELL_FOLDERS.has(k) ? [v] : []));
}

/** Trimmed, redacted and bounded: for a child's stderr. */
export function redactBounded(text: string, maxChars = 2000): string {
  const trimmed = redact(text.trim());
  return trimmed.length > maxChars ? `${trimmed.slice(0, maxChars)}…` : trimmed;
}

/** Env entries (a kubeconfig exec block's) with the values of secret names, or secret-looking values, masked. */
export function redactEnvEntries(entries: Array<{ name: string; value: string }>): Array<{ name: string; value: string }> {
  return entries.map((e) => ({ name: e.name, value: isSecretName(e.name) ? MASK : redact(e.value) }));
}

/** Command arguments with the value after a secret flag (`--token X`, `--password=X`) and secret-looking text masked. */
export function redactArgs(args: string[]): string[] {
  return args.map((arg, i) => {
    const flag = /^--?([\w-]+)=/.exec(arg);
    if (flag && isSecretName(flag[1]!)) return `${flag[0]}${MASK}`;
    const previous = i > 0 ? /^--?([\w-]+)$/.exec(args[i - 1]!) : null;
    if (previous && isSecretName(previous[1]!)) return MASK;
    return redact(arg);
  });
}

const KEY_LINE = /^(\s*(?:-\s+)?)(["']?)([\w.-]+)\2(\s*:\s*)(.*?)(,?\s*)$/;
const ITEM_LINE = /^(\s*(?:-\s+)?)(["']?)(.*?)\2(,?\s*)$/;

/**
 * The lines of a YAML or JSON file (a kubeconfig) as they may be shown, one for one. Besides `redact`, a value is
 * masked when its key is a secret name, when it is the `value` of an env entry whose `name` is one, and when it
 * is the list item after a secret flag (`- --token` then `- abc`) — whatever its length.
 */
export function redactFileLines(lines: string[]): string[] {
  let envName = '';
  let afterSecretFlag = false;
  return lines.map((line) => {
    const key = KEY_LINE.exec(line);
    const wasAfterFlag = afterSecretFlag;
    afterSecretFlag = false;
    if (key) {
      const [, lead, q, name, sep, rawValue, tail] = key as unknown as string[];
      const value = rawValue!.replace(/^(["'])(.*)\1$/, '$2');
      if (name === 'name') envName = value;
      const secret = isSecretName(name!) || (name === 'value' && isSecretName(envName));
      if (secret && value !== '' && !/^[|>[{]/.test(value)) return `${lead}${q}${name}${q}${sep}${rawValue!.replace(/^(["']?).*?\1$/, `$1${MASK}$1`)}${tail}`;
      return redact(line);
    }
    const item = /^\s*(?:-\s+|["'])/.test(line) ? ITEM_LINE.exec(line) : null;
    if (!item) return redact(line);
    const [, lead, q, value, tail] = item as unknown as string[];
    if (wasAfterFlag && value) return `${lead}${q}${MASK}${q}${tail}`;
    const flag = /^--?([\w-]+)(=.*)?$/.exec(value!);
    if (flag && isSecretName(flag[1]!)) {
      if (flag[2]) return `${lead}${q}${value!.slice(0, value!.indexOf('=') + 1)}${MASK}${q}${tail}`;
      afterSecretFlag = true;
    }
    return redact(line);
  });
}
