// Reads what an exec plugin printed the way client-go does, and checks the apiVersions kubectl accepts.

/** The exec apiVersions kubectl 1.24+ accepts; v1alpha1 was removed in 1.24. */
export const SUPPORTED_EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];

/** kubectl's own words for an apiVersion it does not support (checked before the plugin runs). */
export function invalidApiVersionMessage(apiVersion: string | undefined): string | undefined {
  if (apiVersion && SUPPORTED_EXEC_API_VERSIONS.includes(apiVersion)) return undefined;
  return `exec plugin: invalid apiVersion "${apiVersion ?? ''}"`;
}

const INTERACTIVE_MODES = ['Never', 'IfAvailable', 'Always'];

/** kubectl's checks of the exec block itself (client-go clientcmd validation), in its words. */
export function invalidExecConfigMessage(exec: { apiVersion?: unknown; interactiveMode?: unknown }, userName: string): string | undefined {
  const mode = exec.interactiveMode;
  if (exec.apiVersion === 'client.authentication.k8s.io/v1' && (mode === undefined || mode === '')) {
    return `interactiveMode must be specified for ${userName} to use exec authentication plugin`;
  }
  if (mode !== undefined && mode !== '' && !INTERACTIVE_MODES.includes(String(mode))) {
    return `invalid interactiveMode for ${userName}: ${JSON.stringify(String(mode))}`;
  }
  return undefined;
}

export type ParsedExecCredential = { ok: true; token: string; expirationTimestamp?: string } | { ok: false; message: string };

export function parseExecCredential(stdout: string, expectedApiVersion: string): ParsedExecCredential {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return { ok: false, message: `the plugin printed no ExecCredential JSON (${stdout.trim() ? 'unparseable output' : 'empty output'})` };
  }
  const cred = parsed as { kind?: unknown; apiVersion?: unknown; status?: { token?: unknown; expirationTimestamp?: unknown; clientCertificateData?: unknown } };
  if (!cred || typeof cred !== 'object' || cred.kind !== 'ExecCredential') return { ok: false, message: 'the plugin output is not an ExecCredential' };
  if (cred.apiVersion !== expectedApiVersion) {
    return { ok: false, message: `exec plugin is configured to use API version ${expectedApiVersion}, plugin returned version ${String(cred.apiVersion)}` };
  }
  const token = cred.status?.token;
  if (typeof token !== 'string' || !token) {
    return { ok: false, message: cred.status?.clientCertificateData ? 'the plugin returned a client certificate, not an EKS token' : "exec plugin didn't return a token or cert/key pair" };
  }
  const expiration = cred.status?.expirationTimestamp;
  return { ok: true, token, ...(typeof expiration === 'string' ? { expirationTimestamp: expiration } : {}) };
}
