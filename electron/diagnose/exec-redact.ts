// Keeps secrets out of what the diagnosis reports about an exec plugin: its env values and its stderr.

const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|SESSION|PRIVATE|ACCESS_KEY|API_KEY/i;

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

/** Trimmed, redacted and bounded, for failure.stderr. */
export function cleanStderr(stderr: string, maxChars = 2000): string {
  const trimmed = redactText(stderr.trim());
  return trimmed.length > maxChars ? `${trimmed.slice(0, maxChars)}…` : trimmed;
}
