// Keeps secrets out of what the diagnosis reports about an exec plugin: its env values and its stderr.

const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|PRIVATE|ACCESS_KEY|API_KEY/i;

export const REDACTED = '<redacted>';

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Env entries with the values of secret-looking names (or secret-looking values) replaced. */
export function redactEnvEntries(entries: Array<{ name: string; value: string }>): Array<{ name: string; value: string }> {
  return entries.map((e) => ({ name: e.name, value: isSecretName(e.name) || looksLikeSecretValue(e.value) ? REDACTED : e.value }));
}

function looksLikeSecretValue(value: string): boolean {
  return /^k8s-aws-v1\./.test(value) || /^[A-Za-z0-9+/=_-]{40,}$/.test(value);
}

/**
 * Text with EKS tokens, bearer tokens, AWS secret keys, session tokens and access key IDs masked.
 * Access key IDs are not secret by AWS's definition, but they identify a key and stay out of reports.
 */
export function redactText(text: string): string {
  return text
    .replace(/k8s-aws-v1\.[A-Za-z0-9_-]+/g, `k8s-aws-v1.${REDACTED}`)
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${REDACTED}`)
    .replace(/\b((?:[a-z]+_)*[a-z]*?(?:secret|token|password)(?:[_-][a-z]+)*["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, `$1${REDACTED}`)
    .replace(/\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g, (id) => `${id.slice(0, 4)}…${id.slice(-4)}`)
    .replace(/[A-Za-z0-9+/]{40,}={0,2}/g, REDACTED);
}

/** Exec args with the value after a secret-named flag (`--token X`, `--password=X`) and any secret-looking text masked. */
export function redactArgs(args: string[]): string[] {
  return args.map((arg, i) => {
    const flag = /^--?([\w-]+)=(.*)$/.exec(arg);
    if (flag && isSecretName(flag[1]!)) return `${arg.slice(0, arg.indexOf('=') + 1)}${REDACTED}`;
    const previous = i > 0 ? /^--?([\w-]+)$/.exec(args[i - 1]!) : null;
    if (previous && isSecretName(previous[1]!)) return REDACTED;
    return redactText(arg);
  });
}

/** Trimmed, redacted and bounded, for failure.stderr. */
export function cleanStderr(stderr: string, maxChars = 2000): string {
  const trimmed = redactText(stderr.trim());
  return trimmed.length > maxChars ? `${trimmed.slice(0, maxChars)}…` : trimmed;
}
